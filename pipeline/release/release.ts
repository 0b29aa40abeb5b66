// Cutting a release: build the seeds (in a process of their own: seedBuild.ts), assemble every
// format, compare with the previous release, freeze the folder, and rebuild the changelog and the
// feed. The seeds, releases and changelog locations are options, so tests never touch
// data/releases.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { OVERRIDES_FILE } from '../applyOverrides.ts';
import { assembleRelease } from './assemble.ts';
import { atomFeed, changelogMarkdown } from './changelog.ts';
import type { SourceFile } from './dataPackage.ts';
import type { Changes, Snapshot } from './diff.ts';
import { freezeRelease, readTree, writeFileAtomic } from './freeze.ts';
import type { LazyFiles } from './lazyFiles.ts';
import { buildSeedsApart, type SeedDigest } from './seedBuild.ts';
import { bumpBetween, bumpCovers, compareVersions, parseVersion, VersionError } from './semver.ts';
import { loadTables, parseTableCsv, type TableDescription } from './tables.ts';
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
  /** The release's files, each read from the release folder when asked for. */
  files: LazyFiles;
  changes: Changes;
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

/**
 * Each seed's source entry in the data package, titled by the document built from it; checks that
 * every document was built from the bytes the seeds' digests name (the build ran apart).
 */
function seedSources(
  digests: readonly SeedDigest[],
  build: ReadonlyMap<string, Uint8Array>,
  tables: readonly TableDescription[],
): SourceFile[] {
  const table = tables.find((candidate) => candidate.name === 'documents');
  const csv = build.get('documents.csv');
  if (!table || !csv) throw new Error('the build has no documents.csv to name the seeds by');
  const parsed = parseTableCsv(Buffer.from(csv).toString('utf8'), table, 'documents.csv');
  const column = (name: string) => parsed.columns.indexOf(name);
  const bySeed = new Map(parsed.rows.map((row) => [row[column('source_file')]!, row]));
  return digests.map(({ name, sha256: digest }) => {
    const row = bySeed.get(`seeds/${name}`);
    if (row && row[column('source_sha256')] !== digest)
      throw new Error(`seeds/${name} changed while the release was being cut: cut it again`);
    return {
      path: `seeds/${name}`,
      sha256: digest,
      title: row
        ? `Raw scraped copy of ${row[column('id')]}: ${row[column('title')]}`
        : name === OVERRIDES_FILE
          ? 'Reviewed overrides applied to the scraped texts'
          : `Raw scraped file ${name}`,
    };
  });
}

export async function cutRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const version = parseVersion(options.version);
  const scratch = await mkdtemp(join(tmpdir(), 'pprd-release-'));
  try {
    const { build, digests } = await buildSeedsApart(options.seeds, join(scratch, 'build'), options.cache);
    const schemaFiles = await readSchemaFiles();
    const tables = loadTables(
      JSON.parse(Buffer.from(schemaFiles.get('tables.json')!).toString('utf8')),
      'schemas/tables.json',
    );
    const sources = seedSources(digests, build, tables);

    const existing = await listReleases(options.releases);
    const previousVersion = existing
      .map(parseVersion)
      .filter((candidate) => compareVersions(candidate, version) < 0)
      .at(-1);
    const previous = previousVersion
      ? {
          version: previousVersion.text,
          snapshot: await loadSnapshot(options.releases, previousVersion.text),
        }
      : null;
    const given = previousVersion ? bumpBetween(previousVersion, version) : null;
    const { files, changes } = assembleRelease({
      version: version.text,
      date: options.date,
      build,
      tables,
      schemaFiles,
      sources,
      previous,
      given,
      scratch: join(scratch, 'made'),
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
    const path = join(options.releases, version.text);
    return { status, path, files: await readTree(path), changes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
