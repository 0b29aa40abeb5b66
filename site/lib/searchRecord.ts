// A document as search sees it, from its record: the facts Pagefind files it under (metadata,
// filters, sort key — the document page carries the same as data-pagefind-* attributes), the
// parts it is searched in (a header and each provision, in the original script), the page the
// index is built from, and what the search page shows of it in each script.
import type { Document } from './data.ts';
import { documentDate } from './data.ts';
import { convert, type Script } from './script.ts';
import { BLOCK_SIZE } from './searchFiles.ts';
import {
  agencyToken,
  citedNumberToken,
  ownNumberToken,
  readDocNumber,
  setTokens,
  streamTokens,
  type Folder,
} from './searchText.ts';
import { FACETS, type FacetName } from './facets.ts';

/** The search's filters are the documents index's facets. */
export type FilterName = FacetName;
export const FILTERS: readonly FilterName[] = FACETS;

export interface SearchFacts {
  meta: { title: string; docnum?: string; date?: string };
  filters: Record<FilterName, string[]>;
  /** The date a document is ordered by (issue date, else repost date; undated first). */
  sort: { date: string };
}

/** Filter values are codes and simplified names, the same whichever script a page is read in. */
export function searchFacts(document: Document): SearchFacts {
  const date = documentDate(document);
  return {
    meta: {
      title: document.title,
      ...(document.doc_number ? { docnum: document.doc_number } : {}),
      ...(date ? { date } : {}),
    },
    filters: {
      type: [document.doc_type],
      issuer: [...new Set(document.issuers.map((issuer) => convert(issuer, 'zh-Hans')))],
      region: [...document.regions],
      year: [document.issued_date?.slice(0, 4) ?? 'unknown'],
      status: [document.status],
    },
    sort: { date: date ?? '0000-00-00' },
  };
}

export interface SearchPart {
  /** The provision's or task's id (its anchor on the page); '' for the header (title and number). */
  id: string;
  kind: Document['provisions'][number]['kind'] | 'header' | 'task';
  /** The numbered provisions it sits in, outermost first: `二、重点任务 › 1. 优化区域经济发展格局`. */
  label: string;
  /** The text as the page shows it: a title's lines joined, other lines trimmed, one per line. */
  text: string;
  /** The tasks whose responsibility (their agencies' names) this part's text holds. */
  tasks: string[];
}

function provisionText(provision: Document['provisions'][number]): string {
  const lines = provision.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.join(provision.kind === 'title' ? '' : '\n');
}

/**
 * The header, then every provision in document order, each followed by its tasks'
 * responsibilities when the provision's text does not hold them (a plan that lists them in a
 * table: the page shows them in the task's box, under the task's anchor).
 */
export function searchParts(document: Document): SearchPart[] {
  const byId = new Map(document.provisions.map((provision) => [provision.id, provision]));
  const labelOf = (provision: Document['provisions'][number]): string => {
    const path: string[] = [];
    for (
      let at: typeof provision | undefined = provision;
      at;
      at = at.parent_id ? byId.get(at.parent_id) : undefined
    ) {
      if (at.label) path.unshift(at.heading ? `${at.label} ${at.heading}` : at.label);
    }
    return path.join(' › ');
  };
  const header = [document.title, document.doc_number_raw ?? document.doc_number ?? '']
    .filter(Boolean)
    .join('\n');
  const parts: SearchPart[] = [{ id: '', kind: 'header', label: '', text: header, tasks: [] }];
  for (const provision of [...document.provisions].sort((a, b) => a.position - b.position)) {
    const part: SearchPart = {
      id: provision.id,
      kind: provision.kind,
      label: labelOf(provision),
      text: provisionText(provision),
      tasks: [],
    };
    const own: SearchPart[] = [];
    for (const task of document.tasks.filter((task) => task.provision_id === provision.id)) {
      const responsibility = task.responsibility.trim();
      if (responsibility === '' || provision.text.includes(responsibility)) part.tasks.push(task.id);
      else own.push({ id: task.id, kind: 'task', label: part.label, text: responsibility, tasks: [task.id] });
    }
    if (part.text !== '') parts.push(part);
    parts.push(...own);
  }
  return parts;
}

