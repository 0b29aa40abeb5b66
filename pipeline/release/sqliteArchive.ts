// archive.sqlite: the published tables with their types, primary and foreign keys, and FTS5
// full-text indexes (trigram tokenizer, so any Chinese substring of three or more characters
// matches) over provisions and tasks, named <table>_fts with content=<table> as Datasette
// expects. Written with VACUUM INTO: no journal, no WAL, no free pages, so the same rows give the
// same bytes.
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell, FieldDescription, TableDescription } from './tables.ts';

/** Full-text indexes: table → indexed text columns. */
export const FULL_TEXT: Record<string, string[]> = {
  provisions: ['heading', 'text'],
  tasks: ['label', 'text', 'responsibility'],
};

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

function columnSql(field: FieldDescription, primaryKey: readonly string[]): string {
  const type = { string: 'TEXT', date: 'TEXT', integer: 'INTEGER', number: 'REAL', boolean: 'INTEGER' }[
    field.type
  ];
  const parts = [quoteName(field.name), type];
  const constraints = field.constraints ?? {};
  if (constraints.required) parts.push('NOT NULL');
  if (constraints.unique && !(primaryKey.length === 1 && primaryKey[0] === field.name)) parts.push('UNIQUE');
  if (field.type === 'boolean') parts.push(`CHECK (${quoteName(field.name)} IN (0, 1))`);
  if (constraints.enum) {
    parts.push(`CHECK (${quoteName(field.name)} IN (${constraints.enum.map(quoteText).join(', ')}))`);
  }
  return parts.join(' ');
}

export function createTableSql(table: TableDescription): string {
  const { fields, primaryKey, foreignKeys = [] } = table.schema;
  const lines = fields.map((field) => `  ${columnSql(field, primaryKey)}`);
  lines.push(`  PRIMARY KEY (${primaryKey.map(quoteName).join(', ')})`);
  for (const key of foreignKeys) {
    lines.push(
      `  FOREIGN KEY (${key.fields.map(quoteName).join(', ')}) REFERENCES ` +
        `${quoteName(key.reference.resource)} (${key.reference.fields.map(quoteName).join(', ')})`,
    );
  }
  return `CREATE TABLE ${quoteName(table.name)} (\n${lines.join(',\n')}\n)`;
}

/** Indexes on foreign-key columns that the primary key does not already lead with. */
function indexSql(table: TableDescription): string[] {
  const { primaryKey, foreignKeys = [] } = table.schema;
  const seen = new Set<string>();
  const statements: string[] = [];
  for (const key of foreignKeys) {
    const name = `${table.name}_by_${key.fields.join('_')}`;
    const ledByKey = key.fields.every((field, index) => primaryKey[index] === field);
    if (ledByKey || seen.has(name)) continue;
    seen.add(name);
    statements.push(
      `CREATE INDEX ${quoteName(name)} ON ${quoteName(table.name)} (${key.fields.map(quoteName).join(', ')})`,
    );
  }
  return statements;
}

const toSql = (cell: Cell) => (typeof cell === 'boolean' ? (cell ? 1 : 0) : cell);

/**
 * The database, filled one table at a time (`insert`, in the order of the tables given) so that a
 * cut holds one table's rows at a time, then finished with its indexes and written (`finish`).
 * It is built in a scratch file, not in memory: at 10,000 documents it is a gigabyte before VACUUM.
 */
export class SqliteArchive {
  private readonly work = mkdtempSync(join(tmpdir(), 'pprd-sqlite-'));
  private readonly db: DatabaseSync;

  private readonly tables: readonly TableDescription[];

  constructor(tables: readonly TableDescription[]) {
    this.tables = tables;
    try {
      this.db = new DatabaseSync(join(this.work, 'build.sqlite'), { enableForeignKeyConstraints: false });
      this.db.exec('PRAGMA page_size = 4096');
      // A scratch file: nothing to recover if the cut stops.
      this.db.exec('PRAGMA journal_mode = OFF');
      this.db.exec('PRAGMA synchronous = OFF');
      for (const table of tables) this.db.exec(createTableSql(table));
      this.db.exec('BEGIN');
    } catch (error) {
      this.close();
      throw error;
    }
  }

  insert(table: TableDescription, rows: readonly Cell[][]): void {
    const columns = table.schema.fields.map((field) => quoteName(field.name));
    const insert = this.db.prepare(
      `INSERT INTO ${quoteName(table.name)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    for (const row of rows) insert.run(...row.map(toSql));
  }

  /** Writes the database to `file` (new), once every table's rows are in; the scratch file is removed. */
  finish(file: string): void {
    try {
      const db = this.db;
      db.exec('COMMIT');
      const violations = db.prepare('PRAGMA foreign_key_check').all() as {
        table: string;
        rowid: number;
        parent: string;
      }[];
      if (violations.length > 0) {
        const first = violations[0]!;
        throw new Error(
          `archive.sqlite: ${violations.length} row(s) break a foreign key, first ${first.table} row ${first.rowid} → ${first.parent}`,
        );
      }
      for (const table of this.tables) for (const statement of indexSql(table)) db.exec(statement);
      for (const [name, columns] of Object.entries(FULL_TEXT)) {
        if (!this.tables.some((table) => table.name === name)) continue;
        const fts = quoteName(`${name}_fts`);
        const list = columns.map(quoteName).join(', ');
        db.exec(`CREATE VIRTUAL TABLE ${fts} USING fts5(${list}, content="${name}", tokenize="trigram")`);
        db.exec(
          `INSERT INTO ${fts} (rowid, ${list}) SELECT rowid, ${list} FROM ${quoteName(name)} ORDER BY rowid`,
        );
        db.exec(`INSERT INTO ${fts} (${fts}) VALUES ('optimize')`);
      }
      db.exec(`VACUUM INTO ${quoteText(file)}`);
    } finally {
      this.close();
    }
  }

  /** Gives up the database and its scratch folder (finish does it too). */
  close(): void {
    if (this.db?.isOpen) this.db.close();
    rmSync(this.work, { recursive: true, force: true });
  }
}
