// Lists that grow with the archive, bounded so that a page stays light on a phone. At 5,000
// documents the home page's timeline of every document weighed 1.1 MB, an agency's page of every
// task it is named in up to 2.5 MB and an external reference's comparison of its 3,564
// implementing documents' tasks 16 MB. The home page and the comparison show the newest entries
// and say how many they leave out; an agency's tasks get a page per year.
import type { AgencyEntry, TaskRole } from './data.ts';

/** Documents the home page's timeline shows, the newest (the documents page lists them all). */
export const TIMELINE_DOCUMENTS = 30;

/**
 * Documents side by side in an external reference's comparison of tasks, the newest (the 9+2 make
 * eleven, and a table wider than that is not read; every task is on its document's page).
 */
export const COMPARED_DOCUMENTS = 12;

/** An agency's tasks on one page at most: beyond it, a page per year (agencyTaskYears). */
export const AGENCY_PAGE_TASKS = 200;

/** The most tasks on an agency's page: SITE_AGENCY_PAGE_TASKS, else AGENCY_PAGE_TASKS. */
export function agencyPageTasks(value = process.env['SITE_AGENCY_PAGE_TASKS']): number {
  if (value === undefined || value === '') return AGENCY_PAGE_TASKS;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`SITE_AGENCY_PAGE_TASKS must be a whole number of tasks, not ${value}`);
  return max;
}

export interface Newest<T> {
  /** The newest `max` items, in the list's own (date) order. */
  shown: T[];
  /** How many older items were left out. */
  omitted: number;
}

/** The newest `max` items of a list in date order (oldest first). */
export function newest<T>(items: readonly T[], max: number): Newest<T> {
  const omitted = Math.max(0, items.length - max);
  return { shown: items.slice(omitted), omitted };
}

/** One year of a list split by year ('undated' for entries without a date). */
export interface YearPart<T> {
  year: string;
  items: T[];
}

export interface ByYear<T> {
  /** False when the list fits on one page: it is not split (and `years` is empty). */
  split: boolean;
  /** Every year, newest first (undated last), each with its items in the list's order. */
  years: YearPart<T>[];
}

export const UNDATED = 'undated';

/**
 * A list in date order split by year when it is longer than `max`: each year gets a page of its
 * own, and the first page lists the years. A year's page keeps its address as the list grows.
 */
export function splitByYear<T>(
  items: readonly T[],
  yearOf: (item: T) => string | undefined,
  max: number,
): ByYear<T> {
  if (items.length <= max) return { split: false, years: [] };
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const year = yearOf(item) ?? UNDATED;
    const group = groups.get(year);
    if (group) group.push(item);
    else groups.set(year, [item]);
  }
  const years: YearPart<T>[] = [...groups]
    .map(([year, part]) => ({ year, items: part }))
    .sort((a, b) => (a.year === UNDATED ? 1 : b.year === UNDATED ? -1 : b.year.localeCompare(a.year)));
  return { split: true, years };
}

/** An agency's tasks split by the year of their documents (see splitByYear). */
export function agencyTaskYears(entry: AgencyEntry, max = agencyPageTasks()): ByYear<TaskRole> {
  return splitByYear(entry.tasks, ({ document }) => document.issued_date?.slice(0, 4), max);
}
