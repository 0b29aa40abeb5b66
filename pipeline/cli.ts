// npm run pipeline -- --seeds <dir> --out <dir> [--keep-going]
// Reads the seeds and configuration, runs buildArchive, and swaps the finished output into place.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildArchive, type BuildResult, type SeedInput } from './buildArchive.ts';
import { parseOverrides, OVERRIDES_FILE, type Override } from './applyOverrides.ts';
import { loadGazetteer } from './resolveAgencies.ts';
import { recoverOutput, stageOutput } from './outputFolder.ts';
import type { SchemaFiles } from './validateRecords.ts';
import { InputError } from './inputError.ts';

/** Files in the seeds folder that are configuration, not seeds. */
const RESERVED = new Set([OVERRIDES_FILE, 'SHA256SUMS', 'README.md']);
const SCHEMAS_DIR = new URL('../schemas/', import.meta.url);
const GAZETTEER = new URL('./config/agencies.json', import.meta.url);

export interface PipelineOptions {
  seeds: string;
  out: string;
  keepGoing: boolean;
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
  const json = await readFile(file, 'utf8').catch(() => undefined);
  return json === undefined ? [] : parseOverrides(json, file);
}

export async function readSchemas(): Promise<SchemaFiles> {
  const schemas: SchemaFiles = {};
  for (const name of (await readdir(SCHEMAS_DIR)).filter((file) => file.endsWith('.schema.json')).sort()) {
    schemas[name] = JSON.parse(await readFile(new URL(name, SCHEMAS_DIR), 'utf8'));
  }
  return schemas;
}

export async function runPipeline(options: PipelineOptions): Promise<BuildResult & { written: boolean }> {
  // A run killed mid-swap left the previous output aside: put it back even if this run writes nothing.
  await recoverOutput(options.out);
  const seeds: SeedInput[] = [];
  for (const name of await listSeeds(options.seeds)) {
    const path = join(options.seeds, name);
    seeds.push({ path, bytes: await readFile(path) });
  }
  const result = buildArchive({
    seeds,
    overrides: await readOverrides(options.seeds),
    schemas: await readSchemas(),
    gazetteer: loadGazetteer(JSON.parse(await readFile(GAZETTEER, 'utf8'))),
  });
  if (result.failures.length > 0 && !options.keepGoing) return { ...result, written: false };
  const output = await stageOutput(options.out);
  try {
    for (const [path, content] of result.files) await output.write(path, content);
    await output.commit();
  } catch (error) {
    await output.abandon();
    throw error;
  }
  return { ...result, written: true };
}

const USAGE = 'usage: npm run pipeline -- --seeds <dir> --out <dir> [--keep-going]';

/** The message for an error that stopped the whole run: what to fix, never a stack trace. */
export function describeFatal(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // Bad arguments and file-system errors (ENOENT, EACCES…) name what to fix in their message.
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return `${message}\n${USAGE}`;
  if (typeof code === 'string') return message;
  return `internal error: ${message}. This is a pipeline bug: report it with the command and the seeds`;
}

async function main(): Promise<void> {
  try {
    const { values } = parseArgs({
      options: {
        seeds: { type: 'string', default: 'seeds' },
        out: { type: 'string', default: 'data/build' },
        'keep-going': { type: 'boolean', default: false },
      },
    });
    const result = await runPipeline({
      seeds: values.seeds,
      out: values.out,
      keepGoing: values['keep-going'],
    });
    for (const failure of result.failures) console.error(`error: ${failure.message}`);
    console.log(
      `${result.documents.length} document(s) built, ${result.failures.length} failed` +
        (result.written ? ` → ${values.out}` : '; nothing written (use --keep-going to publish the rest)'),
    );
    if (result.failures.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(`error: ${describeFatal(error)}`);
    console.log('nothing written');
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
