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

/**
 * The set files of a shard, from each document's set tokens and Pagefind result id (in the
 * shard's order). Tokens and documents come out sorted, so the same shard gives the same bytes.
 */
export function setFiles(
  documents: readonly { resultId: string; sets: ReadonlySet<string> }[],
  language: string,
): SetFiles {
  const prefix = `${language}_`;
  const ids = documents.map(({ resultId }) => {
    if (!resultId.startsWith(prefix))
      throw new Error(`result id ${resultId} is not of shard language ${language}`);
    return resultId.slice(prefix.length);
  });
  const holders = new Map<string, number[]>();
  let entries = 0;
  documents.forEach(({ sets }, place) => {
    for (const token of sets) {
      const list = holders.get(token);
      if (list) list.push(place);
      else holders.set(token, [place]);
      entries++;
    }
  });
  const count = Math.max(1, Math.ceil(entries / SET_ENTRIES_PER_BUCKET));
  const buckets: Record<string, number[]>[] = Array.from({ length: count }, () => ({}));
  for (const token of [...holders.keys()].sort()) {
    const places = holders.get(token)!;
    buckets[bucketOf(token, count)]![token] = places.map((place, i) =>
      i === 0 ? place : place - places[i - 1]!,
    );
  }
  return { ids, buckets };
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
