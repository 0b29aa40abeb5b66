// The downloadable files, copied into the built site once every page is written: the pipeline's
// output under downloads/ (with each document's rows of every table as CSV), the raw seeds under
// seeds/ and the frozen releases under releases/. Copying beats one Astro route per file: at
// thousands of documents the routes cost more than every page together.
import type { AstroIntegration } from 'astro';
import { copyFile, link, mkdir, readdir, writeFile } from 'node:fs/promises';
import { constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getArchive } from '../lib/data.ts';
import { documentTables, seedBytes, seedName } from '../lib/downloads.ts';
import { dataDir, releasesDir } from '../lib/paths.ts';

/**
 * Puts a folder's files into the built site: hard links where the file system allows (the
 * pipeline output and frozen releases are never written in place, and a link costs no copy),
 * else copies. Hidden files (staging leftovers, editor files) are never published.
 */
async function publishFolder(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  await mkdir(to, { recursive: true });
  const entries = (await readdir(from, { withFileTypes: true })).filter(
    (entry) => !entry.name.startsWith('.'),
  );
  await eachAtOnce(entries, async (entry) => {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await publishFolder(source, target);
    else if (entry.isFile()) await linkOrCopy(source, target);
  });
}

/** File operations in flight at once: enough to keep the file system busy, few enough for its handles. */
const AT_ONCE = 32;

async function eachAtOnce<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, lane));
}

/** Another file system, or one without hard links: copy. A name taken twice is an error either way. */
const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    if (!COPY_INSTEAD.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(source, target, constants.COPYFILE_EXCL);
  }
}

export async function publishFiles(outDir: string): Promise<{ files: number }> {
  await publishFolder(dataDir(), join(outDir, 'downloads'));
  await publishFolder(releasesDir(), join(outDir, 'releases'));
  let files = 0;
  const seeds = join(outDir, 'seeds');
  await mkdir(seeds, { recursive: true });
  await eachAtOnce(getArchive().documents, async (document) => {
    const extracts = join(outDir, 'downloads', 'documents', document.id);
    await mkdir(extracts, { recursive: true });
    const tables = documentTables(document);
    for (const table of tables) await writeFile(join(extracts, table.name), table.csv(), { flag: 'wx' });
    await writeFile(join(seeds, seedName(document)), await seedBytes(document), { flag: 'wx' });
    files += tables.length + 1;
  });
  return { files };
}

export default function publishFilesIntegration(): AstroIntegration {
  return {
    name: 'pprd-downloads',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const { files } = await publishFiles(fileURLToPath(dir));
        logger.info(
          `downloads: pipeline output, releases and ${files} per-document files in ${Date.now() - started} ms`,
        );
      },
    },
  };
}
