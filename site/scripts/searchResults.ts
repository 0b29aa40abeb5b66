// A search result as the page shows it: the document's title and facts, and the articles that hold
// the query, each linked by its anchor, with an excerpt in which the match is marked. The text comes
// from each document's display files (site/lib/searchRecord.ts), in the page's script.
import {
  citedNumberToken,
  numberRanges,
  occurrences,
  readDocNumber,
  wordKey,
  type Folder,
} from '../lib/searchText.ts';
import type { DisplayHead } from '../lib/searchRecord.ts';
import { BLOCK_SIZE } from '../lib/searchFiles.ts';
import type { Found, SearchPlace, Searcher } from './searchEngine.ts';

/** Labels and settings the page renders into data attributes. */
export interface Setup extends SearchPlace {
  labels: Record<string, string>;
}

/** An interface label in the page's script, its {placeholders} filled in. */
export function label(setup: Setup, key: string, values: Record<string, string | number> = {}): string {
  return (setup.labels[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
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
    if (head.p[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A part as its block gives it: its provision or task id, kind, label and text. */
interface Part {
  id: string;
  kind: string;
  label: string;
  text: string;
}

async function partOf(searcher: Searcher, id: string, head: DisplayHead, part: number): Promise<Part> {
  const j = Math.floor(head.p[part]! / BLOCK_SIZE);
  const block = await searcher.block(id, j);
  const at = part - head.b[j]!;
  const [partId, kind, labelAt] = block.p[at] ?? ['', '', 0];
  return { id: partId, kind, label: block.l[labelAt] ?? '', text: block.x[at] ?? '' };
}

interface ArticleHit {
  part: Part;
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
      block.x.forEach((text, i) => {
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
    for (const [part, agencies] of head.k)
      if (ids && agencies.some((agency) => ids.has(agency))) add(part, names);
    if (found.cited.has(id) && number) {
      const token = citedNumberToken(number);
      for (const [part, cited] of head.r) if (cited === token) add(part, []);
    }
  }
  const parts = [...wanted.keys()].sort((a, b) => a - b);
  const hits: ArticleHit[] = [];
  for (const at of parts.slice(0, ARTICLES)) {
    const part = await partOf(searcher, id, head, at);
    const { text } = part;
    const folded = folder.fold(text);
    const marks: [number, number][] = [];
    for (const needle of new Set(wanted.get(at))) {
      const foldedNeedle = folder.fold(needle);
      for (const at of occurrences(folded, foldedNeedle)) marks.push([at, at + [...foldedNeedle].length]);
    }
    if (number) marks.push(...numberRanges(text, citedNumberToken(number), folder));
    hits.push({ part, marks: marks.sort((a, b) => a[0] - b[0]) });
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

export async function resultItem(
  setup: Setup,
  searcher: Searcher,
  folder: Folder,
  found: Found,
  phrases: string[],
  id: string,
): Promise<HTMLLIElement> {
  // The blocks where the first matches are, fetched with the head (a match's position names its
  // block); without positions (a one- or two-character query), the first block, read first.
  const positions = (found.phrases.get(id) ?? []).flatMap((starts) => starts.slice(0, ARTICLES));
  for (const j of new Set(positions.length > 0 ? positions.map((p) => Math.floor(p / BLOCK_SIZE)) : [0]))
    void searcher.block(id, j);
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
    for (const { part, marks } of hits) {
      const entry = document.createElement('li');
      const anchor = document.createElement('a');
      anchor.href = documentUrl(setup, head, part.id || undefined);
      anchor.className = 'search-article';
      anchor.dataset['anchor'] = part.id;
      anchor.textContent = part.label || label(setup, `kind:${part.kind}`);
      const quote = document.createElement('p');
      quote.className = 'search-excerpt';
      quote.append(excerpt(part.text, marks));
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
