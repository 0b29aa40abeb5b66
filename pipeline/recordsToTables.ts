// The validated records as flat tables. Column names and order come from schemas/tables.json,
// the one description of the published tables; multi-valued cells are joined with `;`. Most tables
// hold rows of one document at a time, in the documents' order (a document's rows can be made, and
// kept from an earlier build, on their own); two describe the whole archive (agencies, external
// references).
import { stringify } from 'csv-stringify/sync';
import type { Document, ExternalReference, Agency } from './generated/model.ts';
import tableSchemas from '../schemas/tables.json' with { type: 'json' };

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Table {
  name: string;
  columns: readonly string[];
  rows: Row[];
}

export type TableSchema = (typeof tableSchemas.tables)[number];
export const TABLE_SCHEMAS: readonly TableSchema[] = tableSchemas.tables;

const join = (values: readonly string[]) => values.join(';');

/** The rows one document contributes to each table made of documents' rows. */
const DOCUMENT_ROWS: Record<string, (d: Document) => Row[]> = {
  documents: (d) => [
    {
      id: d.id,
      title: d.title,
      notice_title: d.notice_title,
      doc_number: d.doc_number,
      doc_number_raw: d.doc_number_raw,
      issuer: join(d.issuers),
      issued_date: d.issued_date,
      repost_date: d.repost.date,
      repost_site: d.repost.site,
      status: d.status,
      status_note: d.status_note,
      doc_type: d.doc_type,
      script: d.script,
      recipients: join(d.recipients),
      regions: join(d.regions),
      source_file: d.source.file,
      source_sha256: d.source.sha256,
      source_encoding: d.source.encoding,
    },
  ],
  provisions: (d) => d.provisions.map((p) => ({ ...p, numbering: p.numbering ?? null })),
  tasks: (d) => d.tasks.map(({ agencies: _agencies, ...task }) => task),
  task_agencies: (d) =>
    d.tasks.flatMap((task) => task.agencies.map((agency) => ({ task_id: task.id, ...agency }))),
  references: (d) => d.references.map((reference, position) => ({ ...reference, position })),
  commitments: (d) => d.commitments.map((commitment, position) => ({ ...commitment, position })),
  repairs: (d) =>
    d.repairs.map((repair, position) => ({
      document_id: d.id,
      position,
      source_file: d.source.file,
      ...repair,
    })),
};

/** The rows of the tables that describe the whole archive. */
const ARCHIVE_ROWS: Record<
  string,
  (agencies: readonly Agency[], externals: readonly ExternalReference[]) => Row[]
> = {
  agencies: (agencies) =>
    [...agencies]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((agency) => ({ ...agency, aliases: join(agency.aliases) })),
  external_references: (_agencies, externals) =>
    externals.map((external) => ({ ...external, cited_by: join(external.cited_by) })),
};

/** Whether a table is made of documents' rows, each document's together and in the documents' order. */
export const isDocumentTable = (name: string): boolean => name in DOCUMENT_ROWS;

/** A table's columns, in the order schemas/tables.json gives them. */
export function columnsOf(schema: TableSchema): string[] {
  return schema.schema.fields.map((field) => field.name);
}

/** A table of these rows, checked to have the columns schemas/tables.json gives it. */
function checkedTable(schema: TableSchema, rows: Row[]): Table {
  const columns = columnsOf(schema);
  for (const row of rows.slice(0, 1)) {
    const extra = Object.keys(row).filter((key) => !columns.includes(key));
    const missing = columns.filter((column) => !(column in row));
    if (extra.length || missing.length) {
      throw new Error(
        `table ${schema.name}: columns differ from schemas/tables.json (extra ${extra}, missing ${missing})`,
      );
    }
  }
  return { name: schema.name, columns, rows };
}

/** One document's rows of every table made of documents' rows (empty tables included). */
export function documentTables(document: Document): Table[] {
  return TABLE_SCHEMAS.filter((schema) => isDocumentTable(schema.name)).map((schema) =>
    checkedTable(schema, DOCUMENT_ROWS[schema.name]!(document)),
  );
}

/**
 * The agencies of the documents (by id, the last document naming one giving its entry) and the
 * external references, as the whole-archive tables.
 */
export function archiveTables(
  agenciesOfDocuments: readonly (readonly Agency[])[],
  externals: readonly ExternalReference[],
): Table[] {
  const agencies = new Map<string, Agency>();
  for (const list of agenciesOfDocuments) for (const agency of list) agencies.set(agency.id, agency);
  return TABLE_SCHEMAS.filter((schema) => !isDocumentTable(schema.name)).map((schema) => {
    const rows = ARCHIVE_ROWS[schema.name];
    if (!rows) throw new Error(`schemas/tables.json names a table ${schema.name} that has no rows builder`);
    return checkedTable(schema, rows([...agencies.values()], externals));
  });
}

/** Every table, in schemas/tables.json's order, for these documents and external references. */
export function recordsToTables(
  documents: readonly Document[],
  externals: readonly ExternalReference[],
): Table[] {
  const archive = archiveTables(
    documents.map((document) => document.agencies),
    externals,
  );
  return TABLE_SCHEMAS.map((schema) => {
    const rows = DOCUMENT_ROWS[schema.name];
    if (rows) return checkedTable(schema, documents.flatMap(rows));
    return archive.find((table) => table.name === schema.name)!;
  });
}

const CSV_OPTIONS = {
  record_delimiter: '\r\n',
  // With a CRLF record delimiter csv-stringify would quote only cells holding CRLF; a bare LF
  // inside a cell must be quoted too, or other readers end the row there.
  quote_record_delimiter: true,
  cast: { boolean: String },
} as const;

/** A table's rows as CSV lines, without the header: tables' rows written apart join up byte for byte. */
export function csvRows(columns: readonly string[], rows: readonly Row[]): string {
  return rows.length === 0 ? '' : stringify(rows as Row[], { ...CSV_OPTIONS, columns: [...columns] });
}

/** A table's header line. */
export function csvHeader(columns: readonly string[]): string {
  return stringify([], { ...CSV_OPTIONS, header: true, columns: [...columns] });
}

export function tableToCsv(table: Table): string {
  return csvHeader(table.columns) + csvRows(table.columns, table.rows);
}
