// What the search is built from: every document's id and date (to plan its shards), the records of
// one shard at a time and the agencies' names. From the pipeline's output folder, a record is read
// (with the pages' own reader, data.ts) when its shard is indexed and let go after, so the search's
// memory is one shard's records, not the archive's; from an archive already in memory (the tests,
// the search benchmark), with its own loader.
import type { Agency, Archive, Document } from './data.ts';
import { documentDate, readHashedRecord, readRecordFile, recordFiles } from './data.ts';
import type { ShardDocument } from './searchShards.ts';

export interface SearchSource {
  /** Every document's id and the date it is ordered by. */
  documents: ShardDocument[];
  /** A hash of a document's record (SHA-256 of its file): a shard's cache key, without reading it again. */
  recordHash(id: string): string;
  /** The records of these documents, in this order. */
  load(ids: readonly string[]): Document[];
  /** Every agency any document names, once. */
  agencies: Agency[];
}

export function archiveSource(archive: Archive): SearchSource {
  return {
    documents: archive.documents.map((document) => ({ id: document.id, date: documentDate(document) })),
    recordHash: (id) => known(archive.recordHashes, id),
    load: (ids) => ids.map((id) => archive.load(id)),
    agencies: [...archive.agencies.values()].map((entry) => entry.agency),
  };
}

/** The records of the pipeline's output folder, each read when it is needed. */
export function folderSource(dataDir: string): SearchSource {
  const documents: ShardDocument[] = [];
  const agencies = new Map<string, Agency>();
  const hashes = new Map<string, string>();
  for (const name of recordFiles(dataDir)) {
    const { document, hash } = readHashedRecord(dataDir, name);
    hashes.set(document.id, hash);
    documents.push({ id: document.id, date: documentDate(document) });
    for (const agency of document.agencies) if (!agencies.has(agency.id)) agencies.set(agency.id, agency);
  }
  return {
    documents,
    recordHash: (id) => known(hashes, id),
    load: (ids) => ids.map((id) => readRecordFile(dataDir, `${id}.json`)),
    agencies: [...agencies.values()],
  };
}

function known(hashes: ReadonlyMap<string, string>, id: string): string {
  const hash = hashes.get(id);
  if (hash === undefined) throw new Error(`no record for document ${id}: regenerate the pipeline output`);
  return hash;
}
