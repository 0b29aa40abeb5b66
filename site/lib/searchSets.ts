// The set tokens of a shard (see searchText.ts): which of its documents hold each single character
// and each pair of characters, in files beside its Pagefind bundle. Shared by the build, which
// lays them out, and the browser, which reads them. No dependencies: the browser bundles it.
//
// A shard's set files are `ids` (its documents' Pagefind result ids without the shard's language,
// in the shard's order) and `buckets` files, each a map from the set tokens that fall in it
// (bucketOf) to the documents that hold them: their places in `ids`, each the difference from the
// one before (small numbers that compress well).
import { bucketOf } from './searchText.ts';

/** Documents listed per bucket file, about: a lookup reads one file per shard (~2–4 KB gzipped). */
export const SET_ENTRIES_PER_BUCKET = 2048;

export interface SetFiles {
  ids: string[];
  /** One map per bucket file: set token → documents (differences of places in `ids`). */
  buckets: Record<string, number[]>[];
}

/** Which documents hold each set token: their places in the shard, in order. */
export type SetHolders = Map<string, number[]>;

/** Lists a document (by its place in the shard) under each of its set tokens. */
export function addHolder(holders: SetHolders, sets: Iterable<string>, place: number): void {
  for (const token of sets) {
    const list = holders.get(token);
    if (list) list.push(place);
    else holders.set(token, [place]);
  }
}

/**
 * The set files of a shard, from each document's set tokens and Pagefind result id (in the
 * shard's order).
 */
export function setFiles(
  documents: readonly { resultId: string; sets: ReadonlySet<string> }[],
  language: string,
): SetFiles {
  const holders: SetHolders = new Map();
  documents.forEach(({ sets }, place) => addHolder(holders, sets, place));
  return layOutSets(
    documents.map(({ resultId }) => shardResultId(resultId, language)),
    holders,
  );
}

/** A result id without its shard's language (which every result id of the shard starts with). */
export function shardResultId(resultId: string, language: string): string {
  const prefix = `${language}_`;
  if (!resultId.startsWith(prefix))
    throw new Error(`result id ${resultId} is not of shard language ${language}`);
  return resultId.slice(prefix.length);
}

/**
 * The set files of a shard's documents (`ids`, without the language) and the places holding each
 * token. Tokens and places come out sorted, so the same shard gives the same bytes.
 */
export function layOutSets(ids: readonly string[], holders: SetHolders): SetFiles {
  let entries = 0;
  for (const places of holders.values()) entries += places.length;
  const count = Math.max(1, Math.ceil(entries / SET_ENTRIES_PER_BUCKET));
  const buckets: Record<string, number[]>[] = Array.from({ length: count }, () => ({}));
  for (const token of [...holders.keys()].sort()) {
    const places = holders.get(token)!;
    buckets[bucketOf(token, count)]![token] = places.map((place, i) =>
      i === 0 ? place : place - places[i - 1]!,
    );
  }
  return { ids: [...ids], buckets };
}

/** The places holding each token, read back from a shard's bucket files (layOutSets undone). */
export function readHolders(buckets: readonly Record<string, number[]>[]): SetHolders {
  const holders: SetHolders = new Map();
  for (const bucket of buckets)
    for (const [token, steps] of Object.entries(bucket)) {
      let place = 0;
      holders.set(
        token,
        steps.map((step, i) => (place = i === 0 ? step : place + step)),
      );
    }
  return holders;
}

/** The result ids of the documents holding `token`, from its bucket file and the shard's ids. */
export function setHolders(
  bucket: Record<string, number[]>,
  token: string,
  ids: readonly string[],
  language: string,
): string[] {
  const out: string[] = [];
  let place = 0;
  for (const [i, step] of (Object.hasOwn(bucket, token) ? bucket[token]! : []).entries()) {
    place = i === 0 ? step : place + step;
    out.push(`${language}_${ids[place]}`);
  }
  return out;
}
