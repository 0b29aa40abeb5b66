// Output is written to a temporary sibling folder and swapped into place, so a failed or killed
// run never leaves a half-written output: readers see the previous good one.
import { mkdir, readdir, rename, rm, writeFile, stat } from 'node:fs/promises';
import { dirname, join, basename, resolve, relative, isAbsolute } from 'node:path';
import { isRunning } from './processes.ts';
import { eachAtOnce } from './eachAtOnce.ts';

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

/**
 * Restores the previous output if a run was killed between the two renames of a swap, and removes
 * what killed runs left behind: a backup already replaced, staging folders of processes now gone.
 */
export async function recoverOutput(out: string): Promise<void> {
  const target = resolve(out);
  const backup = backupOf(target);
  if (!(await exists(target)) && (await exists(backup))) await rename(backup, target);
  else if (await exists(backup)) await rm(backup, { recursive: true, force: true });
  const prefix = stagingPrefix(target);
  const siblings = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of siblings.filter((sibling) => sibling.startsWith(prefix))) {
    const pid = Number(/^(\d+)-/u.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || !isRunning(pid)) {
      await rm(join(dirname(target), name), { recursive: true, force: true });
    }
  }
}

export interface OutputWriter {
  /** Writes a file inside the staging folder; the path may not leave it. */
  write(path: string, content: string | Uint8Array): Promise<void>;
  /** Writes every file (path → content), many at once. */
  writeAll(files: ReadonlyMap<string, string | Uint8Array>): Promise<void>;
  /** Swaps the staged folder into place. */
  commit(): Promise<void>;
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
  const write = async (path: string, content: string | Uint8Array) => {
    const full = resolve(staging, path);
    const inside = relative(staging, full);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`refusing to write ${JSON.stringify(path)}: it would leave the output folder`);
    }
    const folder = dirname(full);
    if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
    await folders.get(folder);
    await writeFile(full, content);
  };
  return {
    write,
    writeAll: (files) => eachAtOnce([...files], ([path, content]) => write(path, content)),
    async commit() {
      const backup = backupOf(target);
      const hadOutput = await exists(target);
      if (hadOutput) await rename(target, backup);
      await rename(staging, target);
      if (hadOutput) await rm(backup, { recursive: true, force: true });
    },
    async abandon() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}
