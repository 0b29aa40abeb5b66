// Puts a file at a second path: a hard link where the file system allows (what is linked — a
// previous output's files, the pipeline output in the built site, cached pages and extracts — is
// never written in place, and a link costs no copy), else a copy. A name taken is an error either way.
import { copyFile, link } from 'node:fs/promises';
import { constants } from 'node:fs';

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
