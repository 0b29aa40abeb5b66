// The emit stage: the published documents as the output's files. A document is either made in this
// run (its record, text and rows written out) or kept from the previous output in the same place,
// when its output key is unchanged (outputManifest.ts): its files are kept as they are and its
// rows are copied from the same tables, so a rebuild writes what a clean build writes without
// making every file again.
import type { Document, ExternalReference } from './generated/model.ts';
import type { KeptClean } from './buildArchive.ts';
import type { CitedWork } from './provisionsToReferences.ts';
import type { InputError } from './inputError.ts';
import { manifestJson, type DocumentDigest, type IngestEntry, type RowsPlace } from './outputManifest.ts';
import {
  TABLE_SCHEMAS,
  archiveTables,
  columnsOf,
  csvHeader,
  csvRows,
  documentTables,
  isDocumentTable,
  tableToCsv,
} from './recordsToTables.ts';

export interface MadeDocument {
  document: Document;
  clean: KeptClean;
  cited: CitedWork[];
  /** Its seed's and its output's keys (outputManifest.ts), when the build has a seed cache. */
  keys: { seed: string; output: string } | undefined;
}

export type PublishedDocument = { made: MadeDocument } | { kept: DocumentDigest };

/** A file made of new text and byte ranges of the previous output's file of the same path. */
export type Splice = (string | RowsPlace)[];

/** A spliced file's bytes, from the previous output's file of its path. */
export function spliceBytes(previous: Uint8Array, pieces: Splice): Buffer {
  return Buffer.concat(
    pieces.map((piece) =>
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : previous.subarray(piece[0], piece[0] + piece[1]),
    ),
  );
}

export interface OutputFiles {
  /** New files, by path relative to the output folder. */
  files: Map<string, string>;
  /** Files the previous output holds that this one keeps as they are. */
  kept: string[];
  /** Tables with rows kept from the previous output's same file. */
  spliced: Map<string, Splice>;
  /**
   * The manifest of this output (outputManifest.ts), made when asked (a release has no use for it);
   * none when a document has no keys.
   */
  manifest: (() => string) | undefined;
}

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

function ingestEntry(clean: KeptClean): IngestEntry {
  return {
    id: clean.id,
    source_file: clean.sourceFile,
    ...clean.decoded,
    unresolved_characters: clean.unresolved,
    invisible_characters_removed: clean.invisible,
  };
}

/** A table made of documents' rows, growing one document at a time. */
class DocumentTable {
  readonly path: string;
  readonly pieces: Splice;
  size: number;

  constructor(name: string, columns: readonly string[]) {
    this.path = `${name}.csv`;
    const header = csvHeader(columns);
    this.pieces = [header];
    this.size = utf8Length(header);
  }

  /** Adds new rows; returns where they are in the file. */
  addText(text: string): RowsPlace {
    const place: RowsPlace = [this.size, utf8Length(text)];
    if (text !== '') this.pieces.push(text);
    this.size += place[1];
    return place;
  }

  /** Adds rows kept from the previous file (adjacent ranges become one); returns where they now are. */
  addKept([offset, length]: RowsPlace): RowsPlace {
    const place: RowsPlace = [this.size, length];
    const last = this.pieces.at(-1);
    if (length === 0) return place;
    if (Array.isArray(last) && last[0] + last[1] === offset) last[1] += length;
    else this.pieces.push([offset, length]);
    this.size += length;
    return place;
  }
}

export function recordsToFiles(
  published: readonly PublishedDocument[],
  externals: readonly ExternalReference[],
  failures: readonly InputError[],
): OutputFiles {
  const texts = new Map<string, string>();
  const records = new Map<string, string>();
  const kept: string[] = [];
  const tables = new Map(
    TABLE_SCHEMAS.filter((schema) => isDocumentTable(schema.name)).map((schema) => [
      schema.name,
      new DocumentTable(schema.name, columnsOf(schema)),
    ]),
  );
  const digests: DocumentDigest[] = [];
  const ingest: IngestEntry[] = [];
  let keyed = true;
  for (const entry of published) {
    if ('kept' in entry) {
      const digest = entry.kept;
      kept.push(...Object.keys(digest.files));
      const rows = Object.fromEntries(
        [...tables].map(([name, table]) => [name, table.addKept(digest.rows[name] ?? [0, 0])]),
      );
      digests.push({ ...digest, rows });
      ingest.push(digest.ingest);
      continue;
    }
    const { document, clean, cited, keys } = entry.made;
    const record = `${JSON.stringify(document, null, 2)}\n`;
    const paths = { record: `documents/${document.id}.json`, text: `text/${document.id}.txt` };
    records.set(paths.record, record);
    texts.set(paths.text, clean.text);
    const rows: Record<string, RowsPlace> = {};
    for (const table of documentTables(document))
      rows[table.name] = tables.get(table.name)!.addText(csvRows(table.columns, table.rows));
    ingest.push(ingestEntry(clean));
    if (!keys) keyed = false;
    else
      digests.push({
        seedKey: keys.seed,
        outputKey: keys.output,
        document: {
          id: document.id,
          doc_number: document.doc_number,
          title: document.title,
          sourceFile: clean.sourceFile,
          canonicalNumber: clean.docNumber?.canonical ?? null,
        },
        cited,
        agencies: document.agencies,
        ingest: ingest.at(-1)!,
        rows,
        files: { [paths.record]: utf8Length(record), [paths.text]: utf8Length(clean.text) },
      });
  }
  // In the order a clean build has always written them: texts, records, tables, the ingest report.
  const files = new Map([...texts, ...records]);
  const spliced = new Map<string, Splice>();
  const agencies = published.map((entry) =>
    'kept' in entry ? entry.kept.agencies : entry.made.document.agencies,
  );
  const archive = new Map(archiveTables(agencies, externals).map((table) => [table.name, table]));
  for (const { name } of TABLE_SCHEMAS) {
    const whole = archive.get(name);
    const table = tables.get(name)!;
    if (whole) files.set(`${name}.csv`, tableToCsv(whole));
    else if (table.pieces.every((piece) => typeof piece === 'string'))
      files.set(table.path, table.pieces.join(''));
    else spliced.set(table.path, table.pieces);
  }
  const failed = failures.map((failure) => ({
    file: failure.file,
    line: failure.line ?? null,
    reason: failure.reason,
  }));
  files.set('ingest.json', `${JSON.stringify({ documents: ingest, failures: failed }, null, 2)}\n`);
  const sizes = Object.fromEntries([...tables.values()].map((table) => [table.path, table.size]));
  const manifest = keyed ? () => manifestJson({ tables: sizes, documents: digests }) : undefined;
  return { files, kept, spliced, manifest };
}
