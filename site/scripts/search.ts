// The search page's script: reads the query, filters and order from the URL, runs the search
// (searchEngine.ts) and lists the documents that contain the query, each with the articles where it
// occurs, in the reader's script, the match highlighted (searchResults.ts).
import { queryPhrases, phrasePlan, type Folder } from '../lib/searchText.ts';
import { Searcher, find, rank, type Found } from './searchEngine.ts';
import { label, resultItem, type Setup } from './searchResults.ts';

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

type State = ReturnType<typeof readState>;

/** Shows a state's query, filters and order in the form. */
function showState(form: HTMLFormElement, state: State): void {
  const input = form.elements.namedItem('q');
  if (input instanceof HTMLInputElement) input.value = state.query;
  for (const name of [...FILTER_NAMES, 'sort']) {
    const control = form.elements.namedItem(name);
    const value = name === 'sort' ? state.order : (state.filters[name] ?? '');
    if (control instanceof HTMLSelectElement) {
      // A value this build does not list (a link from another build) still applies, and shows.
      if (name !== 'sort' && ![...control.options].some((option) => option.value === value))
        control.append(new Option(value, value));
      control.value = value;
    }
  }
}

/** The address of the form's search: what its own submission asks for, without the empty fields. */
function searchAddress(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form))
    if (typeof value === 'string' && value.trim() !== '' && !(name === 'sort' && value === 'relevance'))
      params.append(name, value.trim());
  return `?${params.toString()}`;
}

async function start(app: HTMLElement, form: HTMLFormElement, status: HTMLElement, list: HTMLElement) {
  const setup: Setup = {
    base: app.dataset['base'] ?? '/',
    script: app.dataset['script'] === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans',
    labels: JSON.parse(app.dataset['labels'] ?? '{}') as Record<string, string>,
  };
  // One searcher for the page's searches: the index and the files it has read stay loaded. It is
  // made when the reader comes to the form, so that the index loads while the query is typed.
  let searcher: Searcher | undefined;
  const searcherNow = () => (searcher ??= new Searcher(setup));
  form.addEventListener('focusin', searcherNow, { once: true });
  let latest = 0;
  const run = async (state: State) => {
    const generation = ++latest;
    const current = () => generation === latest;
    delete document.documentElement.dataset['searchDone'];
    showActiveFilters(setup, form, state.filters);
    resetWords();
    if (state.query === '' && Object.keys(state.filters).length === 0) {
      list.replaceChildren();
      status.textContent = '';
      for (const id of ['search-empty', 'search-more'])
        document.getElementById(id)?.setAttribute('hidden', '');
      return;
    }
    status.textContent = label(setup, 'searching');
    app.setAttribute('aria-busy', 'true');
    performance.mark('search:start');
    const started = performance.now();
    try {
      const found = await find(searcherNow(), state.query, state.filters);
      if (!current()) return;
      performance.mark('search:found');
      if (state.order === 'oldest') found.order.reverse();
      else if (state.order === 'relevance') rank(found);
      // The document whose number was asked for comes first in any order.
      found.order.sort((a, b) => Number(found.own.has(b)) - Number(found.own.has(a)));
      await render(setup, searcherNow(), state, found, status, list, started, current);
    } catch (error) {
      if (current()) status.textContent = label(setup, 'searchFailed');
      throw error;
    } finally {
      if (current()) app.removeAttribute('aria-busy');
    }
  };
  // With the script, a search from the form runs in the page (its address still names it, for the
  // back button and for sharing); without it, the form loads the page anew.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.pushState(null, '', searchAddress(form));
    void run(readState());
  });
  window.addEventListener('popstate', () => {
    const state = readState();
    showState(form, state);
    void run(state);
  });
  // Changing a filter or the order searches again at once.
  for (const name of [...FILTER_NAMES, 'sort']) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLSelectElement) control.addEventListener('change', () => form.requestSubmit());
  }
  const state = readState();
  showState(form, state);
  await run(state);
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
  state: State,
  found: Found,
  status: HTMLElement,
  list: HTMLElement,
  started: number,
  /** False once a newer search has started: this one then shows nothing more. */
  current: () => boolean,
): Promise<void> {
  const folder = await searcher.fold();
  if (!current()) return;
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
  // Each result is shown once it and those above it are ready: the first need not wait for the
  // files of the tenth (fetched at once, they arrive in any order).
  const showMore = async () => {
    const batch = found.order.slice(shown, shown + PAGE);
    shown += batch.length;
    const items = batch.map((id) => resultItem(setup, searcher, folder, found, phrases, id));
    // Awaited in turn below; a later one's failure must not count as unhandled meanwhile.
    for (const item of items) item.catch(() => {});
    for (const item of items) {
      const element = await item;
      if (!current()) return;
      list.append(element);
      if (list.children.length === 1) performance.mark('search:first-shown');
    }
    if (more) more.hidden = shown >= total;
  };
  if (more instanceof HTMLButtonElement) {
    more.onclick = () => {
      const next = list.children.length;
      void showMore().then(() => (list.children[next]?.querySelector('a') as HTMLElement | null)?.focus());
    };
  }
  await showMore();
  if (!current()) return;
  done(state.query, found, started);
  void offerWords(setup, searcher, folder, state, found);
}

function done(query: string, found: Found, started: number): void {
  performance.mark('search:shown');
  const milliseconds = Math.round(performance.now() - started);
  window.archiveSearch = { query, hits: found.order, milliseconds };
  document.documentElement.dataset['searchDone'] = String(milliseconds);
}

/** Hides the offer of word matches, and what it showed, for a new search. */
function resetWords(): void {
  const holder = document.getElementById('search-words');
  if (!holder) return;
  holder.hidden = true;
  holder.querySelector('ol')?.replaceChildren();
  const note = holder.querySelector(':scope > p.muted');
  if (note) note.textContent = '';
  const button = holder.querySelector('button');
  if (button) button.disabled = false;
}

/**
 * Below the exact results, on request: documents holding every word of the query but not the
 * phrase itself (words as the browser's Chinese word breaker cuts them).
 */
async function offerWords(
  setup: Setup,
  searcher: Searcher,
  folder: Folder,
  state: State,
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
  const note = holder.querySelector<HTMLElement>(':scope > p.muted');
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
