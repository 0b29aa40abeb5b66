// Output sizes: bytes and files under a folder, and the HTML pages among them.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderSize {
  bytes: number;
  files: number;
  /** Files ending in .html. */
  pages: number;
}

export async function folderSize(path: string): Promise<FolderSize> {
  const size = { bytes: 0, files: 0, pages: 0 };
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    size.files++;
    if (entry.name.endsWith('.html')) size.pages++;
    size.bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return size;
}
