// The baseline's search index: one Pagefind index with default settings over a built folder, as the
// Pagefind documentation's Node API example makes it. Run as its own process by scripts/bench.ts.
//
//   tsx scripts/bench/baselineIndex.ts <site folder>
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

async function main(): Promise<void> {
  const site = process.argv[2];
  if (!site) throw new Error('usage: tsx scripts/bench/baselineIndex.ts <site folder>');
  const started = performance.now();
  let pages: number;
  try {
    const { index, errors } = await pagefind.createIndex();
    check('createIndex', errors);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    const added = await index.addDirectory({ path: resolve(site) });
    check('addDirectory', added.errors);
    pages = added.page_count;
    const written = await index.writeFiles({ outputPath: join(resolve(site), 'pagefind') });
    check('writeFiles', written.errors);
  } finally {
    await pagefind.close();
  }
  console.log(`baseline search: ${pages} pages indexed in ${Math.round(performance.now() - started)} ms`);
}

await main();
