// Releases are immutable. A new release is written to a hidden staging folder beside the others
// and renamed into place in one step; an existing release is only compared: the same bytes are a
// no-op, different bytes an error naming the first file that differs.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { comparePaths } from './checksums.ts';
import { LazyFiles } from './lazyFiles.ts';

export class ReleaseExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseExistsError';
  }
}

/** Every file under a folder, by POSIX path relative to it, skipping nothing: each read when asked for (lazyFiles.ts). */
export function readTree(root: string): Promise<LazyFiles> {
  return LazyFiles.ofFolder(root);
}

/** Payload first, then the descriptive tag files, then the manifests derived from them all. */
const DERIVED = ['bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'SHA256SUMS'];
function rank(path: string): number {
  if (path.startsWith('data/')) return 0;
  return DERIVED.includes(path) ? 2 + DERIVED.indexOf(path) : 1;
}

/** The first path whose presence or bytes differ, with how, and how many paths differ in all. */
export function firstDifference(
  existing: ReadonlyMap<string, Uint8Array>,
  wanted: ReadonlyMap<string, Uint8Array>,
): { path: string; how: string; count: number } | undefined {
  const paths = [...new Set([...existing.keys(), ...wanted.keys()])].sort(
    (a, b) => rank(a) - rank(b) || comparePaths(a, b),
  );
  const differences: { path: string; how: string }[] = [];
  for (const path of paths) {
    const have = existing.get(path);
    const want = wanted.get(path);
    if (!have) differences.push({ path, how: 'the new build has it, the release does not' });
    else if (!want) differences.push({ path, how: 'the release has it, the new build does not' });
    else if (Buffer.compare(have, want) !== 0) differences.push({ path, how: 'its bytes differ' });
  }
  const first = differences[0];
  return first && { ...first, count: differences.length };
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
        `first differing file ${difference.path} (${difference.how}; ${difference.count} file(s) differ in all). ` +
        'Releases are immutable: ' +
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
