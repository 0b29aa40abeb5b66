// The archive as the site sees it: the pipeline's records (data/build), their summaries taken from
// the records' index (recordFiles.ts), with the indexes the pages need (agencies across documents,
// external references, relations, regions). The site reads nothing else of the pipeline's. The
// archive holds each record without its text and repairs (most of its size); a document's page
// reads its whole record when it is rendered, so the build's memory follows the archive's
// summaries, not its full texts.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Agency, Document, ExternalReference, Reference, Task } from '../../pipeline/generated/model.ts';
import { dataDir } from './paths.ts';
import { readRecordFile, readRecordIndex, SUMMARIES, type RecordIndexCache } from './recordFiles.ts';
import { pageCacheSetup } from './buildCache.ts';

export type { Agency, Document, ExternalReference, Reference, Task };

/** A record without its provisions and repairs: what lists, indexes and cross-links need. */
export type DocumentSummary = Omit<Document, 'provisions' | 'repairs'>;
export type Role = Task['agencies'][number]['role'];

/** The 9+2 in their customary order, then national bodies. */
export const REGION_CODES = [
  'CN-FJ',
  'CN-JX',
  'CN-HN',
  'CN-GD',
  'CN-GX',
  'CN-HI',
  'CN-SC',
  'CN-GZ',
  'CN-YN',
  'CN-HK',
  'CN-MO',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export interface TaskRole {
  document: DocumentSummary;
  task: Task;
  role: Role;
  nameAsPrinted: string;
}

export interface AgencyEntry {
  agency: Agency;
  tasks: TaskRole[];
  documents: DocumentSummary[];
  /** Bodies of other regions that go by one of the same names (省发展改革委 in Guangdong and Sichuan). */
  namesakes: AgencyEntry[];
}

export interface Citation {
  document: DocumentSummary;
  reference: Reference;
}

export interface ExternalEntry {
  ref: ExternalReference;
  citations: Citation[];
  /** Documents that say they carry it out, in date order. */
  implementers: DocumentSummary[];
  /** Documents that only cite it. */
  citers: DocumentSummary[];
}

export interface RegionEntry {
  code: string;
  documents: DocumentSummary[];
  agencies: AgencyEntry[];
}

export interface Relations {
  implements: Citation[];
  cites: Citation[];
  citedBy: Citation[];
  /**
   * The documents that implement what this one implements, in date order, itself among them: one
   * list shared by them all (siblingsOf gives its siblings).
   */
  peers: readonly DocumentSummary[];
}

export interface Archive {
  dataDir: string;
  /** Oldest first: by issue date, else repost date; undated last. */
  documents: DocumentSummary[];
  byId: Map<string, DocumentSummary>;
  agencies: Map<string, AgencyEntry>;
  externals: Map<string, ExternalEntry>;
  regions: Map<string, RegionEntry>;
  relations: Map<string, Relations>;
  /** Each document's record version (recordFiles.ts): what a cached page of it depends on. */
  recordVersions: Map<string, string>;
  /** A document's whole record (with its provisions and repairs), read when it is needed. */
  load(id: string): Document;
}

/** The date a document is placed by on the timeline (issue date, else repost date). */
export function documentDate(document: DocumentSummary): string | null {
  return document.issued_date ?? document.repost.date ?? null;
}

export function documentYear(document: DocumentSummary): string | null {
  return document.issued_date?.slice(0, 4) ?? null;
}

/** Issue date, undated last; ties by id. */
export function byDate(a: DocumentSummary, b: DocumentSummary): number {
  const da = a.issued_date ?? '9999';
  const db = b.issued_date ?? '9999';
  return da === db ? a.id.localeCompare(b.id) : da.localeCompare(db);
}

/**
 * A document's siblings (its peers but itself): how many, and the `limit` nearest to it in date,
 * in date order. Siblings grow with the archive (every plan implementing one framework has every
 * other as a sibling), so a page shows the nearest and links to the implemented document's page,
 * which lists them all.
 */
export function siblingsOf(
  document: DocumentSummary,
  peers: readonly DocumentSummary[],
  limit: number,
): { nearest: DocumentSummary[]; count: number } {
  const own = peers.indexOf(document);
  const count = peers.length - (own === -1 ? 0 : 1);
  /** The sibling at a place in the siblings' list (the peers without the document). */
  const sibling = (place: number) => peers[own !== -1 && place >= own ? place + 1 : place]!;
  if (count <= limit) return { nearest: Array.from({ length: count }, (_, place) => sibling(place)), count };
  // The first sibling after the document (binary search: a framework can have thousands).
  let position = 0;
  for (let high = count; position < high;) {
    const middle = (position + high) >> 1;
    if (byDate(sibling(middle), document) > 0) high = middle;
    else position = middle + 1;
  }
  const start = Math.min(Math.max(0, position - Math.floor(limit / 2)), count - limit);
  return { nearest: Array.from({ length: limit }, (_, offset) => sibling(start + offset)), count };
}

function readExternalReferences(dir: string): ExternalReference[] {
  const file = join(dir, 'external_references.csv');
  if (!existsSync(file)) return [];
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => ({
    id: row['id'] ?? '',
    doc_number: row['doc_number'] || null,
    title: row['title'] || null,
    cited_by: (row['cited_by'] ?? '').split(';').filter(Boolean),
  }));
}

