// Releases are immutable. A new release is written to a hidden staging folder beside the others
// and renamed into place in one step; an existing release is only compared: the same bytes are a
// no-op, different bytes an error naming the first file that differs.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { comparePaths } from './checksums.ts';

export class ReleaseExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseExistsError';
  }
}

/** Every file under a folder, by POSIX path relative to it, skipping nothing. */
export async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else files.set(path, await readFile(join(root, path)));
    }
  }
  await walk('');
  return new Map([...files].sort(([a], [b]) => comparePaths(a, b)));
}

/** The first path, in path order, whose presence or bytes differ, with how. */
export function firstDifference(
  existing: ReadonlyMap<string, Uint8Array>,
  wanted: ReadonlyMap<string, Uint8Array>,
): { path: string; how: string } | undefined {
  const paths = [...new Set([...existing.keys(), ...wanted.keys()])].sort(comparePaths);
  for (const path of paths) {
    const have = existing.get(path);
    const want = wanted.get(path);
    if (!have) return { path, how: 'the new build has it, the release does not' };
    if (!want) return { path, how: 'the release has it, the new build does not' };
    if (Buffer.compare(have, want) !== 0) return { path, how: 'its bytes differ' };
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

export async function freezeRelease(
  releasesDir: string,
  version: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<'created' | 'unchanged'> {
  const target = join(releasesDir, version);
  if (await exists(target)) {
    const difference = firstDifference(await readTree(target), files);
    if (!difference) return 'unchanged';
    throw new ReleaseExistsError(
      `release ${version} already exists in ${releasesDir} and this build differs from it: ` +
        `first differing file ${difference.path} (${difference.how}). Releases are immutable: ` +
        'cut a new version instead (patch for corrections, minor for new records or columns, major for schema breaks).',
    );
  }
  await mkdir(releasesDir, { recursive: true });
  const staging = join(releasesDir, `.${version}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    for (const [path, bytes] of files) {
      const full = join(staging, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, bytes);
    }
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (await exists(target)) {
      throw new ReleaseExistsError(
        `release ${version} appeared in ${releasesDir} while this one was being written`,
      );
    }
    throw error;
  }
  return 'created';
}

/** Writes a file through a temporary sibling and a rename, so readers never see half of it. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const staging = `${path}.tmp-${process.pid}`;
  await writeFile(staging, content);
  await rename(staging, path);
}
