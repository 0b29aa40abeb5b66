// What the search is built from: every document's id and date (to plan the shards), the records of
// one shard at a time, and the agencies' names. From the pipeline's output folder, a record is read
// when its shard is indexed and let go after, so the search's memory is one shard's records, not
// the archive's; from an archive already in memory (the tests, the search benchmark), as it is.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Agency, Archive, Document } from './data.ts';
import { documentDate } from './data.ts';
import type { ShardDocument } from './searchShards.ts';

export interface SearchSource {
  /** Every document's id and the date it is ordered by. */
  documents: ShardDocument[];
  /** The records of these documents, in this order. */
  load(ids: readonly string[]): Document[];
  /** Every agency any document names, once. */
  agencies: Agency[];
}

export function archiveSource(archive: Archive): SearchSource {
  return {
    documents: archive.documents.map((document) => ({ id: document.id, date: documentDate(document) })),
    load: (ids) =>
      ids.map((id) => {
        const document = archive.byId.get(id);
        if (!document) throw new Error(`no record for document ${id} in the archive`);
        return document;
      }),
    agencies: [...archive.agencies.values()].map((entry) => entry.agency),
  };
}

/** The records in `<dataDir>/documents/<id>.json`, as the pipeline writes them. */
export function folderSource(dataDir: string): SearchSource {
  const folder = join(dataDir, 'documents');
  const read = (name: string): Document => {
    const path = join(folder, name);
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Document;
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}; run the pipeline again (npm run pipeline)`, {
        cause: error,
      });
    }
  };
  const documents: ShardDocument[] = [];
  const agencies = new Map<string, Agency>();
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const document = read(name);
    if (`${document.id}.json` !== name)
      throw new Error(
        `${join(folder, name)} holds document ${document.id}: its file must be ${document.id}.json`,
      );
    documents.push({ id: document.id, date: documentDate(document) });
    for (const agency of document.agencies) if (!agencies.has(agency.id)) agencies.set(agency.id, agency);
  }
  return {
    documents,
    load: (ids) => ids.map((id) => read(`${id}.json`)),
    agencies: [...agencies.values()],
  };
}
