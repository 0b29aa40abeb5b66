// Puts a folder's files into the built site, each linked where the file system allows
// (pipeline/linkOrCopy.ts): the pipeline output, frozen releases, cached search shards.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';
import { linkOrCopy } from '../../pipeline/linkOrCopy.ts';

/** Links (or copies) every file under `from` to the same place under `to`, but names `skip` refuses, at any depth. */
export async function linkTree(
  from: string,
  to: string,
  skip: (name: string) => boolean = () => false,
): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = (await readdir(from, { withFileTypes: true })).filter((entry) => !skip(entry.name));
  await eachAtOnce(entries, async (entry) => {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target, skip);
    else if (entry.isFile()) await linkOrCopy(source, target);
  });
}
