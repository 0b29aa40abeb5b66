// The build a release is cut from, made in a process of its own: the seeds, named seeds/<file>
// wherever their folder is and checked against seeds/SHA256SUMS, built as the pipeline builds
// them (with the seed cache when one is given), and every output file written to a new folder.
// The cut then reads those files one at a time: the build's memory (1.2 GiB at 5,000 documents,
// all of it the archive held at once) is given back before the release is assembled.
//   seedBuild.ts --seeds <dir> --out <new dir> --digests <file> [--cache <dir>]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SeedInput } from '../buildArchive.ts';
import { OVERRIDES_FILE, parseOverrides, type Override } from '../applyOverrides.ts';
import { buildFromSeeds, listSeeds } from '../cli.ts';
import { stageOutput } from '../outputFolder.ts';
import { startChild } from '../processes.ts';
import { parseChecksums, sha256 } from './checksums.ts';
import { LazyFiles } from './lazyFiles.ts';

/** A seed file's name (or the overrides') and the SHA-256 of its bytes. */
export interface SeedDigest {
  name: string;
  sha256: string;
}

interface SeedFiles {
  seeds: SeedInput[];
  overrides: Override[];
  digests: SeedDigest[];
}

/** Reads the seeds as the pipeline does, named seeds/<file> wherever the folder is, and checks them against SHA256SUMS. */
export async function readSeedFiles(seedsDir: string): Promise<SeedFiles> {
  const pins = await readFile(join(seedsDir, 'SHA256SUMS'), 'utf8').then(
    (text) => new Map(parseChecksums(text, 'seeds/SHA256SUMS').map((line) => [line.path, line.sha256])),
    () => undefined,
  );
  const seeds: SeedInput[] = [];
  const digests: SeedDigest[] = [];
  for (const name of await listSeeds(seedsDir)) {
    const bytes = await readFile(join(seedsDir, name));
    const digest = sha256(bytes);
    if (pins && pins.get(name) !== digest) {
      throw new Error(
        pins.has(name)
          ? `seeds/${name} does not match its SHA-256 in seeds/SHA256SUMS: pin the new bytes before releasing`
          : `seeds/${name} is not listed in seeds/SHA256SUMS: pin it before releasing`,
      );
    }
    seeds.push({ path: `seeds/${name}`, bytes });
    digests.push({ name, sha256: digest });
  }
  let overrides: Override[] = [];
  const overridesBytes = await readFile(join(seedsDir, OVERRIDES_FILE)).catch(() => undefined);
  if (overridesBytes !== undefined) {
    overrides = parseOverrides(overridesBytes.toString('utf8'), `seeds/${OVERRIDES_FILE}`);
    digests.push({ name: OVERRIDES_FILE, sha256: sha256(overridesBytes) });
  }
  return { seeds, overrides, digests };
}

/** This process's part: builds the seeds and writes the output and the seeds' digests. */
async function writeSeedBuild(seedsDir: string, out: string, digestsFile: string, cache?: string) {
  const { seeds, overrides, digests } = await readSeedFiles(seedsDir);
  const result = await buildFromSeeds(seeds, overrides, cache);
  if (result.failures.length > 0) {
    throw new Error(
      `the pipeline failed on ${result.failures.length} seed(s); a release needs every seed:\n` +
        result.failures.map((failure) => failure.message).join('\n'),
    );
  }
  // Written as the pipeline writes its output: each folder made once, the whole swapped into place.
  const output = await stageOutput(out);
  try {
    await output.writeAll(result.files);
    await output.commit();
  } catch (error) {
    await output.abandon();
    throw error;
  }
  await writeFile(digestsFile, JSON.stringify(digests));
}

/**
 * Builds the seeds in a process of its own into `out` (a new folder); the files, each read when
 * asked for, and the seeds' digests. Fails with the build's own message (an unpinned seed, a seed
 * the pipeline cannot build).
 */
export async function buildSeedsApart(
  seedsDir: string,
  out: string,
  cache: string | undefined,
): Promise<{ build: LazyFiles; digests: SeedDigest[] }> {
  const digestsFile = `${out}.digests.json`;
  const args = ['--seeds', seedsDir, '--out', out, '--digests', digestsFile];
  if (cache !== undefined) args.push('--cache', cache);
  // A cut that stops takes its build with it (startChild).
  const { code, signal, stderr } = await startChild(process.execPath, [
    fileURLToPath(import.meta.url),
    ...args,
  ]).done;
  if (code !== 0)
    throw new Error(stderr.trim() || `the release's build stopped (${signal ?? `exit ${code}`})`);
  const digests = JSON.parse(await readFile(digestsFile, 'utf8')) as SeedDigest[];
  return { build: await LazyFiles.ofFolder(out), digests };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string' },
      out: { type: 'string' },
      digests: { type: 'string' },
      cache: { type: 'string' },
    },
  });
  try {
    if (!values.seeds || !values.out || !values.digests)
      throw new Error('usage: seedBuild.ts --seeds <dir> --out <new dir> --digests <file> [--cache <dir>]');
    await writeSeedBuild(values.seeds, values.out, values.digests, values.cache);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
