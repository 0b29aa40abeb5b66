// The search page's script: reads the query, filters and order from the URL, looks the query up in
// the Pagefind index (loaded on demand, from this site), and lists the documents that contain it,
// each with the articles where it occurs, in the reader's script, the match highlighted.
//
// What is looked up (see site/lib/searchText.ts): a phrase of three or more characters by a few of
// its trigrams, which must sit at the right distances (so only documents containing the phrase
// itself are found); one or two characters by a set token (in files beside the index, see
// site/lib/searchSets.ts); a 发文字号 in any form by the
// document's own number token (first) and the tokens of documents citing it; an agency's name or
// alias by its agency token. Every lookup takes the filters, and results are in date order.
//
// The index comes in shards of consecutive years (site/lib/searchShards.ts): the first (newest)
// shard's Pagefind script is loaded and every other shard's index merged into it, so a search runs
// in all of them. Pagefind orders each shard's results by date; the shards, newest first, order
// the whole (a result's id names its shard).
import {
  agencyToken,
  citedNumberToken,
  makeFolder,
  numberRanges,
  occurrences,
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
import type { DisplayHead } from '../lib/searchRecord.ts';
import type { SearchSetup } from '../lib/searchBuild.ts';
import {
  BLOCK_SIZE,
  EARLY_PAGEFIND,
  HEAD_BLOCKS,
  PAGEFIND_OPTIONS,
  SEARCH_FILES,
} from '../lib/searchFiles.ts';
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

declare global {
  interface Window {
    /** What the last search found (result ids in order) and how long it took: for tests and benchmarks. */
    archiveSearch?: { query: string; hits: string[]; milliseconds: number };
  }
}

type FilterName = 'type' | 'issuer' | 'region' | 'year' | 'status';
const FILTER_NAMES: FilterName[] = ['type', 'issuer', 'region', 'year', 'status'];
type Order = 'relevance' | 'newest' | 'oldest';
const PAGE = 10;

/** Labels and settings the page renders into data attributes. */
interface Setup {
  base: string;
  script: 'zh-Hans' | 'zh-Hant';
  labels: Record<string, string>;
}

function label(setup: Setup, key: string, values: Record<string, string | number> = {}): string {
  return (setup.labels[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

async function gunzipJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as T;
}

/** One lookup's hits: page id → positions (empty for set tokens). */
type Hits = Map<string, number[]>;

interface Found {
  /** Page ids in the order shown. */
  order: string[];
  /** Per page: where each phrase starts (stream positions), and what else matched. */
  phrases: Map<string, number[][]>;
  own: Set<string>;
  cited: Set<string>;
  agency: Set<string>;
}

class Searcher {
  private pagefind: Promise<PagefindApi>;
  private setShards: Promise<SearchSetup['shards']>;
  private folder: Promise<Folder>;
  private agencies: Promise<Record<string, string[]>>;
  /** Every file fetched, by URL: each is fetched once. */
  private files = new Map<string, Promise<unknown>>();

  constructor(private setup: Setup) {
    // Started by the page's inline script while the page loaded (it does when the URL holds a
    // search, as here); started now only if that script did not run.
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

  /** A block of a document's text (see DisplayHead): the head holds the first ones. */
  async block(id: string, j: number): Promise<string[]> {
    if (j < HEAD_BLOCKS) {
      const head = await this.head(id);
      return head.x.slice(head.b[j] ?? head.x.length, head.b[j + 1] ?? head.x.length);
    }
    return await this.file<string[]>(`${this.stem(id)}.${j}.json.gz`);
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

function readState(): { query: string; filters: Record<string, string>; order: Order } {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const order = params.get('sort');
  return {
    query: (params.get('q') ?? '').trim(),
    filters,
    order: order === 'newest' || order === 'oldest' ? order : 'relevance',
  };
}

async function start(app: HTMLElement, form: HTMLFormElement, status: HTMLElement, list: HTMLElement) {
  const setup: Setup = {
    base: app.dataset['base'] ?? '/',
    script: app.dataset['script'] === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans',
    labels: JSON.parse(app.dataset['labels'] ?? '{}') as Record<string, string>,
  };
  const state = readState();
  const input = form.elements.namedItem('q');
  if (input instanceof HTMLInputElement) input.value = state.query;
  for (const name of [...FILTER_NAMES, 'sort']) {
    const control = form.elements.namedItem(name);
    const value = name === 'sort' ? state.order : state.filters[name];
    if (control instanceof HTMLSelectElement && value !== undefined) {
      // A value this build does not list (a link from another build) still applies, and shows.
      if (name !== 'sort' && ![...control.options].some((option) => option.value === value))
        control.append(new Option(value, value));
      control.value = value;
    }
  }
  // Changing a filter or the order searches again at once (the form still works without this).
  for (const name of [...FILTER_NAMES, 'sort']) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLSelectElement) control.addEventListener('change', () => form.requestSubmit());
  }
  showActiveFilters(setup, form, state.filters);
  if (state.query === '' && Object.keys(state.filters).length === 0) return;

  status.textContent = label(setup, 'searching');
  app.setAttribute('aria-busy', 'true');
  performance.mark('search:start');
  const started = performance.now();
  try {
    const searcher = new Searcher(setup);
    const found = await find(searcher, state.query, state.filters);
    performance.mark('search:found');
    if (state.order === 'oldest') found.order.reverse();
    else if (state.order === 'relevance') rank(found);
    // The document whose number was asked for comes first in any order.
    found.order.sort((a, b) => Number(found.own.has(b)) - Number(found.own.has(a)));
    await render(setup, searcher, state, found, status, list, started);
  } catch (error) {
    status.textContent = label(setup, 'searchFailed');
    throw error;
  } finally {
    app.removeAttribute('aria-busy');
  }
}

/** Runs every lookup the query needs and combines them. */
async function find(searcher: Searcher, query: string, filters: Record<string, string>): Promise<Found> {
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
function rank(found: Found): void {
  const score = (id: string) =>
    (found.own.has(id) ? 1e9 : 0) +
    (found.phrases.get(id) ?? []).reduce((sum, starts) => sum + Math.max(starts.length, 1), 0) +
    (found.agency.has(id) ? 1 : 0);
  const position = new Map(found.order.map((id, i) => [id, i]));
  found.order.sort((a, b) => score(b) - score(a) || position.get(a)! - position.get(b)!);
}

function showActiveFilters(setup: Setup, form: HTMLFormElement, filters: Record<string, string>): void {
  const holder = document.getElementById('search-active');
  if (!holder) return;
  holder.replaceChildren();
  const names = Object.keys(filters);
  holder.hidden = names.length === 0;
  if (names.length === 0) return;
  const heading = document.createElement('span');
  heading.textContent = label(setup, 'activeFilters');
  holder.append(heading);
  const chips = document.createElement('ul');
  chips.className = 'chips active-filters';
  for (const name of names) {
    const control = form.elements.namedItem(name);
    if (!(control instanceof HTMLSelectElement)) continue;
    const legend = control.labels[0]?.textContent?.trim() ?? name;
    const value = control.selectedOptions[0]?.textContent?.trim() ?? filters[name]!;
    const item = document.createElement('li');
    const link = document.createElement('a');
    const params = new URLSearchParams(location.search);
    params.delete(name);
    link.href = `?${params.toString()}`;
    link.textContent = `${legend}：${value} ✕`;
    link.setAttribute('aria-label', label(setup, 'removeFilter', { filter: `${legend}：${value}` }));
    item.append(link);
    chips.append(item);
  }
  holder.append(chips);
}

async function render(
  setup: Setup,
  searcher: Searcher,
  state: ReturnType<typeof readState>,
  found: Found,
  status: HTMLElement,
  list: HTMLElement,
  started: number,
): Promise<void> {
  const folder = await searcher.fold();
  const total = found.order.length;
  const hasFilters = Object.keys(state.filters).length > 0;
  list.replaceChildren();
  const empty = document.getElementById('search-empty');
  if (total === 0) {
    status.textContent = state.query
      ? label(setup, 'noResults', { query: state.query })
      : label(setup, 'noResultsFiltered');
    if (empty) empty.hidden = !hasFilters;
    const unfilter = document.getElementById('search-unfilter');
    if (unfilter instanceof HTMLAnchorElement && state.query)
      unfilter.search = `?q=${encodeURIComponent(state.query)}`;
    done(state.query, found, started);
    return;
  }
  if (empty) empty.hidden = true;
  status.textContent = state.query
    ? label(setup, 'resultCount', { n: total, query: state.query })
    : label(setup, 'filteredCount', { n: total });
  const phrases = state.query ? queryPhrases(state.query, folder) : [];
  let shown = 0;
  const more = document.getElementById('search-more');
  const showMore = async () => {
    const batch = found.order.slice(shown, shown + PAGE);
    shown += batch.length;
    const items = await Promise.all(
      batch.map((id) => resultItem(setup, searcher, folder, found, phrases, id)),
    );
    list.append(...items);
    if (more) more.hidden = shown >= total;
  };
  if (more instanceof HTMLButtonElement) {
    more.onclick = () => {
      const next = list.children.length;
      void showMore().then(() => (list.children[next]?.querySelector('a') as HTMLElement | null)?.focus());
    };
  }
  await showMore();
  done(state.query, found, started);
  void offerWords(setup, searcher, folder, state, found);
}

function done(query: string, found: Found, started: number): void {
  performance.mark('search:shown');
  const milliseconds = Math.round(performance.now() - started);
  window.archiveSearch = { query, hits: found.order, milliseconds };
  document.documentElement.dataset['searchDone'] = String(milliseconds);
}

function documentUrl(setup: Setup, head: DisplayHead, anchor?: string): string {
  const twin = head.o === setup.script ? '' : `${setup.script.toLowerCase()}/`;
  return `${setup.base}documents/${head.id}/${twin}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** The part a stream position falls in. */
function partAt(head: DisplayHead, position: number): number {
  let lo = 0;
  let hi = head.p.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (head.p[mid]![3] <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function blockOf(head: DisplayHead, part: number): number {
  return Math.floor(head.p[part]![3] / BLOCK_SIZE);
}

async function partText(searcher: Searcher, id: string, head: DisplayHead, part: number): Promise<string> {
  const j = blockOf(head, part);
  const block = await searcher.block(id, j);
  return block[part - head.b[j]!] ?? '';
}

interface ArticleHit {
  part: number;
  text: string;
  /** Code-point ranges to mark. */
  marks: [number, number][];
}

const ARTICLES = 2;

/** The articles to show for a result, with what to mark in each. */
async function articleHits(
  searcher: Searcher,
  folder: Folder,
  found: Found,
  phrases: string[],
  head: DisplayHead,
  id: string,
): Promise<{ hits: ArticleHit[]; more: number }> {
  const wanted = new Map<number, string[]>();
  const add = (part: number, needles: string[]) =>
    wanted.set(part, [...(wanted.get(part) ?? []), ...needles]);
  let complete = true;
  const starts = found.phrases.get(id) ?? [];
  for (const [k, phrase] of phrases.entries()) {
    const positions = starts[k];
    if (!positions) continue;
    if (positions.length > 0) {
      for (const part of new Set(positions.map((p) => partAt(head, p)))) add(part, [phrase]);
      continue;
    }
    // Set tokens carry no positions: read the blocks in order until enough articles are found.
    const before = wanted.size;
    for (let j = 0; j < head.b.length; j++) {
      if (wanted.size - before >= ARTICLES) {
        complete = false;
        break;
      }
      const block = await searcher.block(id, j);
      block.forEach((text, i) => {
        if (folder.fold(text).includes(phrase)) add(head.b[j]! + i, [phrase]);
      });
    }
  }
  const number =
    found.own.has(id) || found.cited.has(id) ? readDocNumber(phrases.join(''), folder) : undefined;
  if (found.own.has(id)) add(0, []);
  if (found.cited.has(id) || found.agency.has(id)) {
    const ids = found.agency.has(id)
      ? new Set((await searcher.agencyIds())[wordKey(phrases[0] ?? '')] ?? [])
      : null;
    const names = ids
      ? Object.entries(await searcher.agencyIds())
          .filter(([, owners]) => owners.some((owner) => ids.has(owner)))
          .map(([key]) => key)
      : [];
    const byId = new Map(head.p.map((part, i) => [part[0], i]));
    for (const [part, agencies] of head.k)
      if (ids && agencies.some((agency) => ids.has(agency))) add(part, names);
    if (found.cited.has(id) && number) {
      const token = citedNumberToken(number);
      for (const [provision, cited] of head.r) if (cited === token) add(byId.get(provision) ?? 0, []);
    }
  }
  const parts = [...wanted.keys()].sort((a, b) => a - b);
  const hits: ArticleHit[] = [];
  for (const part of parts.slice(0, ARTICLES)) {
    const text = await partText(searcher, id, head, part);
    const folded = folder.fold(text);
    const marks: [number, number][] = [];
    for (const needle of new Set(wanted.get(part))) {
      const foldedNeedle = folder.fold(needle);
      for (const at of occurrences(folded, foldedNeedle)) marks.push([at, at + [...foldedNeedle].length]);
    }
    if (number) marks.push(...numberRanges(text, citedNumberToken(number), folder));
    hits.push({ part, text, marks: marks.sort((a, b) => a[0] - b[0]) });
  }
  // Where the blocks were not all read, how many more articles hold the query is not known.
  return { hits, more: complete ? Math.max(0, parts.length - ARTICLES) : 0 };
}

const CONTEXT = 24;

/** A short excerpt around the first mark, with every mark in it highlighted. */
function excerpt(text: string, marks: [number, number][]): DocumentFragment {
  // Line breaks become spaces one for one, so the marks' positions still hold.
  const units = [...text.replace(/\s/g, ' ')];
  const first = marks[0];
  const from = first ? Math.max(0, first[0] - CONTEXT) : 0;
  const to = Math.min(units.length, (first ? first[1] : 0) + CONTEXT * 2);
  const out = document.createDocumentFragment();
  if (from > 0) out.append('…');
  let at = from;
  for (const [start, end] of marks) {
    if (start < at || start >= to) continue;
    out.append(units.slice(at, start).join(''));
    const mark = document.createElement('mark');
    mark.textContent = units.slice(start, Math.min(end, to)).join('');
    out.append(mark);
    at = Math.min(end, to);
  }
  out.append(units.slice(at, to).join(''));
  if (to < units.length) out.append('…');
  return out;
}

async function resultItem(
  setup: Setup,
  searcher: Searcher,
  folder: Folder,
  found: Found,
  phrases: string[],
  id: string,
): Promise<HTMLLIElement> {
  // Blocks beyond the head's where the first matches are, fetched with the head (a match's
  // position names its block).
  const positions = (found.phrases.get(id) ?? []).flatMap((starts) => starts.slice(0, ARTICLES));
  for (const j of new Set(positions.map((p) => Math.floor(p / BLOCK_SIZE))))
    if (j >= HEAD_BLOCKS) void searcher.block(id, j);
  const head = await searcher.head(id);
  const item = document.createElement('li');
  item.className = 'search-result';
  item.dataset['document'] = head.id;
  const title = document.createElement('h2');
  title.className = 'doc-item-title';
  const link = document.createElement('a');
  link.href = documentUrl(setup, head);
  link.textContent = head.t;
  title.append(link);
  item.append(title);
  const facts = document.createElement('p');
  facts.className = 'muted';
  facts.textContent = [
    head.n,
    head.d ? formatDate(head.d) : label(setup, 'undated'),
    label(setup, `type:${head.y}`),
    head.s === 'no-longer-in-force' ? label(setup, `status:${head.s}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  item.append(facts);
  if (found.own.has(id)) {
    const note = document.createElement('p');
    note.className = 'tag';
    note.textContent = label(setup, 'ownNumber');
    item.append(note);
  }
  const { hits, more } = await articleHits(searcher, folder, found, phrases, head, id);
  if (hits.length > 0) {
    const articles = document.createElement('ul');
    articles.className = 'search-articles';
    for (const hit of hits) {
      const [provision, kind, labelAt] = head.p[hit.part]!;
      const partLabel = head.l[labelAt] ?? '';
      const entry = document.createElement('li');
      const anchor = document.createElement('a');
      anchor.href = documentUrl(setup, head, provision || undefined);
      anchor.className = 'search-article';
      anchor.dataset['anchor'] = provision;
      anchor.textContent = partLabel || label(setup, `kind:${kind}`);
      const quote = document.createElement('p');
      quote.className = 'search-excerpt';
      quote.append(excerpt(hit.text, hit.marks));
      entry.append(anchor, quote);
      articles.append(entry);
    }
    item.append(articles);
    if (more > 0) {
      const rest = document.createElement('p');
      rest.className = 'muted';
      rest.textContent = label(setup, 'moreArticles', { n: more });
      item.append(rest);
    }
  }
  return item;
}

function formatDate(iso: string): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${year}年` + (month ? `${Number(month)}月` : '') + (day ? `${Number(day)}日` : '');
}

/**
 * Below the exact results, on request: documents holding every word of the query but not the
 * phrase itself (words as the browser's Chinese word breaker cuts them).
 */
async function offerWords(
  setup: Setup,
  searcher: Searcher,
  folder: Folder,
  state: ReturnType<typeof readState>,
  found: Found,
): Promise<void> {
  const holder = document.getElementById('search-words');
  const phrases = queryPhrases(state.query, folder);
  if (!holder || phrases.length !== 1 || typeof Intl.Segmenter === 'undefined') return;
  const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(phrases[0]!)]
    .filter((segment) => segment.isWordLike)
    .map((segment) => segment.segment);
  if (words.length < 2) return;
  holder.hidden = false;
  const button = holder.querySelector('button');
  const wordList = holder.querySelector('ol');
  const note = holder.querySelector('p');
  if (!button || !wordList || !note) return;
  button.textContent = label(setup, 'wordsOffer', { words: words.join(' + ') });
  button.onclick = async () => {
    button.disabled = true;
    const plans = words.map((word) => phrasePlan(word)).filter((plan) => plan !== undefined);
    const hits = await Promise.all(plans.map((plan) => searcher.phrase(plan, state.filters)));
    const exact = new Set(found.order);
    const ids = [...(hits[0]?.keys() ?? [])].filter((id) => !exact.has(id) && hits.every((h) => h.has(id)));
    note.textContent = label(setup, 'wordsCount', { n: ids.length, words: words.join(' + ') });
    const wordsFound: Found = {
      order: ids,
      phrases: new Map(),
      own: new Set(),
      cited: new Set(),
      agency: new Set(),
    };
    for (const id of ids)
      wordsFound.phrases.set(
        id,
        hits.map((h) => h.get(id)!),
      );
    const items = await Promise.all(
      ids.slice(0, PAGE).map((id) => resultItem(setup, searcher, folder, wordsFound, words, id)),
    );
    wordList.replaceChildren(...items);
    note.focus();
  };
}

const app = document.getElementById('search-app');
const form = document.getElementById('search-form');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
if (app && form instanceof HTMLFormElement && status && list) void start(app, form, status, list);
