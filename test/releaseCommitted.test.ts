// The committed releases in data/releases, checked as a reader would check them, largely with
// tools that share no code with the release writer: sha256sum, Python's csv module and the
// jsonschema package, and the sqlite3 shell.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listReleases, verifyRelease } from '../pipeline/release/verify.ts';
import { readTree } from '../pipeline/release/freeze.ts';
import { validateDataPackage } from '../pipeline/release/profile.ts';
import { checkDataPackage } from '../pipeline/release/dataPackage.ts';
import { isMultiValue, loadTables, parseTableCsv } from '../pipeline/release/tables.ts';
import { pythonCheck, sha256sumCheck, sqlite3 } from './support/releaseTools.ts';

const RELEASES = 'data/releases';
const versions = await listReleases(RELEASES);

interface CsvReport {
  header: string[];
  rows: number;
  widths: number[];
  bom: boolean;
  crlf: boolean;
}
interface ExcelReport {
  bom: boolean;
  header: string[];
  rows: number;
  same_shape: boolean;
  mismatches: unknown[];
  neutralised: number;
  first_row: string[];
}
interface SchemaReport {
  resolver: string;
  schema_problems: string[];
  patterns_checked: string[];
  checked: string[];
  errors: Record<string, string[]>;
  archive_documents_match: boolean;
}

/** Column names per table as DICTIONARY.md lists them. */
function dictionaryColumns(markdown: string): Map<string, string[]> {
  const columns = new Map<string, string[]>();
  let table: string | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## `([a-z_]+)`: /u.exec(line);
    if (heading) {
      table = heading[1]!;
      columns.set(table, []);
      continue;
    }
    const row = /^\| `([a-z_0-9]+)` \|/u.exec(line);
    if (row && table) columns.get(table)!.push(row[1]!);
  }
  return columns;
}

