// The published tables as schemas/tables.json describes them, and the CSVs read back through
// those descriptions: header checked, cells typed (integer, number, boolean), missing values null.
import { parse } from 'csv-parse/sync';

export interface Bilingual {
  title: string;
  description: string;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface FieldDescription extends Bilingual {
  name: string;
  type: FieldType;
  zh: Bilingual;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDescription extends Bilingual {
  name: string;
  zh: Bilingual;
  schema: {
    fields: FieldDescription[];
    primaryKey: string[];
    foreignKeys?: ForeignKey[];
    missingValues: string[];
  };
}

const TYPES = new Set<string>(['string', 'integer', 'number', 'boolean', 'date']);

/** The `tables` of a tables.json document, checked for the properties the release relies on. */
export function loadTables(json: unknown, source: string): TableDescription[] {
  const tables = (json as { tables?: unknown } | null)?.tables;
  if (!Array.isArray(tables)) throw new Error(`${source}: expected an object with a "tables" array`);
  for (const table of tables as TableDescription[]) {
    const where = `${source} → ${table.name}`;
    if (!table.zh?.title || !table.zh.description)
      throw new Error(`${where}: missing zh title or description`);
    for (const field of table.schema.fields) {
      if (!TYPES.has(field.type)) throw new Error(`${where}.${field.name}: unsupported type ${field.type}`);
      if (!field.title || !field.description || !field.zh?.title || !field.zh.description) {
        throw new Error(
          `${where}.${field.name}: every column needs a title and description in English and zh`,
        );
      }
    }
    const names = table.schema.fields.map((field) => field.name);
    for (const column of table.schema.primaryKey) {
      if (!names.includes(column)) throw new Error(`${where}: primary key column ${column} is not a field`);
    }
  }
  return tables as TableDescription[];
}

export type Cell = string | number | boolean | null;

export interface ParsedTable {
  columns: string[];
  /** Cells as written in the CSV. */
  rows: string[][];
}

/** Parses a CSV written by the pipeline; the header must be the table's columns in order. */
export function parseTableCsv(text: string, table: TableDescription, source: string): ParsedTable {
  const records = parse(text.replace(/^\uFEFF/u, ''), {
    record_delimiter: '\r\n',
    relax_column_count: false,
  }) as string[][];
  const [header, ...rows] = records;
  const expected = table.schema.fields.map((field) => field.name);
  if (!header || header.join(',') !== expected.join(',')) {
    throw new Error(`${source}: header ${JSON.stringify(header)} is not ${JSON.stringify(expected)}`);
  }
  return { columns: header, rows };
}

/** The typed value of a CSV cell: null for a missing value, numbers and booleans parsed. */
export function typedCell(field: FieldDescription, text: string, missingValues: readonly string[]): Cell {
  if (missingValues.includes(text)) return null;
  switch (field.type) {
    case 'integer': {
      const value = Number(text);
      if (!Number.isSafeInteger(value))
        throw new Error(`${field.name}: ${JSON.stringify(text)} is not an integer`);
      return value;
    }
    case 'number': {
      const value = Number(text);
      if (!Number.isFinite(value)) throw new Error(`${field.name}: ${JSON.stringify(text)} is not a number`);
      return value;
    }
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new Error(`${field.name}: ${JSON.stringify(text)} is not true or false`);
    default:
      return text;
  }
}

export function typedRows(table: TableDescription, parsed: ParsedTable): Cell[][] {
  const { fields, missingValues } = table.schema;
  return parsed.rows.map((row) => row.map((text, index) => typedCell(fields[index]!, text, missingValues)));
}

/** A row's primary key as a string usable in maps, and as an object for reports. */
export function keyOf(columns: readonly string[], row: readonly string[], primaryKey: readonly string[]) {
  const values = primaryKey.map((column) => row[columns.indexOf(column)] ?? '');
  return {
    id: JSON.stringify(values),
    key: Object.fromEntries(primaryKey.map((column, index) => [column, values[index]!])),
  };
}

/** Columns whose cells hold several values joined with `;` (their descriptions say so). */
export function isMultiValue(field: FieldDescription): boolean {
  return /separated by `;`/u.test(field.description);
}
