// The downloadable files, copied into the built site once every page is written: the pipeline's
// output under downloads/ (with each document's rows of every table as CSV), the raw seeds under
// seeds/ and the frozen releases under releases/. Copying beats one Astro route per file: at
// thousands of documents the routes cost more than every page together.
import type { AstroIntegration } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentTables, seedBytes, seedName } from '../lib/downloads.ts';
import { dataDir, releasesDir } from '../lib/paths.ts';
import { linkTree } from '../lib/linkTree.ts';
import { eachAtOnce } from '../../pipeline/eachAtOnce.ts';
import { readRecordFile, recordFiles } from '../lib/data.ts';

/** Hidden files (staging leftovers, editor files) are never published. */
const hidden = (name: string) => name.startsWith('.');

async function publishFolder(from: string, to: string): Promise<void> {
  if (existsSync(from)) await linkTree(from, to, hidden);
}

export async function publishFiles(outDir: string): Promise<{ files: number }> {
  await publishFolder(dataDir(), join(outDir, 'downloads'));
  await publishFolder(releasesDir(), join(outDir, 'releases'));
  let files = 0;
  const seeds = join(outDir, 'seeds');
  await mkdir(seeds, { recursive: true });
  // One record at a time from the pipeline's output: the pages' archive lives in another module graph.
  const data = dataDir();
  await eachAtOnce(recordFiles(data), async (name) => {
    const document = readRecordFile(data, name);
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
