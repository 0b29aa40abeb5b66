// Copies a folder's files to another folder, each linked where the file system allows
// (linkOrCopy.ts): a search shard patched from its previous version, a spare of the built site.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eachAtOnce } from './eachAtOnce.ts';
import { linkOrCopy } from './linkOrCopy.ts';

/** Links (or copies) every file under `from` to the same place under `to`, but names `skip` refuses, at any depth. */
export async function linkTree(
  from: string,
  to: string,
  skip: (name: string) => boolean = () => false,
): Promise<void> {
  await mkdir(to, { recursive: true });
  await linkInto(from, to, skip);
}

/**
 * Into a folder that exists. Each folder under it is made alone, not with its parents: a copy whose
 * destination is removed meanwhile (a spare's, see outputFolder.ts) fails rather than make it again.
 */
async function linkInto(from: string, to: string, skip: (name: string) => boolean): Promise<void> {
  const entries = (await readdir(from, { withFileTypes: true })).filter((entry) => !skip(entry.name));
  await eachAtOnce(entries, async (entry) => {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target);
      await linkInto(source, target, skip);
    } else if (entry.isFile()) await linkOrCopy(source, target);
  });
}
