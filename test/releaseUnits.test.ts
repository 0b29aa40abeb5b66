// The release modules one by one: versions and dates, checksums and BagIt, the CSV variants,
// the change report, the Data Package profile, the immutability comparison, and the pieces that
// keep a cut from holding the whole release (files read when asked for, archive.json a document at
// a time).
import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  bumpBetween,
  bumpCovers,
  parseVersion,
  sortVersions,
  VersionError,
} from '../pipeline/release/semver.ts';
import { parseReleaseDate, resolveReleaseDate } from '../pipeline/release/releaseDate.ts';
import { formatChecksums, parseChecksums, sha256 } from '../pipeline/release/checksums.ts';
import {
  bagTagFiles,
  decodeManifestPath,
  encodeManifestPath,
  parseManifest,
} from '../pipeline/release/bagit.ts';
import { excelCsv, plainCsv } from '../pipeline/release/csvFormats.ts';
import { parseTableCsv, type TableDescription } from '../pipeline/release/tables.ts';
import { codeSpan, excerpt } from '../pipeline/release/changesReport.ts';
import { firstDifference } from '../pipeline/release/freeze.ts';
import { validateDataPackage } from '../pipeline/release/profile.ts';
import { diffReleases, type Snapshot } from '../pipeline/release/diff.ts';
import { LazyFiles } from '../pipeline/release/lazyFiles.ts';
import { archiveJsonPieces } from '../pipeline/release/archiveJson.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

const field = (name: string, type: 'string' | 'integer' = 'string') => ({
  name,
  type,
  title: name,
  description: name,
  zh: { title: name, description: name },
});

const TABLE: TableDescription = {
  name: 'things',
  title: 'Things',
  description: 'Things.',
  zh: { title: '物', description: '物。' },
  schema: {
    fields: [field('id'), field('text'), field('n', 'integer')],
    primaryKey: ['id'],
    missingValues: [''],
  },
};

describe('release versions and dates', () => {
  it('accepts semantic versions and refuses anything else', () => {
    expect(parseVersion('1.0.0')).toMatchObject({ major: 1, minor: 0, patch: 0, prerelease: [] });
    expect(parseVersion('2.1.3-rc.1').prerelease).toEqual(['rc', 1]);
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0.0', '1.0.0-', 'latest', '']) {
      expect(() => parseVersion(bad), bad).toThrow(VersionError);
    }
    expect(() => parseVersion('1.0.0+build.5')).toThrow(/build metadata/);
  });

  it('orders versions by semantic-versioning precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
      '10.0.0',
    ];
    expect(sortVersions([...ordered].reverse())).toEqual(ordered);
  });

  it('names the step between two versions and whether it covers what the changes need', () => {
    expect(bumpBetween(parseVersion('1.0.0'), parseVersion('1.0.1'))).toBe('patch');
    expect(bumpBetween(parseVersion('1.0.1'), parseVersion('1.1.0'))).toBe('minor');
    expect(bumpBetween(parseVersion('1.4.2'), parseVersion('2.0.0'))).toBe('major');
    expect(bumpCovers('minor', 'patch')).toBe(true);
    expect(bumpCovers('patch', 'minor')).toBe(false);
  });

  it('takes the date from --date, else the last commit, else asks for --date', () => {
    expect(parseReleaseDate('2026-11-22')).toBe('2026-11-22');
    for (const bad of ['2026-02-30', '2026-11-2', '22/11/2026', 'today']) {
      expect(() => parseReleaseDate(bad), bad).toThrow(/YYYY-MM-DD/);
    }
    expect(resolveReleaseDate('2026-01-05', process.cwd())).toBe('2026-01-05');
    expect(resolveReleaseDate(undefined, process.cwd())).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const outside = mkdtempSync(join(tmpdir(), 'release-nogit-'));
    expect(() => resolveReleaseDate(undefined, outside)).toThrow(/pass --date/);
  });
});

