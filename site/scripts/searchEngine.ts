// The search itself, apart from the page: looks a query up in the Pagefind index (loaded on demand,
// from this site) and in the set files beside it, and says which documents hold it and where.
//
// What is looked up (see site/lib/searchText.ts): a phrase of three or more characters by a few of
// its trigrams, which must sit at the right distances (so only documents containing the phrase
// itself are found); one or two characters by a set token (in files beside the index, see
// site/lib/searchSets.ts); a 发文字号 in any form by the document's own number token (first) and
// the tokens of documents citing it; an agency's name or alias by its agency token. Every lookup
// takes the filters, and results are in date order: the index's shards (site/lib/searchShards.ts)
// are merged into one at build time, newest first (site/lib/mergeIndexes.ts).
import {
  agencyToken,
  citedNumberToken,
  makeFolder,
  ownNumberToken,
  phrasePlan,
  phraseStarts,
  queryPhrases,
  readDocNumber,
  wordKey,
  bucketOf,
  type Folder,
  type PhrasePlan,
} from '../lib/searchText.ts';
import type { DisplayBlock, DisplayHead } from '../lib/searchRecord.ts';
import type { SearchSetup } from '../lib/searchBuild.ts';
import { EARLY_PAGEFIND, PAGEFIND_OPTIONS, SEARCH_FILES } from '../lib/searchFiles.ts';
import { setHolders } from '../lib/searchSets.ts';

interface PagefindResult {
  id: string;
  /** With a sort: the page's place in the index's order (higher is later). */
  score: number;
  words: number[];
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(
    term: string | null,
    options: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ): Promise<{ results: PagefindResult[] }>;
}

/** Where the site is and the script its pages are read in. */
export interface SearchPlace {
  base: string;
  script: 'zh-Hans' | 'zh-Hant';
}

async function gunzipJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as T;
}

/** One lookup's hits: page id → positions (empty for set tokens). */
type Hits = Map<string, number[]>;

export interface Found {
  /** Page ids in the order shown. */
  order: string[];
  /** Per page: where each phrase starts (stream positions), and what else matched. */
  phrases: Map<string, number[][]>;
  own: Set<string>;
  cited: Set<string>;
  agency: Set<string>;
}

export class Searcher {
  private pagefind: Promise<PagefindApi>;
  private setShards: Promise<SearchSetup['shards']>;
  private folder: Promise<Folder>;
  private agencies: Promise<Record<string, string[]>>;
  /** Every file fetched, by URL: each is fetched once. */
  private files = new Map<string, Promise<unknown>>();

  private readonly setup: SearchPlace;

  constructor(setup: SearchPlace) {
    this.setup = setup;
    // Started by the page's inline script while the page loaded when the URL holds a search;
    // otherwise now, as the reader comes to the search form (or if that script did not run).
    const started = (window as unknown as Record<string, Promise<PagefindApi> | undefined>)[EARLY_PAGEFIND];
    this.pagefind = (
      started ??
      (import(/* @vite-ignore */ `${setup.base}${SEARCH_FILES.pagefind}`) as Promise<PagefindApi>).then(
        async (api) => {
          await api.options({ ...PAGEFIND_OPTIONS });
          await api.init();
          return api;
        },
      )
    ).then((api) => {
      performance.mark('search:index-loaded');
      return api;
    });
    const data = gunzipJson<SearchSetup>(`${setup.base}${SEARCH_FILES.setup}`).then((loaded) => {
      performance.mark('search:setup-loaded');
      return loaded;
    });
    this.setShards = data.then(({ shards }) => shards);
    this.folder = data.then(({ pairs }) => makeFolder(pairs));
    this.agencies = data.then(({ agencies }) => agencies);
  }

  /** Results in date order, newest first (the index's pages are merged in date order). */
  private inOrder(results: PagefindResult[]): PagefindResult[] {
    return [...results].sort((a, b) => b.score - a.score);
  }

  fold(): Promise<Folder> {
    return this.folder;
  }

  /** Agency names and aliases (folded word keys) → agency ids. */
  agencyIds(): Promise<Record<string, string[]>> {
    return this.agencies;
  }

  private stem(id: string): string {
    return `${this.setup.base}${SEARCH_FILES.documents}${id}.${this.setup.script.toLowerCase()}`;
  }

  private file<T>(url: string): Promise<T> {
    let file = this.files.get(url);
    if (!file) this.files.set(url, (file = gunzipJson<T>(url)));
    return file as Promise<T>;
  }

  head(id: string): Promise<DisplayHead> {
    return this.file<DisplayHead>(`${this.stem(id)}.json.gz`);
  }

  /** A block of a document's parts (see DisplayHead). */
  block(id: string, j: number): Promise<DisplayBlock> {
    return this.file<DisplayBlock>(`${this.stem(id)}.${j}.json.gz`);
  }

  private everything: Promise<string[]> | undefined;

  /** Every document the filters leave, newest first (no index chunk is needed for this). */
  all(filters: Record<string, string>): Promise<string[]> {
    this.everything ??= this.pagefind.then(async (api) => {
      const { results } = await api.search(null, { filters, sort: { date: 'desc' } });
      return this.inOrder(results).map((result) => result.id);
    });
    return this.everything;
  }

