// The site's index of the pipeline's records: every summary and version, read from the record files
// once and then from the cache for as long as a file is the one the cache read (the pipeline
// replaces a record it changes, and links the ones it keeps).
import { describe, it, expect, beforeEach, afterAll } from 'vitest';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/cli.ts';
import {
  entryDigest,
  readRecordIndex,
  summaryOf,
  SUMMARIES,
  type RecordIndexCache,
} from '../site/lib/recordFiles.ts';
import { SEARCH_VIEW } from '../site/lib/recordSource.ts';
import type { Document } from '../site/lib/data.ts';

const work = mkdtempSync(join(tmpdir(), 'record-index-'));
const built = join(work, 'built');
await runPipeline({ seeds: 'seeds', out: built, keepGoing: false });
afterAll(() => rmSync(work, { recursive: true, force: true }));

let data: string;
let cache: RecordIndexCache;
beforeEach(() => {
  const run = mkdtempSync(join(work, 'run-'));
  data = join(run, 'data');
  cpSync(built, data, { recursive: true });
  cache = { folder: join(run, 'records'), fingerprint: 'code' };
});

const record = (name: string) => join(data, 'documents', name);
/** The cache's part files, by name. */
const parts = () =>
  readdirSync(cache.folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
const part = (name: string) => join(cache.folder, name);
/** Puts a copy of each part file in its place, as another build writing the same bytes would. */
function replacePartsWithCopies(): void {
  for (const name of parts()) {
    cpSync(part(name), `${part(name)}.copy`);
    renameSync(`${part(name)}.copy`, part(name));
  }
}
/** Each part file's inode: a part written again is a new file renamed into place. */
const partInodes = () => new Map(parts().map((name) => [name, statSync(part(name)).ino]));

describe('the records’ index', () => {
  it('gives every record’s summary and the SHA-256 of its file', () => {
    const index = readRecordIndex(data, SUMMARIES);
    const names = readdirSync(join(data, 'documents')).sort();
    expect(index.read).toBe(names.length);
    for (const [position, name] of names.entries()) {
      const text = readFileSync(record(name), 'utf8');
      const summary = index.entries[position]!;
      expect(summary).toEqual(summaryOf(JSON.parse(text) as Document));
      expect(index.versions.get(summary.id)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('reads no record a second time, and again one replaced by a file of the same size', () => {
    const first = readRecordIndex(data, SUMMARIES, cache);
    const again = readRecordIndex(data, SUMMARIES, cache);
    expect(again.read).toBe(0);
    expect(again).toEqual({ ...first, read: 0 });

    const [name] = readdirSync(join(data, 'documents')).sort();
    const text = readFileSync(record(name!), 'utf8');
    // The same length in bytes, another title: written aside and renamed, as the pipeline writes.
    const changed = text.replace(
      /"title": "(.)/u,
      (_, first: string) => `"title": "${first === '广' ? '粤' : '广'}`,
    );
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
    writeFileSync(`${record(name!)}.new`, changed);
    renameSync(`${record(name!)}.new`, record(name!));
    const after = readRecordIndex(data, SUMMARIES, cache);
    expect(after.read).toBe(1);
    const summary = summaryOf(JSON.parse(changed) as Document);
    expect(after.entries[0]).toEqual(summary);
    expect(after.versions.get(summary.id)).toBe(createHash('sha256').update(changed).digest('hex'));
  });

  it('gives each entry’s digest, the SHA-256 of its JSON, read afresh, from the cache and in another module graph', async () => {
    const digestOf = (entry: object) => createHash('sha256').update(JSON.stringify(entry)).digest('hex');
    const first = readRecordIndex(data, SUMMARIES, cache);
    for (const entry of first.entries) expect(entryDigest(entry)).toBe(digestOf(entry));
    // From the files of the cache, by a reader in another module graph.
    const specifier = '../site/lib/recordFiles.ts?digests';
    const other = (await import(/* @vite-ignore */ specifier)) as typeof import('../site/lib/recordFiles.ts');
    replacePartsWithCopies();
    const reread = other.readRecordIndex(data, SUMMARIES, cache);
    expect(reread.read).toBe(0);
    for (const entry of reread.entries) {
      expect(other.entryDigest(entry)).toBe(digestOf(entry));
      expect(entryDigest(entry)).toBe(digestOf(entry));
    }
    expect(entryDigest({ ...first.entries[0]! })).toBeUndefined();
  });

  it('keeps each agency once in the cache, however many summaries name it', () => {
    const first = readRecordIndex(data, SUMMARIES, cache);
    const stored = parts().map(
      (name) => JSON.parse(readFileSync(part(name), 'utf8')) as { agencies: unknown[] },
    );
    const distinct = new Set(
      first.entries.flatMap((summary) => summary.agencies.map((agency) => JSON.stringify(agency))),
    );
    const kept = stored.flatMap((file) => file.agencies.map((agency) => JSON.stringify(agency)));
    for (const file of stored)
      expect(new Set(file.agencies.map((a) => JSON.stringify(a))).size).toBe(file.agencies.length);
    expect(new Set(kept)).toEqual(distinct);
    expect(readRecordIndex(data, SUMMARIES, cache).entries).toEqual(first.entries);
  });

  it('gives a reader in another module graph of the process the records read before, while the cache file is that one', async () => {
    // Astro loads the module once for the pages and once for its integrations (the published files).
    const specifier = '../site/lib/recordFiles.ts?another-graph';
    const other = (await import(/* @vite-ignore */ specifier)) as typeof import('../site/lib/recordFiles.ts');
    expect(other.readRecordIndex).not.toBe(readRecordIndex);
    const first = readRecordIndex(data, SUMMARIES, cache);
    const shared = other.readRecordIndex(data, SUMMARIES, cache);
    expect(shared.read).toBe(0);
    expect(shared.entries[0]).toBe(first.entries[0]);
    // The same bytes in other files put in their place (as another build would): read from the files.
    replacePartsWithCopies();
    const reread = other.readRecordIndex(data, SUMMARIES, cache);
    expect(reread.read).toBe(0);
    expect(reread.entries[0]).not.toBe(first.entries[0]);
    expect(reread.entries).toEqual(first.entries);
  });

  it('keeps what another view keeps of the records, and never reads one view’s cache as another’s', () => {
    const count = readRecordIndex(data, SUMMARIES, cache).read;
    const search = readRecordIndex(data, SEARCH_VIEW, cache);
    expect(search.read).toBe(count);
    const names = readdirSync(join(data, 'documents')).sort();
    expect(search.entries).toEqual(
      names.map((name) => SEARCH_VIEW.of(JSON.parse(readFileSync(record(name), 'utf8')) as Document)),
    );
    expect(readRecordIndex(data, SEARCH_VIEW, cache)).toEqual({ ...search, read: 0 });
    expect(readRecordIndex(data, SUMMARIES, cache).read).toBe(count);
  });

  it('reads every record again when the cache was made by other code, or cannot be read', () => {
    const count = readRecordIndex(data, SUMMARIES, cache).read;
    expect(readRecordIndex(data, SUMMARIES, { ...cache, fingerprint: 'other code' }).read).toBe(count);
    for (const name of parts()) writeFileSync(part(name), '{"fingerprint":');
    expect(readRecordIndex(data, SUMMARIES, cache).read).toBe(count);
  });

  it('writes again only the part of the cache a changed or removed record is in', () => {
    const first = readRecordIndex(data, SUMMARIES, cache);
    const before = partInodes();
    expect(before.size).toBeGreaterThan(1);
    const [name, other] = readdirSync(join(data, 'documents')).sort();
    const text = readFileSync(record(name!), 'utf8');
    writeFileSync(`${record(name!)}.new`, text.replace('"title": "', '"title": "新'));
    renameSync(`${record(name!)}.new`, record(name!));
    expect(readRecordIndex(data, SUMMARIES, cache).read).toBe(1);
    const changed = partInodes();
    const rewritten = [...changed].filter(([file, inode]) => before.get(file) !== inode);
    expect(rewritten).toHaveLength(1);

    // A record gone: its part no longer lists it, for this process and for a new one.
    rmSync(record(other!));
    const after = readRecordIndex(data, SUMMARIES, cache);
    expect(after.read).toBe(0);
    expect(after.entries).toHaveLength(first.entries.length - 1);
    expect([...partInodes()].filter(([file, inode]) => changed.get(file) !== inode)).toHaveLength(1);
    const stored = parts().flatMap((file) =>
      Object.keys((JSON.parse(readFileSync(part(file), 'utf8')) as { records: object }).records),
    );
    expect(stored.sort()).toEqual(readdirSync(join(data, 'documents')).sort());
  });
});
