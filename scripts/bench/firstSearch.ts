// The first-search payload of a built site: a few of the search benchmark's queries, each a cold
// first search in a fresh Chromium context, against the site served as hosts serve it (text
// gzipped). What a reader's first search costs: bytes on the wire and time until results show.
import { readFile } from 'node:fs/promises';
import { serveStatic } from '../../test/browser/server.ts';
import { coldSearch, launchChromium, type SearchQuery } from './coldSearch.ts';

export interface FirstSearchQuery {
  q: string;
  kind: string;
  filters?: Partial<Record<string, string>>;
}

export interface FirstSearchRun {
  q: string;
  kind: string;
  hits: number;
  bytes: number;
  /** From navigation to the first result on screen (NaN: none found), and to the first page of results. */
  firstAtMs: number;
  shownAtMs: number;
  searchMs: number;
}

export interface FirstSearch {
  runs: FirstSearchRun[];
  medianBytes: number;
  maxBytes: number;
  /** Over the queries finding any. */
  medianFirstMs: number;
  medianShownMs: number;
  maxShownMs: number;
}

/** The first query of each kind in the benchmark's query file (phrase, char, words, number, agency). */
export async function pickQueries(file: string): Promise<FirstSearchQuery[]> {
  const { queries } = JSON.parse(await readFile(file, 'utf8')) as { queries: FirstSearchQuery[] };
  const seen = new Set<string>();
  return queries.filter((query) => !query.filters && !seen.has(query.kind) && seen.add(query.kind));
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function firstSearch(dist: string, queries: FirstSearchQuery[]): Promise<FirstSearch> {
  const site = await serveStatic(dist, '/', { gzip: true });
  try {
    const browser = await launchChromium();
    const runs: FirstSearchRun[] = [];
    try {
      // One search first, not measured: Chromium's own start-up costs belong to no query.
      await coldSearch(browser, site.url, { q: '合作' });
      for (const query of queries) {
        const searched: SearchQuery = { q: query.q, ...(query.filters ? { filters: query.filters } : {}) };
        const run = await coldSearch(browser, site.url, searched);
        runs.push({
          q: query.q,
          kind: query.kind,
          hits: run.hits.length,
          bytes: run.bytes,
          firstAtMs: Math.round(run.firstAtMs),
          shownAtMs: Math.round(run.shownAtMs),
          searchMs: run.searchMs,
        });
      }
    } finally {
      await browser.close();
    }
    const bytes = runs.map((run) => run.bytes);
    const shown = runs.map((run) => run.shownAtMs);
    return {
      runs,
      medianBytes: median(bytes),
      maxBytes: Math.max(...bytes),
      medianFirstMs: median(runs.flatMap((run) => (Number.isNaN(run.firstAtMs) ? [] : [run.firstAtMs]))),
      medianShownMs: median(shown),
      maxShownMs: Math.max(...shown),
    };
  } finally {
    await site.close();
  }
}
