// Where a content-addressed cache keeps an entry: in a folder named after the first two hex digits
// of its key, so that no folder grows past a few hundred entries (256 folders). Shared by the seed
// cache, the page cache and the published files' caches.
import { join } from 'node:path';

/** The folder of `dir` an entry under `key` goes in. */
export function keyFolder(dir: string, key: string): string {
  return join(dir, key.slice(0, 2));
}

/** An entry's path: `<dir>/<first two hex digits>/<key><suffix>`. */
export function keyedPath(dir: string, key: string, suffix = ''): string {
  return join(keyFolder(dir, key), `${key}${suffix}`);
}
