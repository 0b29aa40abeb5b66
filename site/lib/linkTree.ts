// Puts a folder's files into the built site: hard links where the file system allows (what is
// linked — the pipeline output, frozen releases, cached search shards — is never written in place,
// and a link costs no copy), else copies. A name taken twice is an error either way.
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';

/** Another file system, or one without hard links: copy instead. */
const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

export async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    if (!COPY_INSTEAD.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(source, target, constants.COPYFILE_EXCL);
  }
}

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