describe('checksums and BagIt', () => {
  it('writes and reads sha256sum lines', () => {
    const text = formatChecksums([{ path: 'data/a b.csv', sha256: sha256('x') }]);
    expect(text).toBe(`${sha256('x')}  data/a b.csv\n`);
    expect(parseChecksums(text, 'SUMS')).toEqual([{ path: 'data/a b.csv', sha256: sha256('x') }]);
    expect(() => parseChecksums('nonsense\n', 'SUMS')).toThrow(/SUMS:1/);
  });

  it('percent-encodes manifest paths as RFC 8493 asks and counts the payload', () => {
    expect(encodeManifestPath('a%b\nc\rd')).toBe('a%25b%0Ac%0Dd');
    expect(decodeManifestPath(encodeManifestPath('a%0Ab'))).toBe('a%0Ab');
    const tags = bagTagFiles(
      new Map([
        ['x.csv', bytes('abc')],
        ['y/z.json', bytes('{}')],
      ]),
      {
        date: '2026-11-22',
        version: '1.0.0',
        sourceOrganization: 'Org',
        externalDescription: 'Desc',
        externalIdentifier: 'id-1.0.0',
      },
    );
    expect(tags.get('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(tags.get('bag-info.txt')).toMatch(/^Bagging-Date: 2026-11-22$/mu);
    expect(tags.get('bag-info.txt')).toMatch(/^Payload-Oxum: 5\.2$/mu);
    expect([...parseManifest(tags.get('manifest-sha256.txt')!, 'm').keys()]).toEqual([
      'data/x.csv',
      'data/y/z.json',
    ]);
  });
});

describe('CSV variants', () => {
  const csv = 'id,text,n\r\na,"=1+1",-5\r\nb,中文\n第二行,2\r\nc,@home,\r\nd,－x,3\r\n';

  it('quotes every cell holding a line break in the plain CSV', () => {
    const parsed = parseTableCsv(csv, TABLE, 'things.csv');
    expect(parsed.rows).toHaveLength(4);
    const text = Buffer.from(plainCsv(parsed)).toString('utf8');
    expect(text).toContain('b,"中文\n第二行",2\r\n');
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(parse(text, { record_delimiter: ['\r\n', '\n'] })).toHaveLength(5);
  });

  it('adds a BOM and neutralises formulas in the spreadsheet CSV, but not in numbers', () => {
    const text = Buffer.from(excelCsv(TABLE, parseTableCsv(csv, TABLE, 'things.csv'))).toString('utf8');
    expect(text.startsWith('\uFEFFid,text,n\r\n')).toBe(true);
    expect(text).toContain("a,'=1+1,-5\r\n");
    expect(text).toContain("c,'@home,\r\n");
    expect(text).toContain("d,'－x,3\r\n");
    expect(text).toContain('b,"中文\n第二行",2\r\n');
  });

  it('refuses a CSV whose header is not the table schema', () => {
    expect(() => parseTableCsv('id,n,text\r\n', TABLE, 'things.csv')).toThrow(/things\.csv: header/);
  });
});

describe('change reports', () => {
  it('writes values as code spans that survive backticks and line breaks', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('一\n二')).toBe('`一⏎二`');
  });

  it('shows a long value around the part that changed', () => {
    const before = `${'甲'.repeat(100)}体制${'乙'.repeat(100)}`;
    const [a, b] = excerpt({ before, after: before.replace('体制', '机制') });
    expect(a).toBe(`…\`${'甲'.repeat(16)}体制${'乙'.repeat(15)}\`…`);
    expect(b).toBe(`…\`${'甲'.repeat(16)}机制${'乙'.repeat(15)}\`…`);
    expect(excerpt({ before: null, after: 'x' })).toEqual(['_(empty)_', '`x`']);
  });

  it('finds the first differing file, payload first and derived manifests last', () => {
    const a = new Map([
      ['SHA256SUMS', bytes('1')],
      ['data/a.csv', bytes('x')],
      ['README.md', bytes('r')],
    ]);
    const b = new Map([
      ['SHA256SUMS', bytes('2')],
      ['data/a.csv', bytes('y')],
      ['README.md', bytes('r')],
    ]);
    expect(firstDifference(a, b)).toEqual({ path: 'data/a.csv', how: 'its bytes differ', count: 2 });
    expect(firstDifference(a, new Map(a))).toBeUndefined();
    expect(firstDifference(a, new Map([...a, ['data/b.csv', bytes('')]]))?.path).toBe('data/b.csv');
  });
});

describe('the Data Package profile', () => {
  const valid = {
    name: 'x',
    resources: [
      {
        name: 'things',
        path: 'things.csv',
        hash: `sha256:${sha256('')}`,
        schema: { fields: [{ name: 'id', type: 'string' }] },
      },
    ],
  };

  it('accepts a valid descriptor and rejects broken ones', () => {
    expect(validateDataPackage(valid)).toEqual([]);
    expect(validateDataPackage({ ...valid, resources: [] })).not.toEqual([]);
    expect(validateDataPackage({ ...valid, created: '2026-11-22' })).not.toEqual([]);
    const badHash = { ...valid, resources: [{ ...valid.resources[0], hash: 'sha256:not-hex' }] };
    expect(validateDataPackage(badHash).join('\n')).toMatch(/hash/);
    const badPath = { ...valid, resources: [{ ...valid.resources[0], path: '../things.csv' }] };
    expect(validateDataPackage(badPath)).not.toEqual([]);
  });
});

