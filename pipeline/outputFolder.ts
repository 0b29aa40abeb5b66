// Output is written to a temporary sibling folder and swapped into place, so a failed or killed
// run never leaves a half-written output: readers see the previous good one. The pipeline's
// output and the built site (site/integrations/swapOutput.ts) are both written this way.
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, rename, rm, writeFile, stat } from 'node:fs/promises';
import { dirname, join, basename, resolve, relative, isAbsolute } from 'node:path';
import { isRunning } from './processes.ts';
import { eachAtOnce } from './eachAtOnce.ts';
import { linkOrCopy } from './linkOrCopy.ts';
import { spliceBytes, type Splice } from './recordsToFiles.ts';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function backupOf(out: string): string {
  return join(dirname(out), `.${basename(out)}.previous`);
}

function stagingPrefix(out: string): string {
  return `.${basename(out)}.tmp-`;
}

/** A replaced output being removed by a process of its own (see commit). */
function removingPrefix(out: string): string {
  return `.${basename(out)}.removing-`;
}

/** Whether a replaced copy of `out` is still being removed beside it (see commit). */
export async function removalPending(out: string): Promise<boolean> {
  const target = resolve(out);
  const prefix = removingPrefix(target);
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  return siblings.some((name) => name.startsWith(prefix));
}

/** Waits until no replaced copy of `out` is still being removed beside it (at most `limitMs`). */
export async function removalDone(out: string, limitMs = 60_000): Promise<void> {
  for (let waited = 0; waited < limitMs && (await removalPending(out)); waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Removes a folder in a detached process, so that the caller's run can end before it is gone (a
 * site of 5,000 documents is 85,000 files: seconds of removing).
 */
function removeDetached(folder: string): void {
  const script =
    'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })';
  spawn(process.execPath, ['-e', script, folder], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Restores the previous output if a run was killed between the two renames of a swap, and removes
 * what ended runs left behind: a backup already replaced, staging folders of processes now gone,
 * and (in the background) replaced outputs not yet removed.
 */
export async function recoverOutput(out: string): Promise<void> {
  const target = resolve(out);
  const backup = backupOf(target);
  if (!(await exists(target)) && (await exists(backup))) await rename(backup, target);
  else if (await exists(backup)) await rm(backup, { recursive: true, force: true });
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const prefix of [stagingPrefix(target), removingPrefix(target)]) {
    for (const name of siblings.filter((sibling) => sibling.startsWith(prefix))) {
      const pid = Number(/^(\d+)-/u.exec(name.slice(prefix.length))?.[1]);
      if (Number.isSafeInteger(pid) && isRunning(pid)) continue;
      const folder = join(dirname(target), name);
      // A replaced output is named for the run that replaced it, whose remover may well still be
      // at work: it is handed to a remover of its own rather than waited for.
      if (prefix === removingPrefix(target)) removeDetached(folder);
      else await rm(folder, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

export interface OutputWriter {
  /** The staging folder, for a writer of its own (a site generator). */
  readonly folder: string;
  /** Writes a file inside the staging folder; the path may not leave it. */
  write(path: string, content: string | Uint8Array): Promise<void>;
  /** Writes every file (path → content), many at once. */
  writeAll(files: ReadonlyMap<string, string | Uint8Array>): Promise<void>;
  /** Keeps these files of the output being replaced, as they are (linked where it can be). */
  keep(paths: readonly string[]): Promise<void>;
  /** Writes a file of new text and byte ranges of the output being replaced's file of that path. */
  splice(path: string, pieces: Splice): Promise<void>;
  /**
   * Swaps the staged folder into place and removes the previous output: before returning, or with
   * `inBackground`, in a detached process (a later run sweeps what a killed one left). True when
   * there was a previous output.
   */
  commit(options?: { inBackground?: boolean }): Promise<boolean>;
  /** Drops the staged folder, leaving the previous output as it was. */
  abandon(): Promise<void>;
}

export async function stageOutput(out: string): Promise<OutputWriter> {
  const target = resolve(out);
  await recoverOutput(target);
  const staging = join(dirname(target), `${stagingPrefix(target)}${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  // Each folder is made once, not once per file written into it.
  const folders = new Map<string, Promise<unknown>>();
  /** The path in the staging folder (its folder made) and in the output being replaced. */
  const place = async (path: string) => {
    const full = resolve(staging, path);
    const inside = relative(staging, full);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`refusing to write ${JSON.stringify(path)}: it would leave the output folder`);
    }
    const folder = dirname(full);
    if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
    await folders.get(folder);
    return { full, previous: join(target, inside) };
  };
  const write = async (path: string, content: string | Uint8Array) =>
    writeFile((await place(path)).full, content);
  return {
    folder: staging,
    write,
    writeAll: (files) => eachAtOnce([...files], ([path, content]) => write(path, content)),
    keep: (paths) =>
      eachAtOnce(paths, async (path) => {
        const { full, previous } = await place(path);
        await linkOrCopy(previous, full);
      }),
    async splice(path, pieces) {
      const { full, previous } = await place(path);
      await writeFile(full, spliceBytes(await readFile(previous), pieces));
    },
    async commit({ inBackground = false } = {}) {
      const backup = backupOf(target);
      const hadOutput = await exists(target);
      if (hadOutput) await rename(target, backup);
      await rename(staging, target);
      if (!hadOutput) return false;
      if (!inBackground) {
        await rm(backup, { recursive: true, force: true });
        return true;
      }
      // Named for this process: a run after it ends sweeps what the remover has not yet removed.
      const removing = join(dirname(target), `${removingPrefix(target)}${process.pid}-${Date.now()}`);
      await rename(backup, removing);
      removeDetached(removing);
      return true;
    },
    async abandon() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}
