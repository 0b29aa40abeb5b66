// A search shard patched when a few of its documents changed (site/lib/searchShardPatch.ts,
// site/lib/patchIndex.ts): the same bytes as a clean build, and a shard indexed afresh whenever a
// patch could not give them.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Archive, Document } from '../site/lib/data.ts';
import { buildSearch } from '../site/lib/searchBuild.ts';
import { SEARCH_FILES } from '../site/lib/searchFiles.ts';
import { archiveSource } from '../site/lib/recordSource.ts';
import { ENTRY_INFO, type EntryDocument } from '../site/lib/searchShardIndex.ts';
import { patchPlan, resultIdsHold } from '../site/lib/searchShardPatch.ts';
import { shardLanguage, type Shard } from '../site/lib/searchShards.ts';
import { fileTree } from './support/fileTree.ts';
import { seedsArchive } from './support/seedsArchive.ts';
import { editedArchive } from './support/editedArchive.ts';

let archive: Archive;

beforeAll(async () => {
  archive = await seedsArchive();
}, 60_000);

/** The bytes of a built search by part, as the build reports them (a file, or a folder's files). */
function sizesOnDisk(out: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [path, bytes] of Object.entries(fileTree(out))) {
    const [top, second] = path.split('/');
    const part =
      top === SEARCH_FILES.pagefindDir.slice(0, -1)
        ? `${SEARCH_FILES.pagefindDir}${second!.endsWith('.pf_meta') ? 'meta' : second}`
        : [SEARCH_FILES.documents, SEARCH_FILES.sets, SEARCH_FILES.setup].find((prefix) =>
            path.startsWith(prefix),
          )!;
    sizes[part] = (sizes[part] ?? 0) + Buffer.byteLength(bytes, 'base64');
  }
  return sizes;
}

/** The archive with some documents' records changed. */
const edited = (changes: Parameters<typeof editedArchive>[1]) => editedArchive(archive, changes);

/** Title, status and a provision's text changed: new words, words gone, other filter values. */
const rewritten = (document: Document): Document => ({
  ...document,
  title: `${document.title}（修订稿）`,
  status: document.status === 'in-force' ? 'no-longer-in-force' : 'in-force',
  provisions: document.provisions.map((provision, i) =>
    i === 1 ? { ...provision, text: '各方同意设立珠江口独角兽协调小组，每季度会商一次。' } : provision,
  ),
});

/** Every document in one shard (years 2005 to 2017), so a patch may reindex one of five. */
const ONE_SHARD = 100;

async function build(from: Archive, cacheDir?: string) {
  const out = mkdtempSync(join(tmpdir(), 'search-patch-out-'));
  const stats = await buildSearch(archiveSource(from), out, undefined, {
    maxShardDocuments: ONE_SHARD,
    ...(cacheDir ? { cacheDir } : {}),
  });
  return { out, stats };
}

describe('patching a search shard', () => {
  it('reindexes only the changed document and writes the bytes of a clean build', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'search-patch-cache-'));
    const first = await build(archive, cache);
    expect(first.stats.shards.map((shard) => [shard.documents, shard.reindexed])).toEqual([[5, 5]]);

    const changed = edited({ 'yuefu-2017-8': rewritten });
    const patched = await build(changed, cache);
    expect(patched.stats.shards.map((shard) => [shard.documents, shard.reindexed, shard.cached])).toEqual([
      [5, 1, false],
    ]);
    const clean = await build(changed);
    expect(fileTree(patched.out)).toEqual(fileTree(clean.out));
    // The sizes the build reports are counted as the files are written, by the patch as by a clean build.
    expect(clean.stats.bytes).toEqual(sizesOnDisk(clean.out));
    expect(patched.stats.bytes).toEqual(clean.stats.bytes);
    // The patched entry is a base like any other (the first is gone: no build uses it any more).
    const back = await build(archive, cache);
    expect(back.stats.shards[0]!.reindexed).toBe(1);
    expect(fileTree(back.out)).toEqual(fileTree(first.out));
    const twice = edited({ 'suifuban-2005-48': rewritten });
    const again = await build(twice, cache);
    expect(again.stats.shards[0]!.reindexed).toBe(1);
    expect(fileTree(again.out)).toEqual(fileTree((await build(twice)).out));
  }, 180_000);

  it('indexes the shard afresh when a changed document moves, too many changed, or the base is another code’s', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'search-patch-cache-'));
    await build(archive, cache);
    const redated = edited({
      'yuefu-2017-8': (document) => ({ ...document, issued_date: '2017-02-03' }),
    });
    const moved = await build(redated, cache);
    expect(moved.stats.shards[0]!.reindexed).toBe(5);
    expect(fileTree(moved.out)).toEqual(fileTree((await build(redated)).out));

    const many = edited({ 'yuefu-2017-8': rewritten, 'suifuban-2005-48': rewritten });
    expect((await build(many, cache)).stats.shards[0]!.reindexed).toBe(5);

    // An entry written by other code (another fingerprint) is no base.
    for (const name of readdirSync(cache)) {
      const info = join(cache, name, ENTRY_INFO);
      const parsed = JSON.parse(readFileSync(info, 'utf8')) as { fingerprint: string };
      writeFileSync(info, JSON.stringify({ ...parsed, fingerprint: 'other code' }));
    }
    const other = edited({ 'yuefu-2017-8': rewritten });
    const rebuilt = await build(other, cache);
    expect(rebuilt.stats.shards[0]!.reindexed).toBe(5);
  }, 180_000);
});

describe('a patch plan', () => {
  const shard: Shard = {
    name: '2016',
    language: shardLanguage('2016'),
    ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  };
  const base: EntryDocument[] = shard.ids.map((id, i) => ({
    id,
    version: `v-${id}`,
    date: `2016-0${i + 1}`,
    resultId: `und-2016_${i}abcdef`,
    postings: 10,
    displayBytes: 100,
    chars: '',
  }));
  const now = (versions: Record<string, string> = {}, dates: Record<string, string> = {}) =>
    base.map((document) => ({
      id: document.id,
      date: dates[document.id] ?? document.date,
      version: versions[document.id] ?? document.version,
    }));

  it('names the changed documents when the shard holds the same documents in the same order', () => {
    expect(patchPlan(shard, now({ c: 'new' }), base)).toEqual(['c']);
    expect(patchPlan(shard, now({ c: 'new', h: 'new' }), base)).toEqual(['c', 'h']);
  });

  it('refuses when nothing or too much changed, a changed document moved, or the documents differ', () => {
    expect(patchPlan(shard, now(), base)).toBeUndefined();
    expect(patchPlan(shard, now({ a: '1', b: '2', c: '3' }), base)).toBeUndefined();
    expect(patchPlan(shard, now({ c: 'new' }, { c: '2016-12' }), base)).toBeUndefined();
    const reordered = { ...shard, ids: ['b', 'a', ...shard.ids.slice(2)] };
    expect(patchPlan(reordered, now({ c: 'new' }), base)).toBeUndefined();
    expect(patchPlan(shard, now({ c: 'new' }), base.slice(1))).toBeUndefined();
  });

  it('keeps result ids only when they stay as Pagefind names them: unique, of one length', () => {
    const language = 'und-2016';
    expect(resultIdsHold(['und-2016_1234567', 'und-2016_abcdef0'], ['und-2016_7654321'], language)).toBe(
      true,
    );
    expect(resultIdsHold(['und-2016_1234567'], ['und-2016_1234567'], language)).toBe(false);
    expect(resultIdsHold(['und-2016_12345678', 'und-2016_12345679'], ['und-2016_7654321'], language)).toBe(
      false,
    );
  });
});
