// npm run release -- <version> [--date YYYY-MM-DD] [--seeds seeds] [--releases data/releases] [--changelog file]
// npm run release -- --verify [--releases data/releases]
// Cuts an immutable, checksummed release of the current seeds, or checks every existing release.
import { parseArgs } from 'node:util';
import { resolveReleaseDate } from './releaseDate.ts';
import { parseVersion } from './semver.ts';
import { verifyReleases } from './verify.ts';
import { DEFAULT_CACHE_DIR } from '../cli.ts';

const USAGE =
  'usage: npm run release -- <version> [--date YYYY-MM-DD] [--seeds seeds] [--releases data/releases] [--changelog file] [--cache dir | --no-cache]\n' +
  '       npm run release -- --verify [--releases data/releases]';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      seeds: { type: 'string', default: 'seeds' },
      releases: { type: 'string', default: 'data/releases' },
      changelog: { type: 'string' },
      cache: { type: 'string', default: DEFAULT_CACHE_DIR },
      'no-cache': { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.verify) {
    const checked = await verifyReleases(values.releases);
    for (const { version, files } of checked)
      console.log(`release ${version}: ${files} files match their checksums`);
    if (checked.length === 0) console.log(`no releases in ${values.releases}`);
    return;
  }
  if (positionals.length !== 1) throw new Error(`give exactly one version\n${USAGE}`);
  const version = parseVersion(positionals[0]!);
  const date = resolveReleaseDate(values.date, process.cwd());
  // node:sqlite is loaded only when a release is cut.
  const { cutRelease } = await import('./release.ts');
  const result = await cutRelease({
    version: version.text,
    date,
    seeds: values.seeds,
    releases: values.releases,
    cache: values['no-cache'] ? undefined : values.cache,
    ...(values.changelog === undefined ? {} : { changelog: values.changelog }),
  });
  let size = 0;
  // One file at a time: a release can be gigabytes.
  for (const bytes of result.files.values()) size += bytes.byteLength;
  const { documents, rows } = result.changes.summary;
  console.log(
    result.status === 'created'
      ? `release ${result.changes.version} (${date}): ${result.files.size} files, ${megabytes(size)} → ${result.path}`
      : `release ${result.changes.version} already exists with exactly these bytes: nothing to do`,
  );
  console.log(
    result.changes.previous === null
      ? `first release: ${documents.total} documents, ${rows.total} rows`
      : `since ${result.changes.previous}: documents +${documents.added} −${documents.removed} ~${documents.changed}; ` +
          `rows +${rows.added} −${rows.removed} ~${rows.changed}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
