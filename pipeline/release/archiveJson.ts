// archive.json: everything in one JSON document: the full record of every document (exactly as
// in documents/<id>.json, text unaltered) and the external references they cite.
import type { Cell, TableDescription } from './tables.ts';

export interface ArchiveJsonInput {
  name: string;
  version: string;
  date: string;
  /** Parsed documents/<id>.json records, in the order of documents.csv. */
  documents: unknown[];
  externalReferences: { table: TableDescription; rows: Cell[][] };
}

/** External references as records (cited_by back to an array), per external-reference.schema.json. */
export function externalReferenceRecords(table: TableDescription, rows: Cell[][]): Record<string, unknown>[] {
  const names = table.schema.fields.map((field) => field.name);
  return rows.map((row) => {
    const record: Record<string, unknown> = Object.fromEntries(
      names.map((name, index) => [name, row[index]]),
    );
    record['cited_by'] = typeof record['cited_by'] === 'string' ? record['cited_by'].split(';') : [];
    return record;
  });
}

export function archiveJson(input: ArchiveJsonInput): string {
  const archive = {
    name: input.name,
    version: input.version,
    date: input.date,
    documents: input.documents,
    external_references: externalReferenceRecords(
      input.externalReferences.table,
      input.externalReferences.rows,
    ),
  };
  return `${JSON.stringify(archive)}\n`;
}
