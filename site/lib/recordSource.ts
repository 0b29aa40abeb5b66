// What the search is built from: every document's id and date (to plan its shards), the records of
// one shard at a time and the agencies' names. From the pipeline's output folder, the summaries
// come from the records' index (recordFiles.ts, as for the pages) and a whole record is read when
// its shard is indexed and let go after, so the search's memory is one shard's records, not the
// archive's; from an archive already in memory (the tests, the search benchmark), with its own loader.
import type { Agency, Archive, Document } from './data.ts';
import { documentDate } from './data.ts';
import { readRecordFile, readRecordIndex, type SummaryCache } from './recordFiles.ts';
import type { ShardDocument } from './searchShards.ts';

export interface SearchSource {
  /** Every document's id and the date it is ordered by. */
  documents: ShardDocument[];
  /** A document's record version (recordFiles.ts): a shard's cache key, without reading the record. */
  recordVersion(id: string): string;
  /** The records of these documents, in this order. */
  load(ids: readonly string[]): Document[];
  /** Every agency any document names, once. */
  agencies: Agency[];
}

export function archiveSource(archive: Archive): SearchSource {
  return {
    documents: archive.documents.map((document) => ({ id: document.id, date: documentDate(document) })),
    recordVersion: (id) => known(archive.recordVersions, id),
    load: (ids) => ids.map((id) => archive.load(id)),
    agencies: [...archive.agencies.values()].map((entry) => entry.agency),
  };
}

/** The records of the pipeline's output folder, each read when it is needed (`cache`: of their summaries). */
export function folderSource(dataDir: string, cache?: SummaryCache): SearchSource {
  const { summaries, versions } = readRecordIndex(dataDir, cache);
  const documents: ShardDocument[] = [];
  const agencies = new Map<string, Agency>();
  for (const document of summaries) {
    documents.push({ id: document.id, date: documentDate(document) });
    for (const agency of document.agencies) if (!agencies.has(agency.id)) agencies.set(agency.id, agency);
  }
  return {
    documents,
    recordVersion: (id) => known(versions, id),
    load: (ids) => ids.map((id) => readRecordFile(dataDir, `${id}.json`)),
    agencies: [...agencies.values()],
  };
}

function known(versions: ReadonlyMap<string, string>, id: string): string {
  const version = versions.get(id);
  if (version === undefined) throw new Error(`no record for document ${id}: regenerate the pipeline output`);
  return version;
}