  /** A lookup in Pagefind, exact for number and agency tokens, by prefix (= exact) for trigrams. */
  async lookup(token: string, exact: boolean, filters: Record<string, string>): Promise<Hits> {
    const api = await this.pagefind;
    const { results } = await api.search(exact ? `"${token}"` : token, { filters, sort: { date: 'desc' } });
    return new Map(this.inOrder(results).map((result) => [result.id, exact ? [] : result.words]));
  }

  /**
   * The pages holding a set token (searchSets.ts): one bucket file and the list of ids of each
   * shard, then the filters and the date order of every page the filters leave.
   */
  async setLookup(token: string, filters: Record<string, string>): Promise<Hits> {
    const shards = await this.setShards;
    const lists = await Promise.all(
      shards.map(async (shard) => {
        const at = `${this.setup.base}${shard.sets}`;
        const [bucket, ids] = await Promise.all([
          this.file<Record<string, number[]>>(`${at}${bucketOf(token, shard.buckets)}.json.gz`),
          this.file<string[]>(`${at}ids.json.gz`),
        ]);
        return setHolders(bucket, token, ids, shard.language);
      }),
    );
    const holding = new Set(lists.flat());
    return new Map((await this.all(filters)).filter((id) => holding.has(id)).map((id) => [id, []]));
  }

  /** Pages where a phrase occurs, with the stream positions where it starts (none for set tokens). */
  async phrase(plan: PhrasePlan, filters: Record<string, string>): Promise<Hits> {
    const [placed, sets] = await Promise.all([
      Promise.all(plan.placed.map((at) => this.lookup(at.token, false, filters))),
      Promise.all(plan.sets.map((token) => this.setLookup(token, filters))),
    ]);
    const all = [...placed, ...sets];
    const first = all[0];
    if (!first) return new Map();
    const out: Hits = new Map();
    for (const page of first.keys()) {
      if (!all.every((hits) => hits.has(page))) continue;
      if (placed.length === 0) {
        out.set(page, []);
        continue;
      }
      const starts = phraseStarts(
        plan,
        placed.map((hits) => new Set(hits.get(page))),
      );
      if (starts.length > 0) out.set(page, starts);
    }
    return out;
  }
}

/** Runs every lookup the query needs and combines them. */
export async function find(
  searcher: Searcher,
  query: string,
  filters: Record<string, string>,
): Promise<Found> {
  const folder = await searcher.fold();
  const found: Found = { order: [], phrases: new Map(), own: new Set(), cited: new Set(), agency: new Set() };
  if (query === '') {
    found.order = await searcher.all(filters);
    return found;
  }
  const number = readDocNumber(query, folder);
  if (number) {
    const [own, cited] = await Promise.all([
      searcher.lookup(ownNumberToken(number), true, filters),
      searcher.lookup(citedNumberToken(number), true, filters),
    ]);
    found.own = new Set(own.keys());
    found.cited = new Set([...cited.keys()].filter((id) => !found.own.has(id)));
    found.order = [...found.own, ...found.cited];
    return found;
  }
  const phrases = queryPhrases(query, folder);
  const plans = phrases.map((phrase) => phrasePlan(phrase)).filter((plan) => plan !== undefined);
  // An agency's name or alias (省发改委 is three provinces' body): one token, for names some
  // agency goes by.
  const isAgency = phrases.length === 1 && (await searcher.agencyIds())[wordKey(phrases[0]!)] !== undefined;
  const [byPhrase, byAgencies] = await Promise.all([
    Promise.all(plans.map((plan) => searcher.phrase(plan, filters))),
    Promise.all(isAgency ? [searcher.lookup(agencyToken(phrases[0]!), true, filters)] : []),
  ]);
  const first = byPhrase[0] ?? new Map<string, number[]>();
  const pages = [...first.keys()].filter((page) => byPhrase.every((hits) => hits.has(page)));
  for (const page of pages)
    found.phrases.set(
      page,
      byPhrase.map((hits) => hits.get(page)!),
    );
  found.agency = new Set(byAgencies.flatMap((hits) => [...hits.keys()]));
  if (found.agency.size === 0) {
    // One lookup or an intersection: already in date order.
    found.order = pages;
  } else {
    const matched = new Set([...pages, ...found.agency]);
    found.order = (await searcher.all(filters)).filter((id) => matched.has(id));
  }
  return found;
}

/** Most relevant first: the document whose number it is, then most occurrences; ties newest first. */
export function rank(found: Found): void {
  const score = (id: string) =>
    (found.own.has(id) ? 1e9 : 0) +
    (found.phrases.get(id) ?? []).reduce((sum, starts) => sum + Math.max(starts.length, 1), 0) +
    (found.agency.has(id) ? 1 : 0);
  const position = new Map(found.order.map((id, i) => [id, i]));
  found.order.sort((a, b) => score(b) - score(a) || position.get(a)! - position.get(b)!);
}
