// Cutting releases end to end, in a temporary copy of the seeds and a temporary releases folder:
// the first release, a no-op repeat, byte-identical rebuilds, refusal to rewrite a release,
// a patch release whose changelog names exactly what changed, and checks that catch tampering.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cutRelease } from '../pipeline/release/release.ts';
import { verifyReleases } from '../pipeline/release/verify.ts';
import { readTree, firstDifference, ReleaseExistsError } from '../pipeline/release/freeze.ts';
import { validateDataPackage } from '../pipeline/release/profile.ts';
import { checkDataPackage } from '../pipeline/release/dataPackage.ts';
import { sha256 } from '../pipeline/release/checksums.ts';
import { keyOf, loadTables, parseTableCsv } from '../pipeline/release/tables.ts';
import { VersionError } from '../pipeline/release/semver.ts';
import { sha256sumCheck } from './support/releaseTools.ts';

const CHANGED_SEED = '002_3839a3136df35271.txt';
const BEFORE = '构建区域大通关体制';
const AFTER = '构建区域大通关机制';
const CLI = resolve('pipeline/release/cli.ts');

// As `npm run release` runs it: Node strips the types itself.
const runCli = (args: string[], cwd = process.cwd()) =>
  spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], {
    cwd,
    encoding: 'utf8',
  });

