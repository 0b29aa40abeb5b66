// The pipeline's records as the build reads them outside the pages. The search is built from every
// document's id and date (to plan its shards), the records of one shard at a time and the
// agencies' names (a SearchSource): from the output folder, a record is read when its shard is
// indexed and let go after, so the search's memory is one shard's records, not the archive's; from
// an archive already in memory (the tests, the search benchmark), as it is. The published files
// read the records one at a time too (site/integrations/publishFiles.ts).
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

/** The names of the record files in `<dataDir>/documents/` (`<id>.json`, as the pipeline writes them). */
export function recordFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'documents'))
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/** One record file of `<dataDir>/documents/`, checked to hold the document it is named after. */
export function readRecordFile(dataDir: string, name: string): Document {
  const path = join(dataDir, 'documents', name);
  let document: Document;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as Document;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}; run the pipeline again (npm run pipeline)`, {
      cause: error,
    });
  }
  if (`${document.id}.json` !== name)
    throw new Error(`${path} holds document ${document.id}: its file must be ${document.id}.json`);
  return document;
}

/** The records of the pipeline's output folder, each read when it is needed. */
export function folderSource(dataDir: string): SearchSource {
  const documents: ShardDocument[] = [];
  const agencies = new Map<string, Agency>();
  for (const name of recordFiles(dataDir)) {
    const document = readRecordFile(dataDir, name);
    documents.push({ id: document.id, date: documentDate(document) });
    for (const agency of document.agencies) if (!agencies.has(agency.id)) agencies.set(agency.id, agency);
  }
  return {
    documents,
    load: (ids) => ids.map((id) => readRecordFile(dataDir, `${id}.json`)),
    agencies: [...agencies.values()],
  };
}
