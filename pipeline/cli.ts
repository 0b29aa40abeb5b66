// npm run pipeline -- --seeds <dir> --out <dir> [--keep-going]
// Reads every seed, runs the stages, and swaps the finished output into place.
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { rawToClean, DEFAULT_CLEAN_CONFIG, type CleanDocument } from './rawToClean.ts';
import { parseOverrides, OVERRIDES_FILE, type Override } from './applyOverrides.ts';
import { changesToRows, REPAIR_COLUMNS } from './changesToRows.ts';
import { InputError } from './inputError.ts';
import { stageOutput } from './outputFolder.ts';

/** Files in the seeds folder that are configuration, not seeds. */
const RESERVED = new Set([OVERRIDES_FILE, 'SHA256SUMS', 'README.md']);

export interface PipelineOptions {
  seeds: string;
  out: string;
  keepGoing: boolean;
}

export interface PipelineResult {
  documents: CleanDocument[];
  failures: InputError[];
  written: boolean;
}

export async function listSeeds(seedsDir: string): Promise<string[]> {
  const entries = await readdir(seedsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !RESERVED.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

async function readOverrides(seedsDir: string): Promise<Override[]> {
  const file = join(seedsDir, OVERRIDES_FILE);
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return parseOverrides(json, file);
}

export function csv(rows: readonly object[], columns: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: [...columns],
    record_delimiter: '\r\n',
  });
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const overrides = await readOverrides(options.seeds);
  const config = { ...DEFAULT_CLEAN_CONFIG, overrides };
  const documents: CleanDocument[] = [];
  const failures: InputError[] = [];
  const hashes = new Map<string, string>();
  for (const name of await listSeeds(options.seeds)) {
    const sourceFile = join(options.seeds, name);
    try {
      const bytes = await readFile(sourceFile);
      hashes.set(sourceFile, createHash('sha256').update(bytes).digest('hex'));
      const document = rawToClean(bytes, sourceFile, config);
      const twin = documents.find((other) => other.id === document.id);
      if (twin) {
        throw new InputError(
          sourceFile,
          undefined,
          `same document id ${document.id} as ${twin.sourceFile}${document.docNumber ? ` (both are ${document.docNumber.canonical})` : ''}`,
          'Keep one copy of the document, or fix the 发文字号 that was scraped wrongly with an override',
        );
      }
      documents.push(document);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length > 0 && !options.keepGoing) return { documents, failures, written: false };

  const output = await stageOutput(options.out);
  try {
    for (const document of documents) {
      await output.write(join('text', `${document.id}.txt`), document.history.text);
    }
    await output.write('repairs.csv', csv(documents.flatMap(changesToRows), REPAIR_COLUMNS));
    const ingest = documents.map((document) => ({
      id: document.id,
      source_file: document.sourceFile,
      source_sha256: hashes.get(document.sourceFile),
      ...document.decoded,
      doc_number: document.docNumber?.canonical ?? null,
      unresolved_characters: document.unresolved,
    }));
    const failed = failures.map((failure) => ({
      file: failure.file,
      line: failure.line,
      reason: failure.reason,
    }));
    await output.write(
      'ingest.json',
      `${JSON.stringify({ documents: ingest, failures: failed }, null, 2)}\n`,
    );
    await output.commit();
  } catch (error) {
    await output.abandon();
    throw error;
  }
  return { documents, failures, written: true };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'data/build' },
      'keep-going': { type: 'boolean', default: false },
    },
  });
  const result = await runPipeline({ seeds: values.seeds, out: values.out, keepGoing: values['keep-going'] });
  for (const failure of result.failures) console.error(`error: ${failure.message}`);
  const unresolved = result.documents.reduce((sum, document) => sum + document.unresolved, 0);
  console.log(
    `${result.documents.length} document(s) cleaned, ${result.failures.length} failed` +
      (unresolved ? `, ${unresolved} lost character(s) marked 〓 for review` : '') +
      (result.written ? ` → ${values.out}` : '; nothing written (use --keep-going to publish the rest)'),
  );
  if (result.failures.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
