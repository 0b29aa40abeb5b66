// Lists that grow with the archive, bounded so that a page stays light on a phone. At 5,000
// documents the home page's timeline of every document weighed 1.1 MB, the documents page 1.8 MB,
// an agency's page of every task it is named in up to 2.5 MB and an external reference's comparison
// of its 3,564 implementing documents' tasks 16 MB, its lists of those documents 0.9 MB, a region's
// page 325 KB. The home page and the comparison show the newest entries and say how many they leave
// out; the documents (all, a reference's, a region's) and an agency's tasks get pages of
// consecutive years.
import {
  byDate,
  documentYear,
  type AgencyEntry,
  type DocumentSummary,
  type ExternalEntry,
  type TaskRole,
} from './data.ts';
import { wholeNumberSetting } from './paths.ts';
import { scriptPaths } from './ctx.ts';
import type { Script } from './script.ts';
import { UNDATED, yearRuns, type YearRun } from './yearRuns.ts';

/** Documents the home page's timeline shows, the newest (the documents page lists them all). */
export const TIMELINE_DOCUMENTS = 30;

/**
 * Documents side by side in an external reference's comparison of tasks, the newest (the 9+2 make
 * eleven, and a table wider than that is not read; every task is on its document's page).
 */
export const COMPARED_DOCUMENTS = 12;

/** An agency's tasks on one page at most: beyond it, pages of runs of years (agencyTaskYears). */
export const AGENCY_PAGE_TASKS = 200;

/** The most tasks on an agency's page: SITE_AGENCY_PAGE_TASKS, else AGENCY_PAGE_TASKS. */
export function agencyPageTasks(): number {
  return wholeNumberSetting('SITE_AGENCY_PAGE_TASKS', AGENCY_PAGE_TASKS, 'tasks');
}

/**
 * Documents a page lists at most (the documents page, a reference's, a region's): beyond it, pages
 * of runs of years (documentYears).
 */
export const PAGE_DOCUMENTS = 500;

/** The most documents a page lists: SITE_PAGE_DOCUMENTS, else PAGE_DOCUMENTS. */
export function pageDocuments(): number {
  return wholeNumberSetting('SITE_PAGE_DOCUMENTS', PAGE_DOCUMENTS, 'documents');
}

export interface Newest<T> {
  /** The newest `max` items, in the list's own (date) order. */
  shown: T[];
  /** How many older items were left out. */
  omitted: number;
}

/**
 * The newest `max` items of a list in date order (oldest first, undated items anywhere), in the
 * list's order. An undated item is not among the newest: it is shown only when fewer than `max`
 * items have a date (the archive orders undated documents last).
 */
export function newest<T>(items: readonly T[], max: number, dated: (item: T) => boolean): Newest<T> {
  if (items.length <= max) return { shown: [...items], omitted: 0 };
  const withDate = items.filter(dated);
  const kept = new Set(withDate.slice(Math.max(0, withDate.length - max)));
  for (const item of items) if (kept.size < max && !dated(item)) kept.add(item);
  const shown = items.filter((item) => kept.has(item));
  return { shown, omitted: items.length - shown.length };
}

/** Whether a document has a date of issue (what the archive orders documents by). */
export const isDated = (document: { issued_date?: string | null }): boolean => Boolean(document.issued_date);

export interface ByYear<T> {
  /** False when the list fits on one page: it is not split (and `runs` is empty). */
  split: boolean;
  /** Its pages, runs of consecutive years (yearRuns), newest first. */
  runs: YearRun<T>[];
}

/**
 * A list in date order split into runs of consecutive years of at most `max` items when it is
 * longer than `max`, each run a page of its own, listed on the first page. A page keeps its
 * address as the list grows at its recent end (only the newest run changes).
 */
export function splitByYear<T>(
  items: readonly T[],
  yearOf: (item: T) => string | null,
  max: number,
): ByYear<T> {
  if (items.length <= max) return { split: false, runs: [] };
  return { split: true, runs: yearRuns(items, yearOf, max).reverse() };
}

/** How a run is named to a reader: `2005–2007`, `2016 (2)`, or the label for undated. */
export function runLabel(name: string, undated: string): string {
  if (name === UNDATED) return undated;
  const part = /^(.+)-p(\d+)$/u.exec(name);
  if (part) return `${runLabel(part[1]!, undated)} (${part[2]})`;
  return name.replace('-', '–');
}

/** An agency's tasks split by the year of their documents (see splitByYear). */
export function agencyTaskYears(entry: AgencyEntry, max = agencyPageTasks()): ByYear<TaskRole> {
  return splitByYear(entry.tasks, ({ document }) => documentYear(document), max);
}

/** Where the documents' pages of runs of years are, relative to the base. */
export const DOCUMENT_YEARS_FOLDER = 'documents/years/';

/** Documents in date order (the archive's, a region's) split by the year they were issued (see splitByYear). */
export function documentYears(
  documents: readonly DocumentSummary[],
  max = pageDocuments(),
): ByYear<DocumentSummary> {
  return splitByYear(documents, documentYear, max);
}

/** The documents implementing or citing an external reference, in date order, split by year. */
export function referenceYears(entry: ExternalEntry, max = pageDocuments()): ByYear<DocumentSummary> {
  return documentYears([...entry.implementers, ...entry.citers].sort(byDate), max);
}

/** What a page of a run of years is given: its list's owner, its run and every run of the list. */
export interface RunPage<E, T> {
  script: Script;
  entry: E;
  run: YearRun<T>;
  runs: YearRun<T>[];
}

/**
 * The static paths of the pages of runs of years, in both scripts, of the entries whose lists are
 * split: `params` names a run's page (with the run's name as `years`); `render` leaves out the
 * pages that need no rendering (the page cache's, given the page and its language prefix).
 */
export function runPagePaths<E, T>(
  entries: Iterable<E>,
  split: (entry: E) => ByYear<T>,
  params: (entry: E) => Record<string, string>,
  render: (page: RunPage<E, T>, lang: string | undefined) => boolean = () => true,
): { params: Record<string, string | undefined>; props: RunPage<E, T> }[] {
  const lists = [...entries]
    .map((entry) => ({ entry, byYear: split(entry) }))
    .filter(({ byYear }) => byYear.split);
  return scriptPaths().flatMap((language) =>
    lists.flatMap(({ entry, byYear }) =>
      byYear.runs
        .map((run) => ({
          params: { ...language.params, ...params(entry), years: run.name },
          props: { script: language.props.script, entry, run, runs: byYear.runs },
        }))
        .filter(({ props }) => render(props, language.params.lang)),
    ),
  );
}
