// What changed between two releases: documents added, removed and changed; per table the rows
// added, removed and changed by primary key, with before and after values of changed cells; and
// the smallest version step the changes allow (major: schema break; minor: new records or columns;
// patch: corrections).
import type { Bump } from './semver.ts';
import { keyOf, parseTableCsv, type TableDescription } from './tables.ts';

/** A release's payload: its tables' descriptions and its files by path relative to data/. */
export interface Snapshot {
  tables: TableDescription[];
  files: ReadonlyMap<string, Uint8Array>;
}

export type Key = Record<string, string>;

export interface CellChange {
  before: string | null;
  after: string | null;
}

export interface RowChange {
  key: Key;
  cells: Record<string, CellChange>;
}

export interface TableChanges {
  name: string;
  status: 'added' | 'removed' | 'kept';
  columns_added: string[];
  columns_removed: string[];
  columns_retyped: string[];
  primary_key_changed: boolean;
  added: number;
  removed: number;
  changed: number;
  /** Absent for the first release: every row is new. */
  rows?: {
    added: Key[];
    removed: { key: Key; row: Record<string, string | null> }[];
    changed: RowChange[];
  };
}

export interface Changes {
  version: string;
  date: string;
  previous: string | null;
  bump: { given: Bump | null; required: Bump | null; reasons: string[] };
  summary: {
    documents: { total: number; added: number; removed: number; changed: number };
    rows: { total: number; added: number; removed: number; changed: number };
  };
  documents: { added: string[]; removed: string[]; changed: string[] };
  tables: TableChanges[];
}

const DOCUMENT = /^documents\/(.+)\.json$/u;

function documentIds(files: ReadonlyMap<string, Uint8Array>): string[] {
  return [...files.keys()].flatMap((path) => DOCUMENT.exec(path)?.[1] ?? []).sort();
}

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);
const nullable = (value: string | undefined) => (value === undefined || value === '' ? null : value);

function readTable(snapshot: Snapshot, table: TableDescription) {
  const csv = text(snapshot.files.get(`${table.name}.csv`));
  if (csv === undefined) throw new Error(`${table.name}.csv is missing from the release`);
  return parseTableCsv(csv, table, `${table.name}.csv`);
}

function diffTable(
  before: TableDescription | undefined,
  after: TableDescription | undefined,
  previous: Snapshot,
  current: Snapshot,
): TableChanges {
  const name = (after ?? before)!.name;
  const empty = { columns_added: [], columns_removed: [], columns_retyped: [], primary_key_changed: false };
  if (!before) {
    const rows = readTable(current, after!).rows;
    const keys = rows.map(
      (row) =>
        keyOf(
          after!.schema.fields.map((f) => f.name),
          row,
          after!.schema.primaryKey,
        ).key,
    );
    return {
      name,
      status: 'added',
      ...empty,
      added: rows.length,
      removed: 0,
      changed: 0,
      rows: { added: keys, removed: [], changed: [] },
    };
  }
  if (!after) {
    const parsed = readTable(previous, before);
    const removed = parsed.rows.map((row) => ({
      key: keyOf(parsed.columns, row, before.schema.primaryKey).key,
      row: Object.fromEntries(parsed.columns.map((column, index) => [column, nullable(row[index])])),
    }));
    return {
      name,
      status: 'removed',
      ...empty,
      added: 0,
      removed: removed.length,
      changed: 0,
      rows: { added: [], removed, changed: [] },
    };
  }
  const oldTable = readTable(previous, before);
  const newTable = readTable(current, after);
  const oldTypes = new Map(before.schema.fields.map((field) => [field.name, field.type]));
  const newTypes = new Map(after.schema.fields.map((field) => [field.name, field.type]));
  const columnsAdded = [...newTypes.keys()].filter((column) => !oldTypes.has(column));
  const columnsRemoved = [...oldTypes.keys()].filter((column) => !newTypes.has(column));
  const columnsRetyped = [...newTypes.keys()].filter(
    (column) => oldTypes.has(column) && oldTypes.get(column) !== newTypes.get(column),
  );
  const primaryKeyChanged = before.schema.primaryKey.join(',') !== after.schema.primaryKey.join(',');
  const primaryKey = after.schema.primaryKey;
  const keyable = primaryKey.every((column) => oldTable.columns.includes(column));
  const oldRows = new Map(
    oldTable.rows.map((row) => {
      const { id, key } = keyable
        ? keyOf(oldTable.columns, row, primaryKey)
        : keyOf(oldTable.columns, row, before.schema.primaryKey);
      return [id, { key, row }] as const;
    }),
  );
  const added: Key[] = [];
  const changed: RowChange[] = [];
  const seen = new Set<string>();
  const common = newTable.columns.filter((column) => oldTable.columns.includes(column));
  for (const row of newTable.rows) {
    const { id, key } = keyOf(newTable.columns, row, primaryKey);
    const old = keyable ? oldRows.get(id) : undefined;
    if (!old) {
      added.push(key);
      continue;
    }
    seen.add(id);
    const cells: Record<string, CellChange> = {};
    for (const column of common) {
      const was = old.row[oldTable.columns.indexOf(column)];
      const now = row[newTable.columns.indexOf(column)];
      if (was !== now) cells[column] = { before: nullable(was), after: nullable(now) };
    }
    if (Object.keys(cells).length > 0) changed.push({ key, cells });
  }
  const removed = [...oldRows.entries()]
    .filter(([id]) => !seen.has(id))
    .map(([, { key, row }]) => ({
      key,
      row: Object.fromEntries(oldTable.columns.map((column, index) => [column, nullable(row[index])])),
    }));
  return {
    name,
    status: 'kept',
    columns_added: columnsAdded,
    columns_removed: columnsRemoved,
    columns_retyped: columnsRetyped,
    primary_key_changed: primaryKeyChanged,
    added: added.length,
    removed: removed.length,
    changed: changed.length,
    rows: { added, removed, changed },
  };
}

