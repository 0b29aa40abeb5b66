// The pipeline's record files (<data>/documents/<id>.json) as the site reads them: one whole record
// when a page needs it, and an index of what a view keeps of every record (its summary, for the
// pages) and its version (the SHA-256 of its file), for the lists and the cache keys. With a cache
// folder, each record's entry and version are kept with the file's identity (inode, size,
// modification time, as git's index keeps them): the pipeline replaces a file it changes and links
// the ones it keeps, so a rebuild reads only the records that changed.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
  /** A folder of CACHE_PARTS files. */
  folder: string;
  fingerprint: string;
}

interface IndexedRecord<T> {
  /** The file's inode, size and modification time (ns) when it was read. */
  identity: string;
  version: string;
  entry: T;
  /** The SHA-256 of the entry as JSON (entryDigest). */
  digest: string;
}

/**
 * Each entry's digest, by the entry itself: what the pages' keys hash a document's summary by
 * (pageCache.ts). Kept in the index, so a rebuild does not hash every summary again (0.36 s at
 * 5,000 documents); on the process, as the index is, since Astro loads this module twice. An
 * entry is never changed once indexed.
 */
const DIGESTS = Symbol.for('pprd-archive.record-index-digests');
type ProcessWithDigests = typeof globalThis & { [DIGESTS]?: WeakMap<object, string> };
const digests = ((globalThis as ProcessWithDigests)[DIGESTS] ??= new WeakMap());

/** The SHA-256 of an index's entry as JSON, as the index computed it (undefined: not an entry of an index). */
export const entryDigest = (entry: object): string | undefined => digests.get(entry);

const digestOf = (entry: object) => createHash('sha256').update(JSON.stringify(entry)).digest('hex');

/**
 * The cache is kept in parts, each record in the part its file name falls in, so that a rebuild
 * that changes a few records writes only their parts again: at 5,000 documents the index is 36.5
 * MB, and writing it whole took half a second of every rebuild.
 */
const CACHE_PARTS = 32;

/** A record's part: a hash of its file name (FNV-1a), so a record keeps its part as others come and go. */
function partOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % CACHE_PARTS;
}

const partFile = (folder: string, part: number) => join(folder, `${String(part).padStart(2, '0')}.json`);

/**
 * A part's file. Every entry names the agencies its record mentions, and most are the same few
 * hundred gazetteer entries (two thirds of the summaries' bytes at 5,000 documents): each is stored
 * once a part, in `agencies`, and an entry names its agencies by their place there.
 */
interface RecordIndexFile {
  format: typeof CACHE_FORMAT;
  view: string;
  fingerprint: string;
  agencies: Agency[];
  /** By file name. */
  records: Record<string, StoredRecord>;
}

const CACHE_FORMAT = 5;

type StoredRecord = Omit<IndexedRecord<ViewEntry>, 'entry'> & {
  entry: Omit<ViewEntry, 'agencies'> & { agencies: number[] };
};

function identityOf(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

/** One part of the cache: its records, and the identity of the file they are the content of (none: not a file's). */
interface CachePart<T> {
  records: Record<string, IndexedRecord<T>>;
  identity: string | undefined;
}

/**
 * The cache as this process last read or wrote it, part by part, while each part's file is still
 * that one. Astro loads this module twice (the pages' graph and its integrations'), so it is kept on
 * the process, not the module: the published files then take the records the pages' archive read.
 */
interface CacheInMemory {
  folder: string;
  view: string;
  fingerprint: string;
  parts: CachePart<ViewEntry>[];
}
const IN_MEMORY = Symbol.for('pprd-archive.record-index-cache');
type ProcessWithCache = typeof globalThis & { [IN_MEMORY]?: CacheInMemory };

/** A file's identity, or none when it is missing. */
function fileIdentity(file: string): string | undefined {
  return existsSync(file) ? identityOf(file) : undefined;
}

const NO_PART: CachePart<never> = { records: {}, identity: undefined };

/** One part of the cache, from this process's memory while its file is the one it read, else from the file. */
function readCachePart<T extends ViewEntry>(
  view: RecordView<T>,
  cache: RecordIndexCache,
  part: number,
  kept: CacheInMemory | undefined,
): CachePart<T> {
  const file = partFile(cache.folder, part);
  // Taken before reading: if the file changes meanwhile, what is kept names the older file.
  const identity = fileIdentity(file);
  if (identity === undefined) return NO_PART;
  const inMemory = kept?.parts[part];
  if (inMemory?.identity === identity) return inMemory as CachePart<T>;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as RecordIndexFile;
    if (
      stored.format !== CACHE_FORMAT ||
      stored.view !== view.name ||
      stored.fingerprint !== cache.fingerprint
    )
      return NO_PART;
    const records: Record<string, IndexedRecord<T>> = {};
    for (const [name, record] of Object.entries(stored.records)) {
      const agencies = record.entry.agencies.map((place) => stored.agencies[place]!);
      records[name] = { ...record, entry: { ...record.entry, agencies } as unknown as T };
    }
    return { records, identity };
  } catch {
    return NO_PART;
  }
}

