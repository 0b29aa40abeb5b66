// Cutting a list in date order into runs of consecutive years of at most `max` items: the search
// index's shards (searchShards.ts) and the pages of an agency's tasks (longLists.ts). Years are
// grouped from the oldest on, a year joining the run before it while that stays within the
// maximum; a year with more items than the maximum is cut, in order, into parts of equal size;
// undated items are a run of their own (parts, likewise), the first. So changing an item leaves
// the runs as they are, and a list growing at its recent end only changes its newest run.

export interface YearRun<T> {
  /** The years it covers (`2016`, `2005-2009`), a part of a year (`2016-p2`) or `undated`. */
  name: string;
  /** Its items, in the list's order. */
  items: T[];
}

export const UNDATED = 'undated';

/** The runs of a list in date order, oldest first (undated, then by year). */
export function yearRuns<T>(
  items: readonly T[],
  yearOf: (item: T) => string | null,
  max: number,
): YearRun<T>[] {
  if (!Number.isInteger(max) || max < 1) throw new Error(`a run holds at least one item, not ${max}`);
  const runs: YearRun<T>[] = [];
  /** Items of one name, cut into parts of (nearly) equal size when there are too many. */
  const cut = (name: string, run: T[]) => {
    if (run.length <= max) {
      runs.push({ name, items: run });
      return;
    }
    const parts = Math.ceil(run.length / max);
    for (let k = 0; k < parts; k++) {
      const from = Math.floor((k * run.length) / parts);
      const to = Math.floor(((k + 1) * run.length) / parts);
      runs.push({ name: `${name}-p${k + 1}`, items: run.slice(from, to) });
    }
  };
  const undated: T[] = [];
  const years = new Map<string, T[]>();
  for (const item of items) {
    const year = yearOf(item);
    if (year === null) undated.push(item);
    else {
      const run = years.get(year);
      if (run) run.push(item);
      else years.set(year, [item]);
    }
  }
  if (undated.length > 0) cut(UNDATED, undated);
  let group: { years: string[]; items: T[] } | undefined;
  const flush = () => {
    if (!group) return;
    const first = group.years[0]!;
    const last = group.years.at(-1)!;
    cut(first === last ? first : `${first}-${last}`, group.items);
    group = undefined;
  };
  for (const [year, run] of years) {
    if (group && group.items.length + run.length > max) flush();
    if (run.length > max) {
      cut(year, run);
      continue;
    }
    group ??= { years: [], items: [] };
    group.years.push(year);
    group.items.push(...run);
  }
  flush();
  return runs;
}
