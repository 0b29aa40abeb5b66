// The search index in shards: which documents go into which Pagefind index. Pagefind's indexer
// holds a whole index in memory (~0.6 KB per token when it writes its files, so ~1.8 GB for 1,000
// generated documents), so the archive is indexed in shards of at most MAX_SHARD_DOCUMENTS
// documents, one Pagefind process after another, and their indexes are merged into one
// (mergeIndexes.ts).
//
// A shard is a run of consecutive years of the documents' dates (the date they are ordered by:
// issue date, else repost date; see yearRuns.ts), so the shards, taken oldest first, hold the
// documents in date order, and their date orders joined are the merged index's. Editing a
// document leaves the plan as it is, and an archive growing at its recent end only changes its
// newest shard.
import { yearRuns } from './yearRuns.ts';

/**
 * Documents per shard at most. Measured on the generated corpus (~3,000 characters a document),
 * Pagefind's indexer peaked at 0.65 GiB for shards of 250, 1.2 GiB for 500, 1.8 GiB for 1,000
 * while the set tokens were in the index; since they left it, 1.0 GiB for the largest shard of
 * 5,000 documents with shards of up to 1,000. At 10,000 documents it peaked at 1.22 GiB with
 * shards of up to 1,000 and 0.89 GiB with 750, which keeps the site step within 3 GiB (3,184 →
 * 2,895 MiB) at no cost in time (213 → 210 s; docs/benchmarks.md).
 */
export const MAX_SHARD_DOCUMENTS = 750;

export interface ShardDocument {
  id: string;
  /** The date the document is ordered by (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  date: string | null;
}

export interface Shard {
  /** Its run's name (yearRuns): `2016`, `2005-2009`, `2016-p2` or `undated`. */
  name: string;
  /** The language Pagefind files it under; its result ids start with it, so they name their shard. */
  language: string;
  /** Its documents' ids, in date order (ties by id): the order they are indexed in. */
  ids: string[];
}

/** The language a shard's index is filed under: no language (`und`), marked with the shard. */
export function shardLanguage(name: string): string {
  return `und-${name}`;
}

/** Code-unit order, as Pagefind sorts (no locale's collation). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byDate = (a: ShardDocument, b: ShardDocument): number =>
  compare(a.date ?? '', b.date ?? '') || compare(a.id, b.id);

/**
 * The shards of an archive, oldest first (undated, then by year: yearRuns). Deterministic: the
 * same documents and dates give the same plan, whatever their order.
 */
export function planShards(documents: readonly ShardDocument[], max = MAX_SHARD_DOCUMENTS): Shard[] {
  if (!Number.isInteger(max) || max < 1) throw new Error(`a shard holds at least one document, not ${max}`);
  const sorted = [...documents].sort(byDate);
  return yearRuns(sorted, (document) => document.date?.slice(0, 4) ?? null, max).map(({ name, items }) => ({
    name,
    language: shardLanguage(name),
    ids: items.map((document) => document.id),
  }));
}
