// The archive the site reads, made from the repository's seeds by the pipeline in a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../pipeline/cli.ts';
import type { Archive } from '../../site/lib/data.ts';

/** Runs the pipeline on seeds/ and reads its output as the site does (SITE_DATA points at it). */
export async function seedsArchive(): Promise<Archive> {
  const data = mkdtempSync(join(tmpdir(), 'seeds-archive-'));
  const result = await runPipeline({ seeds: 'seeds', out: data, keepGoing: false });
  if (!result.written) throw new Error(`the pipeline wrote no output for seeds/ into ${data}`);
  process.env['SITE_DATA'] = data;
  const { getArchive } = await import('../../site/lib/data.ts');
  return getArchive();
}
