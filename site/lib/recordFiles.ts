// The pipeline's record files (<data>/documents/<id>.json) as the site reads them: one whole record
// when a page needs it, and an index of what a view keeps of every record (its summary, for the
// pages) and its version (the SHA-256 of its file), for the lists and the cache keys. With a cache
// file, each record's entry and version are kept with the file's identity (inode, size,
// modification time, as git's index keeps them): the pipeline replaces a file it changes and links
// the ones it keeps, so a rebuild reads only the records that changed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document, DocumentSummary } from './data.ts';

/** The names of the record files in `<dir>/documents/` (`<id>.json`, as the pipeline writes them). */
export function recordFiles(dir: string): string[] {
  const folder = join(dir, 'documents');
  if (!existsSync(folder)) {
    throw new Error(`${folder} is missing: run the pipeline first (npm run build does)`);
  }
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** One record file of `<dir>/documents/`, checked to hold the document it is named after. */
export function readRecordFile(dir: string, name: string): Document {
  return parseRecordFile(dir, name, readRecordText(dir, name));
}

/** readRecordFile without blocking: for many records read at once. */
export async function loadRecordFile(dir: string, name: string): Promise<Document> {
  const path = join(dir, 'documents', name);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw unreadableRecord(path, error);
  });
  return parseRecordFile(dir, name, text);
}

/** A record file's text; a missing or unreadable file names itself and what to run. */
function readRecordText(dir: string, name: string): string {
  const path = join(dir, 'documents', name);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadableRecord(path, error);
  }
}

const unreadableRecord = (path: string, error: unknown) =>
  new Error(`${path}: ${(error as Error).message}; run the pipeline again (npm run pipeline)`, {
    cause: error,
  });

/** A record file's text (read by the caller), parsed and checked as readRecordFile does. */
function parseRecordFile(dir: string, name: string, text: string): Document {
  const path = join(dir, 'documents', name);
  let document: Document;
  try {
    document = JSON.parse(text) as Document;
  } catch (error) {
    throw unreadableRecord(path, error);
  }
  if (`${document.id}.json` !== name)
    throw new Error(`${path} holds document ${document.id}: its file must be ${document.id}.json`);
  return document;
}

export function summaryOf(document: Document): DocumentSummary {
  const { provisions: _provisions, repairs: _repairs, ...summary } = document;
  return summary;
}

type Agency = DocumentSummary['agencies'][number];

/** What an index keeps of a record: at least its id and the agencies it names. */
export interface ViewEntry {
  id: string;
  agencies: Agency[];
}

/**
 * What an index keeps of each record, and the cache file's name for it: the pages keep each record's
 * summary (`SUMMARIES`); the search's process only what plans its shards and names its agencies
 * (recordSource.ts), a few per cent of the summaries' bytes.
 */
export interface RecordView<T extends ViewEntry> {
  /** Named in the cache file: a cache of another view is never read as this one. */
  name: string;
  of(document: Document): T;
}

export const SUMMARIES: RecordView<DocumentSummary> = { name: 'summary', of: summaryOf };

export interface RecordIndex<T> {
  /** What the view keeps of every record, in the files' order. */
  entries: T[];
  /** Each record's version, by document id: what a cached page or search shard names it by. */
  versions: Map<string, string>;
  /** How many record files were read (the rest came from the cache). */
  read: number;
}

/** Where an index is kept between builds, and the fingerprint of the code that made it. */
export interface RecordIndexCache {
  file: string;
  fingerprint: string;
}

interface IndexedRecord<T> {
  /** The file's inode, size and modification time (ns) when it was read. */
  identity: string;
  version: string;
  entry: T;
}

/**
 * The cache file. Every entry names the agencies its record mentions, and most are the same few
 * hundred gazetteer entries (two thirds of the summaries' bytes at 5,000 documents): each is stored
 * once, in `agencies`, and an entry names its agencies by their place there.
 */
interface RecordIndexFile {
  format: typeof CACHE_FORMAT;
  view: string;
  fingerprint: string;
  agencies: Agency[];
  /** By file name. */
  records: Record<string, StoredRecord>;
}

const CACHE_FORMAT = 3;

type StoredRecord = Omit<IndexedRecord<ViewEntry>, 'entry'> & {
  entry: Omit<ViewEntry, 'agencies'> & { agencies: number[] };
};

