// Cutting a release: build the seeds in-process, assemble every format, compare with the
// previous release, freeze the folder, and rebuild the changelog and the feed. The seeds,
// releases and changelog locations are options, so tests never touch data/releases.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { SeedInput } from '../buildArchive.ts';
import { OVERRIDES_FILE, parseOverrides, type Override } from '../applyOverrides.ts';
import { buildFromSeeds, listSeeds } from '../cli.ts';
import { assembleRelease } from './assemble.ts';
import { atomFeed, changelogMarkdown } from './changelog.ts';
import { parseChecksums, sha256 } from './checksums.ts';
import type { SourceFile } from './dataPackage.ts';
import type { Changes, Snapshot } from './diff.ts';
import { freezeRelease, readTree, writeFileAtomic } from './freeze.ts';
import { bumpBetween, bumpCovers, compareVersions, parseVersion, VersionError } from './semver.ts';
import { loadTables } from './tables.ts';
import { listReleases } from './verify.ts';

const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

export interface ReleaseOptions {
  version: string;
  /** YYYY-MM-DD, already resolved. */
  date: string;
  seeds: string;
  releases: string;
  /** Defaults to CHANGELOG.md beside the releases folder. */
  changelog?: string;
  /** The seed cache folder (see pipeline/seedCache.ts); undefined: none. */
  cache?: string | undefined;
}

export interface ReleaseResult {
  status: 'created' | 'unchanged';
  path: string;
  files: Map<string, Uint8Array>;
  changes: Changes;
}

interface SeedFiles {
  seeds: SeedInput[];
  overrides: Override[];
  hashes: { name: string; sha256: string }[];
}

/** Reads the seeds as the pipeline does, named seeds/<file> wherever the folder is, and checks them against SHA256SUMS. */
export async function readSeedFiles(seedsDir: string): Promise<SeedFiles> {
  const pins = await readFile(join(seedsDir, 'SHA256SUMS'), 'utf8').then(
    (text) => new Map(parseChecksums(text, 'seeds/SHA256SUMS').map((line) => [line.path, line.sha256])),
    () => undefined,
  );
  const seeds: SeedInput[] = [];
  const hashes: { name: string; sha256: string }[] = [];
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
    hashes.push({ name, sha256: digest });
  }
  let overrides: Override[] = [];
  const overridesBytes = await readFile(join(seedsDir, OVERRIDES_FILE)).catch(() => undefined);
  if (overridesBytes !== undefined) {
    overrides = parseOverrides(overridesBytes.toString('utf8'), `seeds/${OVERRIDES_FILE}`);
    hashes.push({ name: OVERRIDES_FILE, sha256: sha256(overridesBytes) });
  }
  return { seeds, overrides, hashes };
}

/** schemas/*.json and schemas/vendor/*, by path relative to schemas/. */
export async function readSchemaFiles(): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of (await readdir(SCHEMAS_DIR)).filter((file) => file.endsWith('.json')).sort()) {
    files.set(name, await readFile(new URL(name, SCHEMAS_DIR)));
  }
  const vendor = new URL('vendor/', SCHEMAS_DIR);
  for (const name of (await readdir(vendor)).sort())
    files.set(`vendor/${name}`, await readFile(new URL(name, vendor)));
  return files;
}

export async function loadSnapshot(releasesDir: string, version: string): Promise<Snapshot> {
  const files = await readTree(join(releasesDir, version, 'data'));
  const tablesJson = files.get('schemas/tables.json');
  if (!tablesJson) throw new Error(`release ${version} has no data/schemas/tables.json`);
  const tables = loadTables(
    JSON.parse(Buffer.from(tablesJson).toString('utf8')),
    `${version}/data/schemas/tables.json`,
  );
  return { tables, files };
}

export async function loadAllChanges(releasesDir: string): Promise<Changes[]> {
  const all: Changes[] = [];
  for (const version of await listReleases(releasesDir)) {
    all.push(JSON.parse(await readFile(join(releasesDir, version, 'changes.json'), 'utf8')) as Changes);
  }
  return all;
}

export async function updateChangelog(releasesDir: string, changelogPath: string): Promise<void> {
  const all = await loadAllChanges(releasesDir);
  const base = relative(dirname(changelogPath), releasesDir).split(sep).join('/') || '.';
  await writeFileAtomic(changelogPath, changelogMarkdown(all, base));
  await writeFileAtomic(join(releasesDir, 'feed.xml'), atomFeed(all));
}

export async function cutRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const version = parseVersion(options.version);
  const { seeds, overrides, hashes } = await readSeedFiles(options.seeds);
  const result = await buildFromSeeds(seeds, overrides, options.cache);
  if (result.failures.length > 0) {
    throw new Error(
      `the pipeline failed on ${result.failures.length} seed(s); a release needs every seed:\n` +
        result.failures.map((failure) => failure.message).join('\n'),
    );
  }
  const schemaFiles = await readSchemaFiles();
  const tables = loadTables(
    JSON.parse(Buffer.from(schemaFiles.get('tables.json')!).toString('utf8')),
    'schemas/tables.json',
  );
  const sources: SourceFile[] = hashes.map(({ name, sha256: digest }) => {
    const document = result.documents.find((candidate) => candidate.source.file === `seeds/${name}`);
    return {
      path: `seeds/${name}`,
      sha256: digest,
      title: document
        ? `Raw scraped copy of ${document.id}: ${document.title}`
        : name === OVERRIDES_FILE
          ? 'Reviewed overrides applied to the scraped texts'
          : `Raw scraped file ${name}`,
    };
  });

  const existing = await listReleases(options.releases);
  const previousVersion = existing
    .map(parseVersion)
    .filter((candidate) => compareVersions(candidate, version) < 0)
    .at(-1);
  const previous = previousVersion
    ? { version: previousVersion.text, snapshot: await loadSnapshot(options.releases, previousVersion.text) }
    : null;
  const given = previousVersion ? bumpBetween(previousVersion, version) : null;
  const { files, changes } = assembleRelease({
    version: version.text,
    date: options.date,
    build: result.files,
    tables,
    schemaFiles,
    sources,
    previous,
    given,
  });
  const required = changes.bump.required;
  if (!existing.includes(version.text) && given && required && !bumpCovers(given, required)) {
    throw new VersionError(
      `${version.text} would be a ${given} release after ${previousVersion!.text}, but the changes need a ` +
        `${required} release (${changes.bump.reasons.join('; ')})`,
    );
  }
  const status = await freezeRelease(options.releases, version.text, files);
  await updateChangelog(
    options.releases,
    options.changelog ?? join(dirname(options.releases), 'CHANGELOG.md'),
  );
  return { status, path: join(options.releases, version.text), files, changes };
}
