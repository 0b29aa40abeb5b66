// archive.json: everything in one JSON document: the full record of every document (exactly as
// in documents/<id>.json, text unaltered) and the external references they cite.
import type { Cell, TableDescription } from './tables.ts';

export interface ArchiveJsonInput {
  name: string;
  version: string;
  date: string;
  /** The documents/<id>.json files, in the order of documents.csv: each read when its turn comes. */
  documents: Iterable<Uint8Array>;
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

/**
 * archive.json's text in pieces, a document at a time: the same text as JSON.stringify of the whole
 * archive, which a cut at 10,000 documents cannot hold in memory (parsed, then as one string).
 */
export function* archiveJsonPieces(input: ArchiveJsonInput): Generator<string> {
  const head = JSON.stringify({ name: input.name, version: input.version, date: input.date });
  yield `${head.slice(0, -1)},"documents":[`;
  let separator = '';
  for (const bytes of input.documents) {
    yield separator + JSON.stringify(JSON.parse(Buffer.from(bytes).toString('utf8')));
    separator = ',';
  }
  const externals = externalReferenceRecords(input.externalReferences.table, input.externalReferences.rows);
  yield `],"external_references":${JSON.stringify(externals)}}\n`;
}