describe('the committed releases', () => {
  it('include release 1.0.0', () => {
    expect(versions).toContain('1.0.0');
  });

  describe.each(versions)('release %s', (version) => {
    const folder = join(RELEASES, version);
    const data = join(folder, 'data');
    const tables = loadTables(
      JSON.parse(readFileSync(join(data, 'schemas', 'tables.json'), 'utf8')),
      'tables.json',
    );
    const changes = JSON.parse(readFileSync(join(folder, 'changes.json'), 'utf8')) as {
      version: string;
      date: string;
    };

    it('passes sha256sum -c SHA256SUMS and its BagIt manifests', async () => {
      expect(sha256sumCheck(folder)).toEqual({ status: 0, output: '' });
      expect(await verifyRelease(RELEASES, version)).toBeGreaterThan(40);
      expect(readFileSync(join(folder, 'bag-info.txt'), 'utf8')).toContain(`Bagging-Date: ${changes.date}\n`);
    });

    it('has a datapackage.json valid against the Data Package v2 profile', async () => {
      const descriptor = JSON.parse(readFileSync(join(data, 'datapackage.json'), 'utf8'));
      expect(descriptor.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
      expect(validateDataPackage(descriptor)).toEqual([]);
      expect(checkDataPackage(descriptor, await readTree(data))).toEqual([]);
      expect(descriptor).toMatchObject({
        version,
        created: `${changes.date}T00:00:00Z`,
        licenses: [{ name: 'CC-BY-4.0' }],
      });
      expect(
        descriptor.resources.filter((resource: { type?: string }) => resource.type === 'table'),
      ).toHaveLength(tables.length);
    });

    it('has CSVs that Python parses, with the dictionary columns as header', () => {
      const report = pythonCheck<Record<string, CsvReport>>('csv', folder);
      const dictionary = dictionaryColumns(readFileSync(join(data, 'DICTIONARY.md'), 'utf8'));
      expect([...dictionary.keys()]).toEqual(tables.map((table) => table.name));
      for (const table of tables) {
        const columns = table.schema.fields.map((field) => field.name);
        const csv = report[table.name]!;
        expect(csv.header, table.name).toEqual(columns);
        expect(dictionary.get(table.name), table.name).toEqual(columns);
        expect(csv.widths, table.name).toEqual([columns.length]);
        expect(csv, table.name).toMatchObject({ bom: false, crlf: true });
        const ours = parseTableCsv(readFileSync(join(data, `${table.name}.csv`), 'utf8'), table, table.name);
        expect(csv.rows, table.name).toBe(ours.rows.length);
      }
    });

    it('has excel/ CSVs that Python reads as utf-8-sig with Chinese intact and formulas neutralised', () => {
      const report = pythonCheck<Record<string, ExcelReport>>('excel', folder);
      for (const table of tables) {
        const excel = report[table.name]!;
        expect(excel, table.name).toMatchObject({ bom: true, same_shape: true, mismatches: [] });
        expect(excel.header, table.name).toEqual(table.schema.fields.map((field) => field.name));
      }
      expect(report['documents']!.first_row[1]).toMatch(/\p{Script=Han}{4}/u);
      expect(report['commitments']!.neutralised).toBeGreaterThan(0);
    });

    it('has document records valid against the shipped schemas, checked by Python jsonschema', () => {
      const report = pythonCheck<SchemaReport>('jsonschema', folder);
      expect(report.schema_problems).toEqual([]);
      expect(report.errors).toEqual({});
      expect(report.checked.length).toBeGreaterThanOrEqual(5);
      expect(report.patterns_checked.some((pattern) => pattern.includes('\\p{Script=Han}'))).toBe(true);
      expect(report.archive_documents_match).toBe(true);
    });

    it('joins multi-value cells with ; exactly as the records list them', () => {
      const documents = tables.find((table) => table.name === 'documents')!;
      const parsed = parseTableCsv(
        readFileSync(join(data, 'documents.csv'), 'utf8'),
        documents,
        'documents.csv',
      );
      const column = (row: string[], name: string) => row[parsed.columns.indexOf(name)]!;
      for (const row of parsed.rows) {
        const record = JSON.parse(readFileSync(join(data, 'documents', `${column(row, 'id')}.json`), 'utf8'));
        const split = (text: string) => (text === '' ? [] : text.split(';'));
        expect(split(column(row, 'issuer'))).toEqual(record.issuers);
        expect(split(column(row, 'recipients'))).toEqual(record.recipients);
        expect(split(column(row, 'regions'))).toEqual(record.regions);
      }
      expect(documents.schema.fields.filter(isMultiValue).map((field) => field.name)).toEqual([
        'issuer',
        'recipients',
        'regions',
      ]);
    });

    it('has a SQLite database the sqlite3 shell opens, whose full-text index finds 大通关', () => {
      const database = join(data, 'archive.sqlite');
      expect(sqlite3(database, 'PRAGMA integrity_check')).toEqual([['ok']]);
      expect(sqlite3(database, 'PRAGMA foreign_key_check')).toEqual([]);
      expect(sqlite3(database, 'PRAGMA journal_mode')).toEqual([['delete']]);
      const hits = sqlite3(
        database,
        "SELECT t.document_id, t.label FROM tasks_fts JOIN tasks t ON t.rowid = tasks_fts.rowid WHERE tasks_fts MATCH '大通关'",
      );
      expect(hits).toContainEqual(['chuanbanhan-2016-212', '(六) 构建区域大通关体制']);
      const provisions = sqlite3(
        database,
        "SELECT p.document_id FROM provisions_fts JOIN provisions p ON p.rowid = provisions_fts.rowid WHERE provisions_fts MATCH '大通关'",
      );
      expect(provisions.map(([id]) => id)).toContain('chuanbanhan-2016-212');
      for (const table of tables) {
        const csv = parseTableCsv(readFileSync(join(data, `${table.name}.csv`), 'utf8'), table, table.name);
        expect(sqlite3(database, `SELECT count(*) FROM "${table.name}"`), table.name).toEqual([
          [String(csv.rows.length)],
        ]);
      }
    });

    it('has a README that says what, how to cite with version and date, and the licence', () => {
      const readme = readFileSync(join(folder, 'README.md'), 'utf8');
      expect(readme).toContain(`version ${version} (${changes.date})`);
      expect(readme).toContain('data/repairs.csv');
      expect(readme).toContain('CC BY 4.0');
      for (const table of tables) expect(readme).toContain(`| \`${table.name}\` |`);
    });
  });

  it('are listed in data/CHANGELOG.md and data/releases/feed.xml', () => {
    const changelog = readFileSync('data/CHANGELOG.md', 'utf8');
    const feed = readFileSync(join(RELEASES, 'feed.xml'), 'utf8');
    for (const version of versions) {
      expect(changelog).toContain(`[CHANGES.md](releases/${version}/CHANGES.md)`);
      expect(feed).toContain(`<link rel="alternate" type="text/markdown" href="${version}/CHANGES.md"/>`);
    }
  });
});
