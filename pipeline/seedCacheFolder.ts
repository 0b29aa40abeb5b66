// The seed cache on disk: one JSON file per key under <dir>/<first two hex digits>/, each written
// to a temporary name and renamed into place, so a killed run leaves whole entries or none. An
// entry that cannot be read is a miss, never an error: the seed is simply processed again.
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SeedResult } from './buildArchive.ts';
import { codeFingerprint } from './seedCache.ts';
import { eachAtOnce } from './eachAtOnce.ts';
import { keyFolder, keyedPath } from './keyedPath.ts';

/** What the per-seed results depend on besides the seed: the code, schemas, configuration, dependencies. */
const FINGERPRINTED = ['pipeline', 'schemas', 'package-lock.json'];

const entryPath = (dir: string, key: string) => keyedPath(dir, key, '.json');

/** The files under a path (the path itself when it is a file; none when it is missing). */
async function filesUnder(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return [path];
    if (code === 'ENOENT') return [];
    throw error;
  }
}

/** The fingerprint of the project's code and configuration under `root` (its `parts`: folders or files). */
export async function readCodeFingerprint(
  root: string,
  parts: readonly string[] = FINGERPRINTED,
): Promise<string> {
  const files = new Map<string, Uint8Array>();
  for (const part of parts) {
    for (const file of await filesUnder(join(root, part))) {
      files.set(relative(root, file).split(sep).join('/'), await readFile(file));
    }
  }
  return codeFingerprint(files);
}

/** An entry's text as a result; a damaged entry is a miss: the seed is processed again and the entry rewritten. */
function parseEntry(text: string | undefined): SeedResult | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as SeedResult;
  } catch {
    return undefined;
  }
}

/** One entry, read when it is found to be needed (undefined: a miss). */
export function readCacheEntry(dir: string, key: string): SeedResult | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(entryPath(dir, key), 'utf8');
  } catch {
    return undefined;
  }
  return parseEntry(text);
}

export async function loadCacheEntries(
  dir: string,
  keys: Iterable<string>,
): Promise<Map<string, SeedResult>> {
  const entries = new Map<string, SeedResult>();
  await eachAtOnce([...keys], async (key) => {
    const result = parseEntry(await readFile(entryPath(dir, key), 'utf8').catch(() => undefined));
    if (result) entries.set(key, result);
  });
  return entries;
}

export async function saveCacheEntries(
  dir: string,
  computed: ReadonlyMap<string, SeedResult>,
): Promise<void> {
  const folders = new Set([...computed.keys()].map((key) => keyFolder(dir, key)));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await eachAtOnce([...computed], async ([key, result]) => {
    const path = entryPath(dir, key);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(result));
    await rename(temporary, path);
  });
}