describe('diffs between releases', () => {
  const snapshot = (table: TableDescription, csv: string, documents: Record<string, string>): Snapshot => ({
    tables: [table],
    files: new Map([
      [`${table.name}.csv`, bytes(csv)],
      ...Object.entries(documents).map(
        ([id, json]) => [`documents/${id}.json`, bytes(json)] as [string, Uint8Array],
      ),
    ]),
  });
  const before = snapshot(TABLE, 'id,text,n\r\na,x,1\r\nb,y,2\r\n', { a: '{}', b: '{}' });
  const diff = (after: Snapshot) =>
    diffReleases({
      version: '1.0.1',
      date: '2026-11-23',
      previous: { version: '1.0.0', snapshot: before },
      current: after,
      given: 'patch',
    });

  it('reports changed cells with before and after, by primary key', () => {
    const changes = diff(snapshot(TABLE, 'id,text,n\r\na,x,1\r\nb,z,2\r\n', { a: '{}', b: '{"v":1}' }));
    expect(changes.documents).toEqual({ added: [], removed: [], changed: ['b'] });
    expect(changes.tables[0]!.rows).toEqual({
      added: [],
      removed: [],
      changed: [{ key: { id: 'b' }, cells: { text: { before: 'y', after: 'z' } } }],
    });
    expect(changes.bump.required).toBe('patch');
  });

  it('needs a minor release for new records or columns and a major one for a schema break', () => {
    const added = diff(
      snapshot(TABLE, 'id,text,n\r\na,x,1\r\nb,y,2\r\nc,w,3\r\n', { a: '{}', b: '{}', c: '{}' }),
    );
    expect(added.bump).toMatchObject({ required: 'minor', reasons: ['documents added: c'] });
    expect(added.tables[0]!.rows!.added).toEqual([{ id: 'c' }]);
    const wider: TableDescription = {
      ...TABLE,
      schema: { ...TABLE.schema, fields: [...TABLE.schema.fields, field('m')] },
    };
    expect(
      diff(snapshot(wider, 'id,text,n,m\r\na,x,1,\r\nb,y,2,\r\n', { a: '{}', b: '{}' })).bump.required,
    ).toBe('minor');
    const narrower: TableDescription = {
      ...TABLE,
      schema: { ...TABLE.schema, fields: TABLE.schema.fields.slice(0, 2) },
    };
    const broken = diff(snapshot(narrower, 'id,text\r\na,x\r\nb,y\r\n', { a: '{}', b: '{}' }));
    expect(broken.bump).toMatchObject({ required: 'major', reasons: ['column things.n removed'] });
    expect(broken.tables[0]!.changed).toBe(0);
  });

  it('counts rows from the counts the assembly gives as from the tables themselves', () => {
    const after = snapshot(TABLE, 'id,text,n\r\na,"x\r\ny",1\r\nb,y,2\r\nc,w,3\r\n', { a: '{}' });
    const counted = { version: '1.0.0', date: '2026-11-22', current: after, given: null };
    for (const previous of [null, { version: '0.9.0', snapshot: before }]) {
      const parsed = diffReleases({ ...counted, previous });
      expect(parsed.summary.rows.total).toBe(3);
      expect(diffReleases({ ...counted, previous, rowCounts: new Map([[TABLE.name, 3]]) })).toEqual(parsed);
    }
    // The counts given are taken as they are, without parsing the tables again.
    const given = diffReleases({ ...counted, previous: null, rowCounts: new Map([[TABLE.name, 7]]) });
    expect(given.summary.rows.total).toBe(7);
  });
});

describe('a release cut without the release in memory', () => {
  it('reads a folder’s files only when asked for, in path order, and adds others under a prefix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lazy-files-'));
    try {
      mkdirSync(join(root, 'b'));
      writeFileSync(join(root, 'b', 'one.csv'), 'first');
      writeFileSync(join(root, 'a.json'), '{}');
      const files = await LazyFiles.ofFolder(root);
      expect([...files.keys()]).toEqual(['a.json', 'b/one.csv']);
      // Read when asked for: what the file holds then, not when it was listed.
      writeFileSync(join(root, 'b', 'one.csv'), 'second');
      expect(Buffer.from(files.get('b/one.csv')!).toString()).toBe('second');
      expect(files.get('missing')).toBeUndefined();
      const bag = new LazyFiles().setAll(files, 'data/').set('bagit.txt', bytes('tag'));
      expect([...bag.keys()]).toEqual(['data/a.json', 'data/b/one.csv', 'bagit.txt']);
      expect(Buffer.from(bag.get('data/b/one.csv')!).toString()).toBe('second');
      expect([...bag.under('data/b/').keys()]).toEqual(['data/b/one.csv']);
      expect(firstDifference(files, new Map([...files]))).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes archive.json a document at a time as the same text as the whole archive stringified', () => {
    const documents = [
      { id: 'a', title: '粤港澳大湾区 "合作"', provisions: [{ text: 'line\nbreak', n: 1.5 }], status: null },
      { id: 'b', title: 'Ünïcode \u2028 ✓', provisions: [] },
    ];
    const table: TableDescription = {
      ...TABLE,
      name: 'external_references',
      schema: { ...TABLE.schema, fields: [field('id'), field('cited_by')], primaryKey: ['id'] },
    };
    const rows = [
      ['x', 'a;b'],
      ['y', null],
    ];
    const text = [
      ...archiveJsonPieces({
        name: 'archive',
        version: '1.2.3',
        date: '2026-11-23',
        // Pretty-printed, as the pipeline writes a record's file.
        documents: documents.map((document) => bytes(JSON.stringify(document, null, 2))),
        externalReferences: { table, rows },
      }),
    ].join('');
    const whole = {
      name: 'archive',
      version: '1.2.3',
      date: '2026-11-23',
      documents,
      external_references: [
        { id: 'x', cited_by: ['a', 'b'] },
        { id: 'y', cited_by: [] },
      ],
    };
    expect(text).toBe(`${JSON.stringify(whole)}\n`);
  });
});