/** Whole records this many at a time: a document's pages (one per script) are rendered together. */
const RECENT_RECORDS = 8;

/** Reads a document's whole record from `dir`, keeping the few most recently read. */
function recordLoader(dir: string, byId: ReadonlyMap<string, DocumentSummary>): (id: string) => Document {
  const recent = new Map<string, Document>();
  return (id) => {
    const known = recent.get(id);
    if (known) return known;
    if (!byId.has(id)) throw new Error(`no record for document ${id} in ${dir}: regenerate the pages`);
    const document = readRecordFile(dir, `${id}.json`);
    recent.set(id, document);
    if (recent.size > RECENT_RECORDS) recent.delete(recent.keys().next().value!);
    return document;
  };
}

function buildArchive(dir: string, cache: RecordIndexCache | undefined): Archive {
  const { entries, versions: recordVersions } = readRecordIndex(dir, SUMMARIES, cache);
  const documents = entries.sort(byDate);
  const byId = new Map(documents.map((document) => [document.id, document]));

  // Lists of documents are built in the documents' (date) order, so they need no sorting, and a
  // document's entries come together: one already listed is the last.
  const pushOnce = (list: DocumentSummary[], document: DocumentSummary) => {
    if (list.at(-1) !== document) list.push(document);
  };
  const agencies = new Map<string, AgencyEntry>();
  for (const document of documents) {
    for (const agency of document.agencies) {
      if (!agencies.has(agency.id))
        agencies.set(agency.id, { agency, tasks: [], documents: [], namesakes: [] });
    }
    for (const task of document.tasks) {
      for (const link of task.agencies) {
        const entry = agencies.get(link.agency_id);
        if (!entry)
          throw new Error(
            `${document.id}: task ${task.id} names agency ${link.agency_id}, not in the record`,
          );
        entry.tasks.push({ document, task, role: link.role, nameAsPrinted: link.name_as_printed });
        pushOnce(entry.documents, document);
      }
    }
  }

  const byName = new Map<string, AgencyEntry[]>();
  for (const entry of agencies.values()) {
    for (const name of new Set([entry.agency.name, ...entry.agency.aliases])) {
      byName.set(name, [...(byName.get(name) ?? []), entry]);
    }
  }
  for (const entry of agencies.values()) {
    const others = new Set<AgencyEntry>();
    for (const name of entry.agency.aliases) {
      for (const other of byName.get(name) ?? []) {
        if (other.agency.jurisdiction !== entry.agency.jurisdiction) others.add(other);
      }
    }
    entry.namesakes = [...others].sort((a, b) => a.agency.id.localeCompare(b.agency.id));
  }

  const externals = new Map<string, ExternalEntry>();
  for (const ref of readExternalReferences(dir)) {
    externals.set(ref.id, { ref, citations: [], implementers: [], citers: [] });
  }
  const relations = new Map<string, Relations>(
    documents.map((document) => [document.id, { implements: [], cites: [], citedBy: [], peers: [] }]),
  );
  for (const document of documents) {
    const own = relations.get(document.id)!;
    for (const reference of document.references) {
      const citation = { document, reference };
      (reference.relation === 'implements' ? own.implements : own.cites).push(citation);
      if (reference.target_document_id) {
        relations.get(reference.target_document_id)?.citedBy.push(citation);
      }
      if (reference.target_external_id) {
        let entry = externals.get(reference.target_external_id);
        if (!entry) {
          entry = {
            ref: {
              id: reference.target_external_id,
              doc_number: reference.cited_doc_number,
              title: reference.cited_title,
              cited_by: [],
            },
            citations: [],
            implementers: [],
            citers: [],
          };
          externals.set(entry.ref.id, entry);
        }
        entry.citations.push(citation);
      }
    }
  }
  for (const entry of externals.values()) {
    for (const { document, reference } of entry.citations)
      pushOnce(reference.relation === 'implements' ? entry.implementers : entry.citers, document);
    const implementers = new Set(entry.implementers);
    entry.citers = entry.citers.filter((document) => !implementers.has(document));
  }
  const implementersOf = new Map<string, DocumentSummary[]>();
  for (const document of documents)
    for (const { reference } of relations.get(document.id)!.implements)
      if (reference.target_document_id) {
        const list = implementersOf.get(reference.target_document_id);
        if (list) pushOnce(list, document);
        else implementersOf.set(reference.target_document_id, [document]);
      }
  // Peers: the documents that implement the same document (in date order already). Lists are
  // shared, not copied: a framework's implementers number thousands, and the documents
  // implementing the same two or more share their merged list too.
  const place = new Map(documents.map((document, i) => [document, i]));
  const merged = new Map<string, DocumentSummary[]>();
  for (const document of documents) {
    const own = relations.get(document.id)!;
    const lists = new Map<string, DocumentSummary[]>();
    for (const { reference } of own.implements) {
      if (reference.target_external_id)
        lists.set(
          `external:${reference.target_external_id}`,
          externals.get(reference.target_external_id)?.implementers ?? [],
        );
      else if (reference.target_document_id)
        lists.set(
          `document:${reference.target_document_id}`,
          implementersOf.get(reference.target_document_id) ?? [],
        );
    }
    if (lists.size <= 1) {
      own.peers = [...lists.values()][0] ?? [];
      continue;
    }
    const key = [...lists.keys()].sort().join('\0');
    let peers = merged.get(key);
    if (!peers) {
      peers = [...new Set([...lists.values()].flat())].sort((a, b) => place.get(a)! - place.get(b)!);
      merged.set(key, peers);
    }
    own.peers = peers;
  }

  const regions = new Map<string, RegionEntry>();
  for (const code of REGION_CODES) regions.set(code, { code, documents: [], agencies: [] });
  for (const document of documents) {
    for (const code of document.regions) {
      if (!regions.has(code)) regions.set(code, { code, documents: [], agencies: [] });
      regions.get(code)!.documents.push(document);
    }
  }
  for (const entry of agencies.values()) {
    const code = entry.agency.jurisdiction;
    if (!regions.has(code)) regions.set(code, { code, documents: [], agencies: [] });
    regions.get(code)!.agencies.push(entry);
  }
  for (const region of regions.values())
    region.agencies.sort((a, b) => b.tasks.length - a.tasks.length || a.agency.id.localeCompare(b.agency.id));

  return {
    dataDir: dir,
    documents,
    byId,
    agencies,
    externals,
    regions,
    relations,
    recordVersions,
    load: recordLoader(dir, byId),
  };
}

let cached: Archive | undefined;

export function getArchive(): Archive {
  cached ??= buildArchive(dataDir(), pageCacheSetup()?.records);
  return cached;
}

/** A document's whole record, for its page. */
export function getDocument(id: string): Document {
  return getArchive().load(id);
}

/** The agency links of a task in one role. */
export function agenciesIn(task: Task, role: Role): Task['agencies'][number][] {
  return task.agencies.filter((link) => link.role === role);
}

/** Region slug in URLs: CN-GD → cn-gd. */
export function regionSlug(code: string): string {
  return code.toLowerCase();
}
