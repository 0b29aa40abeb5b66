// The search benchmark: runs every query of scripts/searchQueries.json through the built site's
// search page in Chromium, each as a cold first search (a fresh browser profile, nothing cached),
// and compares what it finds with what the data says it should find. Prints, per query and
// overall, precision and recall (by document), whether the expected document came first, the
// bytes transferred and the time until the results were shown; and, for each query without
// filters, the time from Enter to the results when it is typed on the search page.
//
//   npm run bench:search                                  the seeds: builds the site into a scratch folder
//   npm run bench:search -- --seeds <dir>                 another seeds folder (e.g. a synthetic corpus)
//   npm run bench:search -- --site <dist> --data <dir>    a site already built from the pipeline output <dir>
//   npm run bench:search -- --seeds <dir> --index-only    only the search of another seeds folder: its index
//        and display files, built into the seeds' site (whose search page is the same), for corpora
//        too large to build every page of in good time
//   options: --base /archive/  --queries <file>  --json <file>  --gzip (serve text compressed, as hosts do)
//   SEARCH_SHARD_DOCUMENTS=N sets the documents per index shard, as for the site build.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { buildSite } from '../test/browser/buildSite.ts';
import { runPipeline } from '../pipeline/cli.ts';
import { serveStatic } from '../test/browser/server.ts';
import { coldSearch, launchChromium, typedSearch, TYPING_MS } from './bench/coldSearch.ts';
import type { Archive, Document } from '../site/lib/data.ts';
import { foldPairs } from '../site/lib/searchFold.ts';
import { SEARCH_FILES } from '../site/lib/searchFiles.ts';
import { archiveSource } from '../site/lib/recordSource.ts';
import { searchFacts, searchParts, type FilterName } from '../site/lib/searchRecord.ts';
import { makeFolder, queryPhrases, readDocNumber, wordKey, type Folder } from '../site/lib/searchText.ts';

export interface BenchQuery {
  q: string;
  kind: 'phrase' | 'char' | 'words' | 'number' | 'agency';
  first?: string;
  filters?: Partial<Record<FilterName, string>>;
}

export interface BenchResult {
  query: BenchQuery;
  expected: number;
  found: number;
  precision: number;
  recall: number;
  /** Whether the expected first document came first (null when none is expected). */
  firstOk: boolean | null;
  /** Shown articles whose text holds the query (phrase queries), of those shown. */
  articles: { shown: number; relevant: number };
  bytes: number;
  /** From navigation to the first result on screen (NaN: none found), to the first page of results, and the search alone (from the script's start). */
  firstAtMs: number;
  shownAtMs: number;
  searchMs: number;
  /** Typed on the search page (typedSearch): from Enter to the results; null for a query with filters. */
  typedMs: number | null;
}

/** The documents a query should find, from the records (not from the index): `records` are the archive's, whole. */
export function expectedHits(
  archive: Archive,
  records: readonly Document[],
  folder: Folder,
  query: BenchQuery,
): Set<string> {
  const matches = (document: Document): boolean => {
    const facts = searchFacts(document);
    for (const [name, value] of Object.entries(query.filters ?? {}))
      if (!facts.filters[name as FilterName].includes(value)) return false;
    const number = readDocNumber(query.q, folder);
    if (number) {
      const same = (raw: string | null) => {
        const parts = raw ? readDocNumber(raw, folder) : undefined;
        return parts !== undefined && JSON.stringify(parts) === JSON.stringify(number);
      };
      return (
        same(document.doc_number) || document.references.some((reference) => same(reference.cited_doc_number))
      );
    }
    const phrases = queryPhrases(query.q, folder);
    const texts = searchParts(document).map((part) => folder.fold(part.text));
    if (phrases.length > 0 && phrases.every((phrase) => texts.some((text) => text.includes(phrase))))
      return true;
    if (phrases.length !== 1) return false;
    const key = wordKey(phrases[0]!);
    const named = new Set(
      [...archive.agencies.values()]
        .filter(({ agency }) =>
          [agency.name, ...agency.aliases].some((name) => wordKey(folder.fold(name)) === key),
        )
        .map(({ agency }) => agency.id),
    );
    return document.tasks.some((task) => task.agencies.some((link) => named.has(link.agency_id)));
  };
  return new Set(records.filter(matches).map((document) => document.id));
}