/** Every part of the cache (empty ones when there is none). */
function readIndexCache<T extends ViewEntry>(
  view: RecordView<T>,
  cache: RecordIndexCache | undefined,
): CachePart<T>[] {
  if (!cache) return Array.from({ length: CACHE_PARTS }, () => NO_PART);
  const kept = (globalThis as ProcessWithCache)[IN_MEMORY];
  const same =
    kept?.folder === cache.folder && kept.view === view.name && kept.fingerprint === cache.fingerprint;
  return Array.from({ length: CACHE_PARTS }, (_, part) =>
    readCachePart(view, cache, part, same ? kept : undefined),
  );
}

/** A part file's text: each agency once, the entries naming theirs by place. */
function partText(
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

/**
 * Writes again the parts whose records are not those their files hold (a record read anew, or one
 * gone), and keeps every part in this process's memory.
 */
function saveIndexCache<T extends ViewEntry>(
  view: RecordView<T>,
  cache: RecordIndexCache,
  cached: readonly CachePart<T>[],
  current: readonly CachePart<T>[],
  changed: ReadonlySet<number>,
): void {
  mkdirSync(cache.folder, { recursive: true });
  const parts = current.map((part, place): CachePart<ViewEntry> => {
    const before = cached[place]!;
    const same =
      !changed.has(place) &&
      before.identity !== undefined &&
      Object.keys(before.records).length === Object.keys(part.records).length;
    if (same) return { records: part.records, identity: before.identity };
    // Written aside and renamed: another build's process may be reading it.
    const file = partFile(cache.folder, place);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, partText(view.name, cache.fingerprint, part.records));
    const identity = identityOf(temporary);
    renameSync(temporary, file);
    return { records: part.records, identity };
  });
  const { folder, fingerprint } = cache;
  (globalThis as ProcessWithCache)[IN_MEMORY] = { folder, view: view.name, fingerprint, parts };
}

/** What `view` keeps of every record, and each record's version, reading only the records the cache does not know as they are. */
export function readRecordIndex<T extends ViewEntry>(
  dir: string,
  view: RecordView<T>,
  cache?: RecordIndexCache,
): RecordIndex<T> {
  const names = recordFiles(dir);
  const cached = readIndexCache(view, cache);
  const entries: T[] = [];
  const versions = new Map<string, string>();
  const current = cached.map((): CachePart<T> => ({ records: {}, identity: undefined }));
  const changed = new Set<number>();
  let read = 0;
  for (const name of names) {
    const part = cache ? partOf(name) : 0;
    const identity = cache ? identityOf(join(dir, 'documents', name)) : '';
    let record = cached[part]!.records[name];
    if (record?.identity !== identity) {
      const text = readRecordText(dir, name);
      const entry = view.of(parseRecordFile(dir, name, text));
      const version = createHash('sha256').update(text).digest('hex');
      record = { identity, version, entry, digest: digestOf(entry) };
      read += 1;
      changed.add(part);
    }
    digests.set(record.entry, record.digest);
    entries.push(record.entry);
    versions.set(record.entry.id, record.version);
    current[part]!.records[name] = record;
  }
  if (cache) saveIndexCache(view, cache, cached, current, changed);
  return { entries, versions, read };
}
