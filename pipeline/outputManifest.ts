// What a build records about each document it published, in a hidden file beside its output, so
// that the next build in the same place keeps a document's files and table rows as they are when
// nothing they are made from has changed: its seed (the seed cache key, which covers the code too)
// and the references linking gave it (which follow from the other documents). A manifest that is
// missing, of another version or at odds with the files beside it is not used: the next build
// makes every file again.
import { createHash } from 'node:crypto';
import type { Agency, Reference } from './generated/model.ts';
import type { ArchiveDocument } from './linkReferences.ts';
import type { CitedWork } from './provisionsToReferences.ts';

export const MANIFEST_FILE = '.manifest.json';
const MANIFEST_VERSION = 1;

/** A document's entry in ingest.json. */
export interface IngestEntry {
  id: string;
  source_file: string;
  [fact: string]: unknown;
}

/** Where a document's rows are in one table's CSV file: byte offset and length. */
export type RowsPlace = [offset: number, length: number];

export interface DocumentDigest {
  /** The seed's cache key (seedCache.ts): the record but its references, the text, the ingest facts. */
  seedKey: string;
  /** The seed's key and the document's references: everything its files and rows are made from. */
  outputKey: string;
  /** What linking and the duplicate check read of the document. */
  document: ArchiveDocument & { sourceFile: string; canonicalNumber: string | null };
  cited: CitedWork[];
  agencies: Agency[];
  ingest: IngestEntry;
  /** Its rows in each table made of documents' rows. */
  rows: Record<string, RowsPlace>;
  /** Sizes in bytes of its files (documents/<id>.json, text/<id>.txt), by path. */
  files: Record<string, number>;
}

export interface OutputManifest {
  version: typeof MANIFEST_VERSION;
  /** Sizes in bytes of the tables' CSV files, by path. */
  tables: Record<string, number>;
  documents: DocumentDigest[];
}

/** The key a document's output is made under: its seed's key and its references. */
export function outputKey(seedKey: string, references: readonly Reference[]): string {
  return createHash('sha256').update(seedKey).update('\0').update(JSON.stringify(references)).digest('hex');
}

export function manifestJson(manifest: Omit<OutputManifest, 'version'>): string {
  return JSON.stringify({ version: MANIFEST_VERSION, ...manifest });
}

/**
 * The documents of a previous output that may be kept, by seed key: those of a manifest of this
 * version whose files and tables have the sizes it records (`sizeOf` gives a file's size in the
 * output, undefined when it is missing). Anything else keeps nothing.
 */
export function keptDocuments(
  json: string | undefined,
  sizeOf: (path: string) => number | undefined,
): Map<string, DocumentDigest> {
  const kept = new Map<string, DocumentDigest>();
  let manifest: OutputManifest;
  try {
    manifest = JSON.parse(json ?? 'null') as OutputManifest;
  } catch {
    return kept;
  }
  if (manifest?.version !== MANIFEST_VERSION) return kept;
  const sized = (sizes: Record<string, number>) =>
    Object.entries(sizes).every(([path, size]) => sizeOf(path) === size);
  if (!sized(manifest.tables)) return kept;
  for (const digest of manifest.documents) if (sized(digest.files)) kept.set(digest.seedKey, digest);
  return kept;
}