describe('cutting releases', { timeout: 180_000 }, () => {
  let work: string;
  let seeds: string;
  let releases: string;

  const pin = () => {
    const lines = readFileSync(join(seeds, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const name = line.split(/\s+\*?/u)[1]!;
        return `${sha256(readFileSync(join(seeds, name)))}  ${name}`;
      });
    writeFileSync(join(seeds, 'SHA256SUMS'), `${lines.join('\n')}\n`);
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'release-cut-'));
    seeds = join(work, 'seeds');
    releases = join(work, 'data', 'releases');
    cpSync('seeds', seeds, { recursive: true });
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('cuts the first release: a checksummed bag with a valid data package, changelog and feed', async () => {
    const result = await cutRelease({ version: '1.0.0', date: '2026-11-22', seeds, releases });
    expect(result.status).toBe('created');
    expect(await verifyReleases(releases)).toEqual([{ version: '1.0.0', files: result.files.size }]);
    const folder = join(releases, '1.0.0');
    expect(sha256sumCheck(folder)).toEqual({ status: 0, output: '' });
    const payload = await readTree(join(folder, 'data'));
    const descriptor = JSON.parse(readFileSync(join(folder, 'data', 'datapackage.json'), 'utf8'));
    expect(validateDataPackage(descriptor)).toEqual([]);
    expect(checkDataPackage(descriptor, payload)).toEqual([]);
    expect(descriptor).toMatchObject({ version: '1.0.0', created: '2026-11-22T00:00:00Z' });
    expect(descriptor.sources.map((source: { path: string }) => source.path)).toContain(
      `seeds/${CHANGED_SEED}`,
    );
    expect(readFileSync(join(folder, 'bag-info.txt'), 'utf8')).toMatch(/^Bagging-Date: 2026-11-22$/mu);
    expect(readFileSync(join(work, 'data', 'CHANGELOG.md'), 'utf8')).toContain(
      '| [1.0.0](releases/1.0.0/) | 2026-11-22 |',
    );
    expect(readFileSync(join(releases, 'feed.xml'), 'utf8').match(/<entry>/gu)).toHaveLength(1);
    expect(result.changes).toMatchObject({ previous: null, documents: { changed: [], removed: [] } });
  });

  it('does nothing when the same release is cut again from the same seeds', async () => {
    const result = await cutRelease({ version: '1.0.0', date: '2026-11-22', seeds, releases });
    expect(result.status).toBe('unchanged');
  });

  it('gives byte-identical files when built twice (SQLite included)', async () => {
    const other = join(work, 'again', 'releases');
    await cutRelease({ version: '1.0.0', date: '2026-11-22', seeds, releases: other });
    const first = await readTree(join(releases, '1.0.0'));
    const second = await readTree(join(other, '1.0.0'));
    expect(firstDifference(first, second)).toBeUndefined();
    expect(first.has('data/archive.sqlite')).toBe(true);
  });

  it('refuses an unpinned seed, then refuses to rewrite 1.0.0 with a changed seed', async () => {
    const path = join(seeds, CHANGED_SEED);
    writeFileSync(path, readFileSync(path, 'utf8').replace(BEFORE, AFTER));
    await expect(cutRelease({ version: '1.0.0', date: '2026-11-22', seeds, releases })).rejects.toThrow(
      `seeds/${CHANGED_SEED} does not match its SHA-256 in seeds/SHA256SUMS`,
    );
    pin();
    const attempt = cutRelease({ version: '1.0.0', date: '2026-11-22', seeds, releases });
    await expect(attempt).rejects.toThrow(ReleaseExistsError);
    await expect(attempt).rejects.toThrow(
      /release 1\.0\.0 already exists .*first differing file data\/\S+ \(its bytes differ; \d+ file\(s\) differ in all\)/u,
    );
    const result = runCli(['1.0.0', '--date', '2026-11-22', '--seeds', seeds, '--releases', releases]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: release 1\.0\.0 already exists .*first differing file data\//mu);
  });

  it('cuts 1.0.1 with a changelog that names exactly the changed document and rows', async () => {
    const result = await cutRelease({ version: '1.0.1', date: '2026-11-23', seeds, releases });
    expect(result.status).toBe('created');
    const { changes } = result;
    expect(changes.previous).toBe('1.0.0');
    expect(changes.bump).toEqual({ given: 'patch', required: 'patch', reasons: [] });
    expect(changes.documents).toEqual({ added: [], removed: [], changed: ['chuanbanhan-2016-212'] });

    // Expected: the document's row (its source hash) and every 1.0.0 row holding the edited words.
    const previous = join(releases, '1.0.0', 'data');
    const tables = loadTables(
      JSON.parse(readFileSync(join(previous, 'schemas', 'tables.json'), 'utf8')),
      'tables.json',
    );
    const expected: Record<string, string[]> = {};
    for (const table of tables) {
      const parsed = parseTableCsv(
        readFileSync(join(previous, `${table.name}.csv`), 'utf8'),
        table,
        table.name,
      );
      const keys = parsed.rows
        .filter(
          (row) =>
            row.some((cell) => cell.includes(BEFORE)) ||
            (table.name === 'documents' && row[0] === 'chuanbanhan-2016-212'),
        )
        .map((row) => keyOf(parsed.columns, row, table.schema.primaryKey).id);
      if (keys.length) expected[table.name] = keys;
    }
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['documents', 'provisions']));
    const actual: Record<string, string[]> = {};
    for (const table of changes.tables) {
      expect(table.rows!.added, table.name).toEqual([]);
      expect(table.rows!.removed, table.name).toEqual([]);
      if (table.rows!.changed.length)
        actual[table.name] = table.rows!.changed.map((row) => JSON.stringify(Object.values(row.key)));
    }
    expect(actual).toEqual(expected);
    for (const table of changes.tables) {
      for (const row of table.rows!.changed) {
        for (const [column, cell] of Object.entries(row.cells)) {
          if (column === 'source_sha256')
            expect(cell.after).toBe(sha256(readFileSync(join(seeds, CHANGED_SEED))));
          else expect(cell.after, `${table.name}.${column}`).toBe(cell.before!.replaceAll(BEFORE, AFTER));
        }
      }
    }

    const markdown = readFileSync(join(releases, '1.0.1', 'CHANGES.md'), 'utf8');
    expect(markdown).toContain('- Changed 修改: `chuanbanhan-2016-212`');
    expect(markdown).toContain(`\`${BEFORE}\` → \`${AFTER}\``);
    for (const other of ['yuefu-2017-8', 'suifuban-2005-48', 'xiangzhengfa-2016-21', 'shier-wu-yue']) {
      expect(markdown).not.toContain(other);
    }
    expect(JSON.parse(readFileSync(join(releases, '1.0.1', 'changes.json'), 'utf8'))).toEqual(changes);
    const changelog = readFileSync(join(work, 'data', 'CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf('[1.0.1]')).toBeLessThan(changelog.indexOf('[1.0.0]'));
    expect(changelog).toContain('[CHANGES.md](releases/1.0.1/CHANGES.md)');
    const feed = readFileSync(join(releases, 'feed.xml'), 'utf8');
    expect(feed.match(/<entry>/gu)).toHaveLength(2);
    expect(feed).toContain('<updated>2026-11-23T00:00:00Z</updated>');
    expect((await verifyReleases(releases)).map((release) => release.version)).toEqual(['1.0.0', '1.0.1']);
  });

  it('refuses a patch release when the changes need a minor one, and writes nothing', async () => {
    rmSync(join(seeds, '000_a6ff185a4f6590f9.txt'));
    writeFileSync(
      join(seeds, 'SHA256SUMS'),
      readFileSync(join(seeds, 'SHA256SUMS'), 'utf8').replace(/^.*000_a6ff185a4f6590f9\.txt\n/mu, ''),
    );
    await expect(cutRelease({ version: '1.0.2', date: '2026-11-24', seeds, releases })).rejects.toThrow(
      VersionError,
    );
    await expect(cutRelease({ version: '1.0.2', date: '2026-11-24', seeds, releases })).rejects.toThrow(
      /1\.0\.2 would be a patch release after 1\.0\.1, but the changes need a minor release \(documents removed: shier-wu-yue-gui-zhanlve-hezuo-kuangjia-xieyi\)/u,
    );
    expect(existsSync(join(releases, '1.0.2'))).toBe(false);
  });

  it('catches a changed or added file in a release, naming it, from the build command too', async () => {
    const copy = join(work, 'tampered', 'releases');
    cpSync(releases, copy, { recursive: true });
    appendFileSync(join(copy, '1.0.1', 'data', 'documents.csv'), 'x');
    await expect(verifyReleases(copy)).rejects.toThrow(
      `${join(copy, '1.0.1', 'data', 'documents.csv')} has changed`,
    );
    const cli = runCli(['--verify', '--releases', copy]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('1.0.1/data/documents.csv has changed');
    expect(sha256sumCheck(join(copy, '1.0.1')).status).not.toBe(0);

    const extra = join(work, 'extra', 'releases');
    cpSync(releases, extra, { recursive: true });
    writeFileSync(join(extra, '1.0.0', 'data', 'notes.txt'), 'hello');
    await expect(verifyReleases(extra)).rejects.toThrow(
      /1\.0\.0\/data\/notes\.txt is not listed in SHA256SUMS/u,
    );
  });

  it('refuses a version that is not semver, and asks for --date outside a repository', () => {
    const bad = runCli(['1.0', '--date', '2026-11-22', '--seeds', seeds, '--releases', releases]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error: "1\.0" is not a semantic version/u);
    const noDate = runCli(['2.0.0', '--seeds', seeds, '--releases', join(work, 'none')], work);
    expect(noDate.status).toBe(1);
    expect(noDate.stderr).toMatch(/pass --date YYYY-MM-DD/u);
  });
});
