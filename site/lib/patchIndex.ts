// A shard's Pagefind index with some of its pages replaced, without indexing the others again:
// what a rebuild does when a few documents of a shard changed (searchShardPatch.ts). The pages of
// the changed documents come from a small index Pagefind makes of them alone, filed under the same
// language; each takes the place of the page it replaces, so every other page keeps its number,
// its postings and its place in the sorts.
//
// Pagefind indexes a page on its own (its words, positions, word count and filter values depend on
// nothing else), so the patched index holds what Pagefind would write for the whole shard; its
// chunks are cut afresh, and the merge cuts them again anyway (mergeIndexes.ts). The search tests
// compare a rebuild that patches with a clean build, byte for byte.
import { decode } from 'cbor-x';
import { arrayHead, splitPostings, type RawWord } from './cborWords.ts';
import {
  IndexWriter,
  PAGEFIND_FORMAT,
  WordCursor,
  addFilters,
  checkShard,
  compareWords,
  renumberPlaces,
  unionFields,
  type FilterValues,
  type Meta,
  type MergedIndex,
  type ShardIndex,
  type WriteFile,
} from './mergeIndexes.ts';

/** A page of the base index and the page of the small index that takes its place. */
export interface Replacement {
  basePage: number;
  deltaPage: number;
}

/** A posting on its way into the patched index: its page there and how it is written. */
interface Placed {
  page: number;
  size: number;
  /** The posting's bytes after its page delta, or, for a word in metadata, its decoded rest. */
  body: Buffer | [positions: number[], places: unknown[]];
}

/** Checks the replacements: each page of `delta` replaces one page of `base`, no page twice. */
function replacementPages(
  base: ShardIndex,
  delta: ShardIndex,
  replacements: readonly Replacement[],
): number[] {
  const basePages = base.meta[1].length;
  const target = new Array<number>(delta.meta[1].length).fill(-1);
  const replaced = new Set<number>();
  for (const { basePage, deltaPage } of replacements) {
    if (!(basePage >= 0 && basePage < basePages) || replaced.has(basePage))
      throw new Error(
        `search shard ${base.name}: cannot replace page ${basePage} (of ${basePages}) twice or out of range`,
      );
    if (!(deltaPage >= 0 && deltaPage < target.length) || target[deltaPage] !== -1)
      throw new Error(
        `search shard ${base.name}: page ${deltaPage} of the reindexed documents is placed twice or does not exist`,
      );
    replaced.add(basePage);
    target[deltaPage] = basePage;
  }
  const unplaced = target.indexOf(-1);
  if (unplaced >= 0)
    throw new Error(
      `search shard ${base.name}: page ${unplaced} of the reindexed documents replaces no page`,
    );
  return target;
}

/**
 * The index `base` with, for each replacement, its page `basePage` replaced by page `deltaPage`
 * of `delta` (an index of the changed documents alone, made by the same Pagefind under the same
 * language). The replaced pages must keep their place in every sort (the same sort keys): the
 * sorts are the base's. Writes through `write`, as the merge does.
 */
export async function patchIndex(
  base: ShardIndex,
  delta: ShardIndex,
  replacements: readonly Replacement[],
  chunkSize: number,
  write: WriteFile,
): Promise<MergedIndex> {
  checkShard(base);
  checkShard(delta);
  const target = replacementPages(base, delta, replacements);
  const replaced = [...target].sort((a, b) => a - b);
  const isReplaced = new Set(replaced);
  const language = Object.keys(base.entry.languages)[0]!;
  const { fields, maps } = unionFields([base, delta]);
  const fieldMaps = maps as [number[], number[]];
  const writer = new IndexWriter(language, chunkSize, write);

  /** A word's postings, on their pages in the patched index (a base word's replaced pages dropped). */
  const placed = (word: RawWord, from: 0 | 1): Placed[] => {
    const index = from === 0 ? base : delta;
    const out: Placed[] = [];
    for (const { page, body, size } of splitPostings(word, `search shard ${index.name}, word ${word.word}`)) {
      if (from === 0 && isReplaced.has(page)) continue;
      let rest: Placed['body'] = body;
      if (word.inMetadata) {
        // Its places name fields by number, renumbered for the patched index's fields.
        const [positions, places] = decode(Buffer.concat([arrayHead(2), body])) as [number[], unknown[]];
        rest = [positions, renumberPlaces(places, fieldMaps[from])];
      }
      out.push({ page: from === 0 ? page : target[page]!, size, body: rest });
    }
    return out;
  };
  /** Whether a base word may be copied as it is: on no replaced page, and not in metadata. */
  const untouched = (word: RawWord): boolean => {
    if (word.inMetadata) return false;
    for (const page of replaced) if (page >= word.firstPage && page <= word.lastPage) return false;
    return true;
  };

  const cursors = [new WordCursor(base), new WordCursor(delta)] as const;
  await Promise.all(cursors.map((cursor) => cursor.load()));
  for (;;) {
    const [inBase, inDelta] = cursors.map((cursor) => cursor.head);
    if (!inBase && !inDelta) break;
    const order = !inBase ? 1 : !inDelta ? -1 : compareWords(inBase.word, inDelta.word);
    const fromBase = order <= 0 ? inBase : undefined;
    const fromDelta = order >= 0 ? inDelta : undefined;
    if (fromBase && !fromDelta && untouched(fromBase)) {
      writer.startWord(fromBase.word, fromBase.count);
      writer.posting(fromBase.firstPage, fromBase.rest);
      await writer.endWord(fromBase.size);
    } else {
      const postings = [
        ...(fromBase ? placed(fromBase, 0) : []),
        ...(fromDelta ? placed(fromDelta, 1) : []),
      ].sort((a, b) => a.page - b.page);
      // A word only the replaced pages had is gone.
      if (postings.length > 0) {
        writer.startWord((fromBase ?? fromDelta)!.word, postings.length);
        let previous = 0;
        let size = 0;
        for (const { page, body, size: share } of postings) {
          if (Buffer.isBuffer(body)) writer.posting(page - previous, body);
          else writer.encodedPosting([page - previous, ...body]);
          previous = page;
          size += share;
        }
        await writer.endWord(size);
      }
    }
    const loading = [
      fromBase ? cursors[0].advance() : undefined,
      fromDelta ? cursors[1].advance() : undefined,
    ];
    await Promise.all(loading);
  }
  const chunks = await writer.endWords();

  // Filters: the base's values without the replaced pages, and the new pages' values.
  const values: FilterValues = new Map();
  await addFilters(values, base, (page) => (isReplaced.has(page) ? undefined : page));
  await addFilters(values, delta, (page) => target[page]);
  for (const [filter, byValue] of values) {
    for (const [value, pages] of byValue) {
      if (pages.length === 0) byValue.delete(value);
      else pages.sort((a, b) => a - b);
    }
    if (byValue.size === 0) values.delete(filter);
  }

  const pages = [...base.meta[1]];
  for (const [deltaPage, basePage] of target.entries()) pages[basePage] = delta.meta[1][deltaPage]!;
  const meta: Meta = [PAGEFIND_FORMAT, pages, chunks, await writer.filters(values), base.meta[4], fields];
  return writer.finish(meta, base.entry);
}