function identityOf(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

/**
 * The cache file as this process last read or wrote it, while the file is still that one. Astro
 * loads this module twice (the pages' graph and its integrations'), so it is kept on the process,
 * not the module: the published files then take the records the pages' archive read.
 */
interface CacheInMemory {
  file: string;
  view: string;
  fingerprint: string;
  /** The cache file's identity (identityOf) when these records were its content. */
  identity: string;
  records: Record<string, IndexedRecord<ViewEntry>>;
}
const IN_MEMORY = Symbol.for('pprd-archive.record-index-cache');
type ProcessWithCache = typeof globalThis & { [IN_MEMORY]?: CacheInMemory };

/** The cache file's identity, or none when it is missing. */
function cacheIdentity(file: string): string | undefined {
  return existsSync(file) ? identityOf(file) : undefined;
}

/** The cache's records, and the identity of the file they came from (none: not from the file as it is). */
function readIndexCache<T extends ViewEntry>(
  view: RecordView<T>,
  cache: RecordIndexCache | undefined,
): { records: Record<string, IndexedRecord<T>>; identity: string | undefined } {
  if (!cache) return { records: {}, identity: undefined };
  // Taken before reading: if the file changes meanwhile, what is kept names the older file.
  const identity = cacheIdentity(cache.file);
  const kept = (globalThis as ProcessWithCache)[IN_MEMORY];
  if (
    identity !== undefined &&
    kept?.file === cache.file &&
    kept.view === view.name &&
    kept.fingerprint === cache.fingerprint &&
    kept.identity === identity
  )
    return { records: kept.records as Record<string, IndexedRecord<T>>, identity };
  try {
    const stored = JSON.parse(readFileSync(cache.file, 'utf8')) as RecordIndexFile;
    if (
      stored.format !== CACHE_FORMAT ||
      stored.view !== view.name ||
      stored.fingerprint !== cache.fingerprint
    )
      return { records: {}, identity: undefined };
    const records: Record<string, IndexedRecord<T>> = {};
    for (const [name, record] of Object.entries(stored.records)) {
      const agencies = record.entry.agencies.map((place) => stored.agencies[place]!);
      records[name] = { ...record, entry: { ...record.entry, agencies } as unknown as T };
    }
    return { records, identity };
  } catch {
    return { records: {}, identity: undefined };
  }
}

/** Keeps the records as the content of the cache file of this identity. */
function remember<T extends ViewEntry>(
  view: RecordView<T>,
  cache: RecordIndexCache,
  identity: string,
  records: Record<string, IndexedRecord<T>>,
): void {
  const { file, fingerprint } = cache;
  (globalThis as ProcessWithCache)[IN_MEMORY] = { file, view: view.name, fingerprint, identity, records };
}

/** The cache file's text: each agency once, the entries naming theirs by place. */
function indexCacheText(
  view: string,
  fingerprint: string,
  records: Record<string, IndexedRecord<ViewEntry>>,
): string {
  const agencies: Agency[] = [];
  // By content; and by object, since the entries read from the cache share theirs.
  const places = new Map<string, number>();
  const placesOf = new Map<object, number>();
  const placeOf = (agency: Agency): number => {
    let place = placesOf.get(agency);
    if (place !== undefined) return place;
    const key = JSON.stringify(agency);
    place = places.get(key);
    if (place === undefined) {
      place = agencies.push(agency) - 1;
      places.set(key, place);
    }
    placesOf.set(agency, place);
    return place;
  };
  const stored: Record<string, StoredRecord> = {};
  for (const [name, record] of Object.entries(records)) {
    const named = record.entry.agencies.map(placeOf);
    stored[name] = { ...record, entry: { ...record.entry, agencies: named } };
  }
  const file: RecordIndexFile = { format: CACHE_FORMAT, view, fingerprint, agencies, records: stored };
  return JSON.stringify(file);
}

/** What `view` keeps of every record, and each record's version, reading only the records the cache does not know as they are. */
export function readRecordIndex<T extends ViewEntry>(
  dir: string,
  view: RecordView<T>,
  cache?: RecordIndexCache,
): RecordIndex<T> {
  const names = recordFiles(dir);
  const { records: cached, identity: cachedIdentity } = readIndexCache(view, cache);
  const entries: T[] = [];
  const versions = new Map<string, string>();
  const records: Record<string, IndexedRecord<T>> = {};
  let read = 0;
  for (const name of names) {
    const identity = cache ? identityOf(join(dir, 'documents', name)) : '';
    let record = cached[name];
    if (record?.identity !== identity) {
      const text = readRecordText(dir, name);
      const entry = view.of(parseRecordFile(dir, name, text));
      record = { identity, version: createHash('sha256').update(text).digest('hex'), entry };
      read += 1;
    }
    entries.push(record.entry);
    versions.set(record.entry.id, record.version);
    records[name] = record;
  }
  const current = read === 0 && Object.keys(cached).length === names.length;
  if (cache && !current) {
    // Written aside and renamed: another build's process may be reading it.
    const temporary = `${cache.file}.${process.pid}.tmp`;
    writeFileSync(temporary, indexCacheText(view.name, cache.fingerprint, records));
    remember(view, cache, identityOf(temporary), records);
    renameSync(temporary, cache.file);
  } else if (cache && current && cachedIdentity !== undefined) remember(view, cache, cachedIdentity, records);
  return { entries, versions, read };
}
