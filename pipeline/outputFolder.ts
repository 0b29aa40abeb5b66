// Output is written to a temporary sibling folder and swapped into place, so a failed or killed
// run never leaves a half-written output: readers see the previous good one. The pipeline's
// output and the built site (site/integrations/swapOutput.ts) are both written this way. The site
// keeps the output it replaces as a spare, which the next build brings up to date in place of a
// new folder (folderSync.ts): of the site's 94,000 files at 5,000 documents, a rebuild then links
// the few that changed rather than all of them. A first build, which replaces nothing, has a spare
// made by linking its output's files in a process of its own, while the machine waits for the next.
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

/** The output before the last, kept by an assembled output's run (stageAssembly) for the next one to start from. */
function spareOf(out: string): string {
  return join(dirname(out), `.${basename(out)}.spare`);
}

/** A replaced output being removed by a process of its own (see commit). */
function removingPrefix(out: string): string {
  return `.${basename(out)}.removing-`;
}

/** A spare being made by a process of its own, named as its staging folder (see copySpareDetached). */
const SPARE_COPY = /-spare$/u;

/**
 * Whether work on `out` goes on beside it in the background (see commit): a replaced copy being
 * removed, or a spare being made.
 */
export async function backgroundPending(out: string): Promise<boolean> {
  const target = resolve(out);
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  return siblings.some(
    (name) =>
      name.startsWith(removingPrefix(target)) ||
      (name.startsWith(stagingPrefix(target)) && SPARE_COPY.test(name) && runBy(name, stagingPrefix(target))),
  );
}

/** Waits until no work on `out` goes on beside it in the background (at most `limitMs`). */
export async function backgroundDone(out: string, limitMs = 60_000): Promise<void> {
  for (let waited = 0; waited < limitMs && (await backgroundPending(out)); waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Whether the process a folder beside the output is named for (after `prefix`: `<pid>-…`) is running. */
function runBy(name: string, prefix: string): boolean {
  const pid = Number(/^(\d+)-/u.exec(name.slice(prefix.length))?.[1]);
  return Number.isSafeInteger(pid) && isRunning(pid);
}

/**
 * Removes a folder in a detached process, so that the caller's run can end before it is gone (a
 * site of 5,000 documents is 94,000 files: seconds of removing).
 */
function removeDetached(folder: string): void {
  const script =
    'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })';
  spawn(process.execPath, ['-e', script, folder], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Makes a spare of `out` in a process of its own (linking a site's files takes seconds at thousands
 * of documents), for the next build to start from: each file linked (or copied) into a folder named
 * as the process's staging folder until it is whole, then renamed; none when a spare is there
 * already, or appears meanwhile (another run's, as good), or `out` changes under it (a spare is
 * only ever a starting point: a build brings whatever it holds to its own files). Plain JavaScript,
 * like removeDetached's: the process starts with no loader, from wherever this module was bundled.
 */
function copySpareDetached(target: string): void {
  const script = `
const { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const [out, spare, prefix] = process.argv.slice(1);
const copy = prefix + process.pid + '-' + Date.now() + '-spare';
// Each folder made alone: if the output's folder goes meanwhile, the copy fails rather than make it again.
const put = (from, to) => {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) put(source, target);
    else if (entry.isFile()) {
      try { linkSync(source, target); } catch { copyFileSync(source, target); }
    }
  }
};
if (!existsSync(spare)) {
  try { put(out, copy); renameSync(copy, spare); } catch { rmSync(copy, { recursive: true, force: true }); }
}`;
  const prefix = join(dirname(target), stagingPrefix(target));
  spawn(process.execPath, ['-e', script, target, spareOf(target), prefix], {
    detached: true,
    stdio: 'ignore',
  }).unref();
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
      if (runBy(name, prefix)) continue;
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

/**
 * Renames a folder, under this process's name, to be removed in the background (a later run sweeps
 * what the remover left if it was killed).
 */
async function removeInBackground(target: string, folder: string): Promise<void> {
  const removing = join(dirname(target), `${removingPrefix(target)}${process.pid}-${Date.now()}`);
  await rename(folder, removing);
  removeDetached(removing);
}

/** A staging folder of this run beside the output. */
async function stagingFolder(target: string): Promise<string> {
  // Named for this process: a run after a killed one removes it.
  const folder = join(dirname(target), `${stagingPrefix(target)}${process.pid}-${Date.now()}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Puts `folder` in place of the output, leaving the output it replaces (if any) at the backup's name. */
async function swapIn(target: string, folder: string): Promise<string | undefined> {
  const backup = backupOf(target);
  const hadOutput = await exists(target);
  if (hadOutput) await rename(target, backup);
  await rename(folder, target);
  return hadOutput ? backup : undefined;
}

export async function stageOutput(out: string): Promise<OutputWriter> {
  const target = resolve(out);
  await recoverOutput(target);
  const staging = await stagingFolder(target);
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
      const backup = await swapIn(target, staging);
      if (backup === undefined) return false;
      if (inBackground) await removeInBackground(target, backup);
      else await rm(backup, { recursive: true, force: true });
      return true;
    },
    async abandon() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}

/** An output assembled over the output before the last (see stageAssembly). */
export interface OutputAssembly {
  /** An empty folder, for a generator that writes its own files (to be moved into the assembly). */
  readonly folder: string;
  /**
   * The folder swapped into place: the spare, as the run before the last left it, or an empty one
   * when there is none. Its files may be links to files in use: it is brought to the output's files
   * by name (folderSync.ts), never written into.
   */
  readonly assembly: string;
  /**
   * Swaps the assembly into place and keeps the output it replaces as the spare (the first output
   * gets one made in the background). True when there was a previous output.
   */
  commit(): Promise<boolean>;
  /** Drops the staged folders, leaving the previous output as it was. */
  abandon(): Promise<void>;
}

/** Stages an output to be assembled over the spare the run before kept (a built site: see the top). */
export async function stageAssembly(out: string): Promise<OutputAssembly> {
  const target = resolve(out);
  await recoverOutput(target);
  const folder = await stagingFolder(target);
  // Named as this run's staging, so that a run after a killed one removes it.
  const assembly = `${folder}-assembly`;
  try {
    await rename(spareOf(target), assembly);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(assembly);
  }
  return {
    folder,
    assembly,
    async commit() {
      const backup = await swapIn(target, assembly);
      await rm(folder, { recursive: true, force: true });
      if (backup === undefined) {
        copySpareDetached(target);
        return false;
      }
      // Another run's spare, made meanwhile, gives way to this one's, the newer.
      if (await exists(spareOf(target))) await removeInBackground(target, spareOf(target));
      // Unless one appears even so (a spare being copied): then this one goes.
      await rename(backup, spareOf(target)).catch(() => removeInBackground(target, backup));
      return true;
    },
    async abandon() {
      await rm(folder, { recursive: true, force: true });
      await rm(assembly, { recursive: true, force: true });
    },
  };
}
