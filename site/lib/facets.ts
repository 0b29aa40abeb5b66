// The documents index's filters (type, issuer, region, year, status), done in CSS so they work
// without JavaScript: a radio group per facet, and a rule per value that hides the documents
// without it (`:has()`), so facets combine.
import type { DocumentSummary } from './data.ts';
import { regionSlug } from './data.ts';
import { convert } from './script.ts';
import { inlineStyle, type PageCsp } from './csp.ts';

export type FacetName = 'type' | 'issuer' | 'region' | 'year' | 'status';
export const FACETS: FacetName[] = ['type', 'issuer', 'region', 'year', 'status'];

export interface FacetValue {
  /** Safe token used in ids, data attributes and CSS: [a-z0-9-] only. */
  token: string;
  /** The raw value (a code, a year, or an issuer's name in simplified script). */
  value: string;
  count: number;
}

function tokenOf(facet: FacetName, value: string, issuers: string[]): string {
  if (facet === 'issuer') return `i${issuers.indexOf(value)}`;
  if (facet === 'region') return regionSlug(value);
  return value.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function valuesOf(document: DocumentSummary, facet: FacetName): string[] {
  switch (facet) {
    case 'type':
      return [document.doc_type];
    case 'issuer':
      // One issuer whichever script a document prints it in.
      return document.issuers.map((issuer) => convert(issuer, 'zh-Hans'));
    case 'region':
      return document.regions;
    case 'year':
      return [document.issued_date?.slice(0, 4) ?? 'unknown'];
    case 'status':
      return [document.status];
  }
}

export interface FacetTable {
  values: Record<FacetName, FacetValue[]>;
  /** Per document id, per facet: the tokens it carries (space-separated for data attributes). */
  tokens: Map<string, Record<FacetName, string>>;
  css: string;
}

export function buildFacets(documents: readonly DocumentSummary[]): FacetTable {
  const issuers = [...new Set(documents.flatMap((document) => valuesOf(document, 'issuer')))].sort();
  const values = {} as Record<FacetName, FacetValue[]>;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const document of documents) {
      for (const value of new Set(valuesOf(document, facet))) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    values[facet] = [...counts]
      .map(([value, count]) => ({ value, count, token: tokenOf(facet, value, issuers) }))
      .sort((a, b) =>
        facet === 'year'
          ? b.value.localeCompare(a.value)
          : b.count - a.count || a.value.localeCompare(b.value),
      );
  }
  const tokens = new Map(
    documents.map((document) => [
      document.id,
      Object.fromEntries(
        FACETS.map((facet) => [
          facet,
          valuesOf(document, facet)
            .map((value) => tokenOf(facet, value, issuers))
            .join(' '),
        ]),
      ) as Record<FacetName, string>,
    ]),
  );
  const rules = FACETS.flatMap((facet) =>
    values[facet].map(
      ({ token }) =>
        `.facets:has(#f-${facet}-${token}:checked) ~ .doc-list > li:not([data-${facet}~="${token}"]){display:none}`,
    ),
  );
  return { values, tokens, css: rules.join('\n') };
}

/**
 * The facets of a page's documents and their rules, allowed by the page's Content-Security-Policy:
 * called in the page's own frontmatter, since the policy is written before its body is rendered.
 */
export function pageFacets(csp: PageCsp | undefined, documents: readonly DocumentSummary[]): PageFacets {
  const table = buildFacets(documents);
  return { table, style: inlineStyle(csp, table.css) };
}

export interface PageFacets {
  table: FacetTable;
  /** The rules as an inline style sheet whose hash the page's policy allows. */
  style: string;
}