function requiredBump(
  changes: Omit<Changes, 'bump' | 'version' | 'date' | 'previous' | 'summary'>,
  schemasChanged: string[],
) {
  const major: string[] = [];
  const minor: string[] = [];
  for (const table of changes.tables) {
    if (table.status === 'removed') major.push(`table ${table.name} removed`);
    if (table.status === 'added') minor.push(`table ${table.name} added`);
    for (const column of table.columns_removed) major.push(`column ${table.name}.${column} removed`);
    for (const column of table.columns_retyped) major.push(`column ${table.name}.${column} changed type`);
    if (table.primary_key_changed) major.push(`primary key of ${table.name} changed`);
    for (const column of table.columns_added) minor.push(`column ${table.name}.${column} added`);
  }
  if (changes.documents.added.length) minor.push(`documents added: ${changes.documents.added.join(', ')}`);
  if (changes.documents.removed.length)
    minor.push(`documents removed: ${changes.documents.removed.join(', ')}`);
  for (const file of schemasChanged) minor.push(`record schema ${file} changed`);
  const required: Bump = major.length ? 'major' : minor.length ? 'minor' : 'patch';
  return { required, reasons: [...major, ...minor] };
}

const sum = (tables: readonly TableChanges[], field: 'added' | 'removed' | 'changed') =>
  tables.reduce((total, table) => total + table[field], 0);

export function diffReleases(options: {
  version: string;
  date: string;
  previous: { version: string; snapshot: Snapshot } | null;
  current: Snapshot;
  given: Bump | null;
  /** The current tables' row counts by name, when known (the assembly has them): else the tables are parsed to count them. */
  rowCounts?: ReadonlyMap<string, number>;
}): Changes {
  const { current } = options;
  const rowsOf = (table: TableDescription) =>
    options.rowCounts?.get(table.name) ?? readTable(current, table).rows.length;
  const totalRows = current.tables.reduce((total, table) => total + rowsOf(table), 0);
  const currentIds = documentIds(current.files);
  if (!options.previous) {
    const tables = current.tables.map((table): TableChanges => {
      const rows = rowsOf(table);
      return {
        name: table.name,
        status: 'added',
        columns_added: [],
        columns_removed: [],
        columns_retyped: [],
        primary_key_changed: false,
        added: rows,
        removed: 0,
        changed: 0,
      };
    });
    return {
      version: options.version,
      date: options.date,
      previous: null,
      bump: { given: null, required: null, reasons: [] },
      summary: {
        documents: { total: currentIds.length, added: currentIds.length, removed: 0, changed: 0 },
        rows: { total: totalRows, added: totalRows, removed: 0, changed: 0 },
      },
      documents: { added: currentIds, removed: [], changed: [] },
      tables,
    };
  }
  const previous = options.previous.snapshot;
  const previousIds = documentIds(previous.files);
  const documents = {
    added: currentIds.filter((id) => !previousIds.includes(id)),
    removed: previousIds.filter((id) => !currentIds.includes(id)),
    changed: currentIds.filter((id) => {
      const before = previous.files.get(`documents/${id}.json`);
      const after = current.files.get(`documents/${id}.json`);
      return before !== undefined && after !== undefined && Buffer.compare(before, after) !== 0;
    }),
  };
  const names = [...current.tables.map((table) => table.name)];
  for (const table of previous.tables) if (!names.includes(table.name)) names.push(table.name);
  const tables = names.map((name) =>
    diffTable(
      previous.tables.find((table) => table.name === name),
      current.tables.find((table) => table.name === name),
      previous,
      current,
    ),
  );
  const schemasChanged = [...current.files.keys()]
    .filter((path) => /^schemas\/[^/]+\.schema\.json$/u.test(path))
    .filter((path) => {
      const before = previous.files.get(path);
      return before === undefined || Buffer.compare(before, current.files.get(path)!) !== 0;
    })
    .map((path) => path.slice('schemas/'.length));
  const { required, reasons } = requiredBump({ documents, tables }, schemasChanged);
  return {
    version: options.version,
    date: options.date,
    previous: options.previous.version,
    bump: { given: options.given, required, reasons },
    summary: {
      documents: { total: currentIds.length, ...counts(documents) },
      rows: {
        total: totalRows,
        added: sum(tables, 'added'),
        removed: sum(tables, 'removed'),
        changed: sum(tables, 'changed'),
      },
    },
    documents,
    tables,
  };
}

const counts = (documents: Changes['documents']) => ({
  added: documents.added.length,
  removed: documents.removed.length,
  changed: documents.changed.length,
});
