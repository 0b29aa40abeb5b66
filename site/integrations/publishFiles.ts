// The downloadable files: the pipeline's output under downloads/ (with each document's rows of
// every table as CSV), the raw seeds under seeds/ and the frozen releases under releases/. Copying
// beats one Astro route per file: at thousands of documents the routes cost more than every page
// together. They need only the pipeline's output, so a child process writes them while Astro
// renders the pages (backgroundStep.ts), and they join the site when every page is written.
//
//   publishFiles.ts --out <dir>      the files into <dir> (downloads/, seeds/, releases/)
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentTables, seedBytes, seedName } from '../lib/downloads.ts';
import { dataDir, releasesDir } from '../lib/paths.ts';
import { eachAtOnce, linkTree } from '../lib/linkTree.ts';
import { readRecordFile, recordFiles } from '../lib/recordSource.ts';
import { backgroundIntegration } from './backgroundStep.ts';

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

export default function publishFilesIntegration() {
  return backgroundIntegration({
    integration: 'pprd-downloads',
    step: 'downloads',
    cli: 'integrations/publishFiles.ts',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' } } });
    if (!values.out) throw new Error('usage: publishFiles.ts --out <dir>');
    const started = Date.now();
    const { files } = await publishFiles(values.out);
    console.log(
      `downloads: pipeline output, releases and ${files} per-document files in ${Date.now() - started} ms`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
