// What the search is built from: every document's id and date (to plan its shards), the records of
// one shard at a time and the agencies' names. From the pipeline's output folder, the ids, dates and
// agencies come from an index of the records of its own (recordFiles.ts: not the pages' summaries,
// 27 times its size) and a whole record is read when its shard is indexed and let go after, so the
// search's memory is one shard's records, not the archive's; from an archive already in memory (the
// tests, the search benchmark), with its own loader.
import type { Agency, Archive, Document } from './data.ts';
import { documentDate } from './data.ts';
import { readRecordFile, readRecordIndex, type RecordIndexCache, type RecordView } from './recordFiles.ts';
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

/** What the search's index keeps of a record. */
export const SEARCH_VIEW: RecordView<ShardDocument & { agencies: Agency[] }> = {
  name: 'search',
  of: (document) => ({ id: document.id, date: documentDate(document), agencies: document.agencies }),
};

/** The records of the pipeline's output folder, each read when it is needed (`cache`: of the search's index). */
export function folderSource(dataDir: string, cache?: RecordIndexCache): SearchSource {
  const { entries, versions } = readRecordIndex(dataDir, SEARCH_VIEW, cache);
  const documents: ShardDocument[] = [];
  const agencies = new Map<string, Agency>();
  for (const { id, date, agencies: named } of entries) {
    documents.push({ id, date });
    for (const agency of named) if (!agencies.has(agency.id)) agencies.set(agency.id, agency);
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