/** Result ids (Pagefind page ids) → document ids, from the display files the build wrote. */
function documentIds(dist: string): Map<string, string> {
  const folder = join(dist, SEARCH_FILES.documents);
  const ids = new Map<string, string>();
  for (const name of readdirSync(folder)) {
    const match = /^(.+)\.zh-hans\.json\.gz$/.exec(name);
    if (!match) continue;
    const head = JSON.parse(gunzipSync(readFileSync(join(folder, name))).toString('utf8')) as { id: string };
    ids.set(match[1]!, head.id);
  }
  return ids;
}

export async function runBench(options: {
  dist: string;
  archive: Archive;
  base: string;
  queries: BenchQuery[];
  gzip: boolean;
}): Promise<BenchResult[]> {
  const folder = makeFolder(foldPairs());
  const ids = documentIds(options.dist);
  // Every query is checked against every record: each is read once, not once a query.
  const records = new Map(options.archive.documents.map(({ id }) => [id, options.archive.load(id)]));
  const everyRecord = [...records.values()];
  const site = await serveStatic(options.dist, options.base, { gzip: options.gzip });
  const browser = await launchChromium();
  const results: BenchResult[] = [];
  try {
    // One search first, not measured: Chromium's own start-up costs belong to no query.
    await coldSearch(browser, site.url, { q: '合作' });
    for (const query of options.queries) {
      const run = await coldSearch(browser, site.url, query);
      if (process.env['BENCH_MARKS']) console.error(query.q, run.marks.join(' '));
      const found = run.hits.map((hit) => ids.get(hit) ?? `?${hit}`);
      const expected = expectedHits(options.archive, everyRecord, folder, query);
      const right = found.filter((id) => expected.has(id)).length;
      const phrases = queryPhrases(query.q, folder);
      const partsOf = new Map<string, Map<string, string>>();
      const relevant = run.shown.filter(([id, anchor]) => {
        const document = records.get(id);
        if (!document) return false;
        let parts = partsOf.get(id);
        if (!parts)
          partsOf.set(id, (parts = new Map(searchParts(document).map((p) => [p.id, folder.fold(p.text)]))));
        const text = parts.get(anchor) ?? '';
        return phrases.some((phrase) => text.includes(phrase));
      }).length;
      results.push({
        query,
        expected: expected.size,
        found: found.length,
        precision: found.length === 0 ? (expected.size === 0 ? 1 : 0) : right / found.length,
        recall: expected.size === 0 ? 1 : right / expected.size,
        // A document expected first that this archive does not hold (a seed, in a synthetic corpus) says nothing.
        firstOk: query.first && options.archive.byId.has(query.first) ? found[0] === query.first : null,
        articles: { shown: run.shown.length, relevant },
        bytes: run.bytes,
        firstAtMs: Math.round(run.firstAtMs),
        shownAtMs: Math.round(run.shownAtMs),
        searchMs: run.searchMs,
        typedMs: query.filters ? null : Math.round(await typedSearch(browser, site.url, query.q)),
      });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return results;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
};

export function report(results: BenchResult[], label: string): string {
  const lines = [`Search benchmark: ${label}`, ''];
  lines.push(
    [
      'query',
      'kind',
      'filters',
      'expected',
      'found',
      'P',
      'R',
      'first',
      'articles',
      'KB',
      'first ms',
      'shown ms',
      'search ms',
      'typed ms',
    ].join('\t'),
  );
  for (const r of results) {
    lines.push(
      [
        r.query.q,
        r.query.kind,
        Object.entries(r.query.filters ?? {})
          .map(([name, value]) => `${name}=${value}`)
          .join(',') || '-',
        r.expected,
        r.found,
        r.precision.toFixed(3),
        r.recall.toFixed(3),
        r.firstOk === null ? '-' : r.firstOk ? 'yes' : 'NO',
        r.query.kind === 'phrase' || r.query.kind === 'char'
          ? `${r.articles.relevant}/${r.articles.shown}`
          : '-',
        kb(r.bytes),
        Number.isNaN(r.firstAtMs) ? '-' : r.firstAtMs,
        r.shownAtMs,
        r.searchMs,
        r.typedMs ?? '-',
      ].join('\t'),
    );
  }
  const summary = (name: string, subset: BenchResult[]) => {
    if (subset.length === 0) return;
    lines.push(
      `${name} (${subset.length} queries): precision ${mean(subset.map((r) => r.precision)).toFixed(3)}, recall ${mean(subset.map((r) => r.recall)).toFixed(3)}`,
    );
  };
  lines.push('');
  summary('overall', results);
  summary(
    'exact phrases',
    results.filter((r) => r.query.kind === 'phrase' || r.query.kind === 'char'),
  );
  summary(
    'several words',
    results.filter((r) => r.query.kind === 'words'),
  );
  summary(
    'document numbers',
    results.filter((r) => r.query.kind === 'number'),
  );
  summary(
    'agencies',
    results.filter((r) => r.query.kind === 'agency'),
  );
  const firsts = results.filter((r) => r.firstOk !== null);
  lines.push(`expected first: ${firsts.filter((r) => r.firstOk).length}/${firsts.length}`);
  /** A list of figures as the report gives it: median, 90th percentile and max, each with its unit. */
  const spread = (values: number[], show: (value: number) => string) =>
    `median ${show(percentile(values, 0.5))}, 90th percentile ${show(percentile(values, 0.9))}, max ${show(Math.max(...values))}`;
  const ms = (value: number) => `${value} ms`;
  lines.push(
    `transferred per cold search: ${spread(
      results.map((r) => r.bytes),
      (value) => `${kb(value)} KB`,
    )}`,
  );
  lines.push(
    `first result shown after (from navigation; queries finding any): ${spread(
      results.flatMap((r) => (Number.isNaN(r.firstAtMs) ? [] : [r.firstAtMs])),
      ms,
    )}`,
  );
  lines.push(
    `results shown after (from navigation): ${spread(
      results.map((r) => r.shownAtMs),
      ms,
    )}`,
  );
  lines.push(
    `search alone (from the script's start): ${spread(
      results.map((r) => r.searchMs),
      ms,
    )}`,
  );
  const typed = results.flatMap((r) => (r.typedMs === null ? [] : [r.typedMs]));
  lines.push(
    `typed on the search page (${typed.length} queries without filters; the index loading from the box's focus, Enter ${TYPING_MS} ms later), from Enter to the results: ${spread(typed, ms)}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string' },
      site: { type: 'string' },
      data: { type: 'string' },
      base: { type: 'string', default: '/' },
      queries: { type: 'string', default: 'scripts/searchQueries.json' },
      json: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      'index-only': { type: 'boolean', default: false },
    },
  });
  let dist: string;
  let data: string;
  let base = values.base;
  if (values.site) {
    if (!values.data) throw new Error('--site needs --data, the pipeline output the site was built from');
    dist = resolve(values.site);
    data = resolve(values.data);
  } else if (values['index-only']) {
    if (!values.seeds) throw new Error('--index-only needs --seeds, the corpus to index');
    const started = Date.now();
    const built = await buildSite({ base, label: 'search-bench' });
    data = mkdtempSync(join(tmpdir(), 'search-bench-data-'));
    const result = await runPipeline({ seeds: values.seeds, out: data, keepGoing: true });
    if (!result.written) throw new Error(`the pipeline wrote nothing for ${values.seeds}`);
    dist = built.dist;
    process.env['SITE_DATA'] = data;
    const { getArchive } = await import('../site/lib/data.ts');
    const { buildSearch } = await import('../site/lib/searchBuild.ts');
    const { shardDocuments } = await import('../site/integrations/searchIndex.ts');
    const stats = await buildSearch(archiveSource(getArchive()), dist, undefined, {
      maxShardDocuments: shardDocuments(),
    });
    console.error(
      `indexed ${stats.documents} documents (${stats.shards.length} shards) into the seeds' site in ${((Date.now() - started) / 1000).toFixed(0)} s → ${dist}`,
    );
  } else {
    const started = Date.now();
    const built = await buildSite({ seeds: values.seeds ?? 'seeds', base, label: 'search-bench' });
    console.error(`built the site in ${((Date.now() - started) / 1000).toFixed(0)} s → ${built.dist}`);
    ({ dist, data, base } = built);
  }
  // The records as the site read them (site/lib/data.ts reads SITE_DATA once).
  process.env['SITE_DATA'] = data;
  const { getArchive } = await import('../site/lib/data.ts');
  const archive = getArchive();
  const { queries } = JSON.parse(readFileSync(values.queries, 'utf8')) as { queries: BenchQuery[] };
  const results = await runBench({ dist, archive, base, queries, gzip: values.gzip });
  const label = `${archive.documents.length} documents, ${values.gzip ? 'text served gzipped' : 'served as stored'}`;
  console.log(report(results, label));
  if (values.json) writeFileSync(values.json, JSON.stringify({ label, results }, null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
