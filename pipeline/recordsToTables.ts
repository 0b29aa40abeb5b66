// The validated records as flat tables. Column names and order come from schemas/tables.json,
// the one description of the published tables; multi-valued cells are joined with `;`.
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

function rowsByTable(
  documents: readonly Document[],
  externals: readonly ExternalReference[],
): Record<string, Row[]> {
  const agencies = new Map<string, Agency>();
  for (const document of documents) for (const agency of document.agencies) agencies.set(agency.id, agency);
  return {
    documents: documents.map((d) => ({
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
    })),
    provisions: documents.flatMap((d) => d.provisions.map((p) => ({ ...p, numbering: p.numbering ?? null }))),
    tasks: documents.flatMap((d) => d.tasks.map(({ agencies: _agencies, ...task }) => task)),
    task_agencies: documents.flatMap((d) =>
      d.tasks.flatMap((task) => task.agencies.map((agency) => ({ task_id: task.id, ...agency }))),
    ),
    agencies: [...agencies.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((agency) => ({ ...agency, aliases: join(agency.aliases) })),
    references: documents.flatMap((d) =>
      d.references.map((reference, position) => ({ ...reference, position })),
    ),
    external_references: externals.map((external) => ({ ...external, cited_by: join(external.cited_by) })),
    commitments: documents.flatMap((d) =>
      d.commitments.map((commitment, position) => ({ ...commitment, position })),
    ),
    repairs: documents.flatMap((d) =>
      d.repairs.map((repair, position) => ({
        document_id: d.id,
        position,
        source_file: d.source.file,
        ...repair,
      })),
    ),
  };
}

export function recordsToTables(
  documents: readonly Document[],
  externals: readonly ExternalReference[],
): Table[] {
  const rows = rowsByTable(documents, externals);
  return TABLE_SCHEMAS.map((schema) => {
    const columns = schema.schema.fields.map((field) => field.name);
    const tableRows = rows[schema.name];
    if (!tableRows)
      throw new Error(`schemas/tables.json names a table ${schema.name} that has no rows builder`);
    for (const row of tableRows.slice(0, 1)) {
      const extra = Object.keys(row).filter((key) => !columns.includes(key));
      const missing = columns.filter((column) => !(column in row));
      if (extra.length || missing.length) {
        throw new Error(
          `table ${schema.name}: columns differ from schemas/tables.json (extra ${extra}, missing ${missing})`,
        );
      }
    }
    return { name: schema.name, columns, rows: tableRows };
  });
}