/** Every name (official, alias, short form) of the agencies a document's tasks name. */
export function taskAgencyNames(document: Document): Set<string> {
  const used = new Set(document.tasks.flatMap((task) => task.agencies.map((link) => link.agency_id)));
  return new Set(
    document.agencies
      .filter((agency) => used.has(agency.id))
      .flatMap((agency) => [agency.name, ...agency.aliases]),
  );
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The weight every token of an index page carries. Pagefind stores a word's positions on a page
 * after a marker of their weight unless the weight is the one it takes as the default, which it
 * keeps as 25 while it encodes its own default weight of 1 as 24 (a weight is stored as 24 times
 * its value, cut to a whole number). At weight 1 every (token, document) pair carried a marker,
 * about half the postings of an index of trigrams that mostly occur once in a document. Giving
 * every token the same weight leaves the ranking as it was.
 */
export const INDEX_WEIGHT = '1.05';

/**
 * The page Pagefind indexes for a document: not the reading page but its searchable text as
 * tokens (see searchText.ts), one block per provision under the provision's anchor, then the
 * document's number and agency tokens; metadata, filters and the sort key as on the page.
 */
export function indexPage(document: Document, folder: Folder): string {
  const facts = searchFacts(document);
  const parts = searchParts(document);
  const blocks = parts.map((part) => {
    const tokens = streamTokens(folder.fold(part.text)).join(' ');
    return part.id
      ? `<div id="${escapeHtml(part.id)}" data-pagefind-title="${escapeHtml(part.label || part.id)}">${tokens}</div>`
      : `<div>${tokens}</div>`;
  });
  const tail = new Set<string>();
  const own = document.doc_number ? readDocNumber(document.doc_number, folder) : undefined;
  if (own) tail.add(ownNumberToken(own));
  for (const reference of document.references) {
    const cited = reference.cited_doc_number ? readDocNumber(reference.cited_doc_number, folder) : undefined;
    if (cited) tail.add(citedNumberToken(cited));
  }
  for (const name of taskAgencyNames(document)) tail.add(agencyToken(folder.fold(name)));
  const hidden = [
    ...Object.entries(facts.meta).map(
      ([key, value]) => `<span data-pagefind-meta="${key}">${escapeHtml(value)}</span>`,
    ),
    ...Object.entries(facts.filters).flatMap(([key, values]) =>
      values.map((value) => `<span data-pagefind-filter="${key}">${escapeHtml(value)}</span>`),
    ),
    `<span data-pagefind-sort="date">${escapeHtml(facts.sort.date)}</span>`,
  ];
  return [
    '<!doctype html><html lang="und"><head><meta charset="utf-8"></head><body>',
    `<main data-pagefind-body data-pagefind-weight="${INDEX_WEIGHT}">`,
    `<div data-pagefind-ignore>${hidden.join('')}</div>`,
    ...blocks,
    `<div>${[...tail].join(' ')}</div>`,
    '</main></body></html>',
  ].join('\n');
}

/** The texts a document is searched in (searchParts), folded. */
export function foldedParts(document: Document, folder: Folder): string[] {
  return searchParts(document).map((part) => folder.fold(part.text));
}

/** The set tokens of a document, from its folded parts: every character and pair of characters. */
export function documentSetTokens(folded: readonly string[]): Set<string> {
  const sets = new Set<string>();
  for (const text of folded) setTokens(text, sets);
  return sets;
}

/**
 * What the search page shows of a document in one script (keys kept short: it is downloaded), in
 * a head and blocks, each a file. The head says what a result says of the document and where its
 * parts start; block j holds the parts that start in the stream between j and j + 1 times
 * BLOCK_SIZE: their ids, kinds, labels and texts. A match's position names its block before the
 * head is read, so a result costs two requests at once (the head and the block of its first
 * match), and only the text around its matches: with the texts of the first blocks in the head,
 * a result cost 3 KB gzipped on average, up to 6 KB for long documents, at 5,000 documents.
 */
export interface DisplayHead {
  /** Document id and original script. */
  id: string;
  o: Script;
  /** Title and number (as the page shows them) in this script; date, status and type as codes. */
  t: string;
  n: string | null;
  d: string | null;
  s: Document['status'];
  y: Document['doc_type'];
  /** Each part's start in the token stream, in order. */
  p: number[];
  /** The first part of each block (as many blocks as the stream's length needs, some empty). */
  b: number[];
  /** Tasks: [the part holding the responsibility, agency ids]. */
  k: [number, string[]][];
  /** Citations: [the part citing, the cited number's token]. */
  r: [number, string][];
}

/** A block of a document's parts (see DisplayHead). */
export interface DisplayBlock {
  /** Its parts, in order: [provision or task id, kind, index of its label in `l`]. */
  p: [string, string, number][];
  /** Their labels in this script (each once; '' for none). */
  l: string[];
  /** Their texts in this script. */
  x: string[];
}

export interface DisplayFiles {
  head: DisplayHead;
  /** Every block, block j at j. */
  blocks: DisplayBlock[];
}

export function displayFiles(document: Document, script: Script, folder: Folder): DisplayFiles {
  const from = document.script;
  const c = (text: string) => convert(text, script, from);
  const references: [string, string][] = [];
  for (const reference of document.references) {
    const cited = reference.cited_doc_number ? readDocNumber(reference.cited_doc_number, folder) : undefined;
    if (cited) references.push([reference.provision_id, citedNumberToken(cited)]);
  }
  const parts = searchParts(document);
  const agenciesOf = new Map(
    document.tasks.map((task) => [task.id, task.agencies.map((link) => link.agency_id)]),
  );
  const starts: number[] = [];
  let at = 0;
  for (const part of parts) {
    starts.push(at);
    at += [...part.text].length;
  }
  const count = Math.max(1, Math.ceil(at / BLOCK_SIZE));
  const firsts = Array.from({ length: count }, (_, j) => {
    const first = starts.findIndex((start) => start >= j * BLOCK_SIZE);
    return first < 0 ? parts.length : first;
  });
  const partOf = new Map<string, number>();
  parts.forEach((part, i) => {
    if (part.id && !partOf.has(part.id)) partOf.set(part.id, i);
  });
  const blocks = firsts.map((first, j): DisplayBlock => {
    const inBlock = parts.slice(first, firsts[j + 1] ?? parts.length);
    const partLabels = inBlock.map((part) => c(part.label));
    const labels = [...new Set(['', ...partLabels])];
    return {
      p: inBlock.map((part, i) => [part.id, part.kind, labels.indexOf(partLabels[i]!)]),
      l: labels,
      x: inBlock.map((part) => c(part.text)),
    };
  });
  return {
    head: {
      id: document.id,
      o: from,
      t: c(document.title),
      n: document.doc_number ? convert(document.doc_number, script, 'zh-Hans') : null,
      d: documentDate(document),
      s: document.status,
      y: document.doc_type,
      p: starts,
      b: firsts,
      k: parts.flatMap((part, i) =>
        part.tasks.map((id): [number, string[]] => [i, agenciesOf.get(id) ?? []]),
      ),
      r: references.map(([provision, token]): [number, string] => [partOf.get(provision) ?? 0, token]),
    },
    blocks,
  };
}
