// Bounded lists (site/lib/longLists.ts, site/lib/yearRuns.ts): what the home page, an external
// reference's comparison, the lists of documents and an agency's pages show of lists that grow
// with the archive, the pages of runs of years, and the settings that bound them (site/lib/paths.ts).
import { describe, expect, it } from 'vitest';
import {
  documentYears,
  isDated,
  newest,
  referenceYears,
  runLabel,
  runPagePaths,
  splitByYear,
} from '../site/lib/longLists.ts';
import type { DocumentSummary, ExternalEntry } from '../site/lib/data.ts';
import { wholeNumberSetting } from '../site/lib/paths.ts';
import { UNDATED, yearRuns } from '../site/lib/yearRuns.ts';

describe('newest', () => {
  const always = () => true;
  it('keeps a short list whole', () => {
    expect(newest([1, 2, 3], 5, always)).toEqual({ shown: [1, 2, 3], omitted: 0 });
    expect(newest([1, 2, 3], 3, always)).toEqual({ shown: [1, 2, 3], omitted: 0 });
  });
  it('keeps the end of a list in date order, in its order, and counts the rest', () => {
    expect(newest([1, 2, 3, 4, 5], 2, always)).toEqual({ shown: [4, 5], omitted: 3 });
  });
  it('never takes an undated item for a new one, and shows undated ones only to fill the list', () => {
    const documents = ['2015', '2016', '2017', null, null].map((issued_date, n) => ({ issued_date, n }));
    expect(newest(documents, 2, isDated).shown.map((document) => document.n)).toEqual([1, 2]);
    const fewDated = ['2017', null, null, null].map((issued_date, n) => ({ issued_date, n }));
    expect(newest(fewDated, 2, isDated)).toEqual({ shown: [fewDated[0], fewDated[1]], omitted: 2 });
  });
});

const item = (year: string | null, n: number) => ({ year, n });
const yearOf = (entry: { year: string | null }) => entry.year;
const names = (runs: { name: string; items: { n: number }[] }[]) =>
  runs.map((run) => [run.name, run.items.map((entry) => entry.n)]);

describe('yearRuns', () => {
  it('groups consecutive years while they fit, undated first, each run in the list’s order', () => {
    const items = [item('2015', 1), item('2015', 2), item('2016', 3), item('2017', 4), item(null, 5)];
    expect(names(yearRuns(items, yearOf, 3))).toEqual([
      [UNDATED, [5]],
      ['2015-2016', [1, 2, 3]],
      ['2017', [4]],
    ]);
  });

  it('cuts a year longer than the maximum into parts of equal size, in order', () => {
    const items = [item('2014', 1), ...[2, 3, 4, 5, 6].map((n) => item('2015', n)), item('2016', 7)];
    expect(names(yearRuns(items, yearOf, 3))).toEqual([
      ['2014', [1]],
      ['2015-p1', [2, 3]],
      ['2015-p2', [4, 5, 6]],
      ['2016', [7]],
    ]);
  });

  it('loses and repeats nothing, and no run is over the maximum', () => {
    const items = Array.from({ length: 200 }, (_, n) =>
      item(n % 11 === 0 ? null : String(2000 + (n % 7)), n),
    );
    const runs = yearRuns(
      [...items].sort((a, b) => (a.year ?? '').localeCompare(b.year ?? '')),
      yearOf,
      10,
    );
    expect(runs.flatMap((run) => run.items.map((entry) => entry.n)).sort((a, b) => a - b)).toEqual(
      items.map((entry) => entry.n),
    );
    expect(Math.max(...runs.map((run) => run.items.length))).toBeLessThanOrEqual(10);
  });

  it('leaves the older runs as they are when the list grows at its recent end', () => {
    const items = [item('2014', 1), item('2015', 2), item('2016', 3), item('2017', 4)];
    const before = names(yearRuns(items, yearOf, 2));
    const after = names(yearRuns([...items, item('2017', 5), item('2018', 6)], yearOf, 2));
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
  });
});

describe('splitByYear', () => {
  it('leaves a list that fits on one page unsplit', () => {
    expect(splitByYear([item('2015', 1), item('2016', 2)], yearOf, 2)).toEqual({ split: false, runs: [] });
  });

  it('gives a longer list its runs of years, newest first', () => {
    const items = [item('2015', 1), item('2015', 2), item('2016', 3), item('2017', 4), item(null, 5)];
    const { split, runs } = splitByYear(items, yearOf, 3);
    expect(split).toBe(true);
    expect(runs.map((run) => run.name)).toEqual(['2017', '2015-2016', UNDATED]);
  });

  it('splits the archive’s documents by the year they were issued, undated last', () => {
    const documents = ['2015-03-01', '2016-01-02', '2016-05-06', null].map(
      (issued_date, n) => ({ id: `d${n}`, issued_date }) as unknown as DocumentSummary,
    );
    expect(documentYears(documents, 4)).toEqual({ split: false, runs: [] });
    const runs = documentYears(documents, 2).runs.map((run) => [run.name, run.items.map(({ id }) => id)]);
    expect(runs).toEqual([
      ['2016', ['d1', 'd2']],
      ['2015', ['d0']],
      [UNDATED, ['d3']],
    ]);
  });

  it('splits the documents implementing or citing a reference together, by year', () => {
    const doc = (id: string, issued_date: string | null) =>
      ({ id, issued_date }) as unknown as DocumentSummary;
    const entry = {
      implementers: [doc('a', '2016-01-01'), doc('b', '2017-01-01')],
      citers: [doc('c', '2016-06-01'), doc('d', null)],
    } as unknown as ExternalEntry;
    expect(referenceYears(entry, 4)).toEqual({ split: false, runs: [] });
    const runs = referenceYears(entry, 2).runs.map((run) => [run.name, run.items.map(({ id }) => id)]);
    expect(runs).toEqual([
      ['2017', ['b']],
      ['2016', ['a', 'c']],
      [UNDATED, ['d']],
    ]);
  });

  it('names runs for a reader', () => {
    expect(runLabel('2015-2016', '日期不详')).toBe('2015–2016');
    expect(runLabel('2016-p2', '日期不详')).toBe('2016 (2)');
    expect(runLabel(UNDATED, '日期不详')).toBe('日期不详');
    expect(runLabel(`${UNDATED}-p1`, '日期不详')).toBe('日期不详 (1)');
  });
});

describe('runPagePaths', () => {
  it('gives each run of each split list a page in both scripts, and unsplit lists none', () => {
    const lists = [
      { id: 'long', items: [item('2015', 1), item('2016', 2), item('2017', 3)] },
      { id: 'short', items: [item('2015', 4)] },
    ];
    const paths = runPagePaths(
      lists,
      (list) => splitByYear(list.items, yearOf, 2),
      (list) => ({ list: list.id }),
    );
    expect(paths.map(({ params }) => params)).toEqual([
      { lang: undefined, list: 'long', years: '2017' },
      { lang: undefined, list: 'long', years: '2015-2016' },
      { lang: 'zh-hant', list: 'long', years: '2017' },
      { lang: 'zh-hant', list: 'long', years: '2015-2016' },
    ]);
    const [first] = paths;
    expect(first!.props.script).toBe('zh-Hans');
    expect(first!.props.entry).toBe(lists[0]);
    expect(first!.props.run.items.map((entry) => entry.n)).toEqual([3]);
    expect(first!.props.runs.map((run) => run.name)).toEqual(['2017', '2015-2016']);
  });
});

describe('wholeNumberSetting', () => {
  it('reads a whole number from the environment, else the default, and names a bad value', () => {
    const variable = 'TEST_WHOLE_NUMBER_SETTING';
    delete process.env[variable];
    expect(wholeNumberSetting(variable, 200, 'tasks')).toBe(200);
    process.env[variable] = '30';
    expect(wholeNumberSetting(variable, 200, 'tasks')).toBe(30);
    for (const bad of ['0', '2.5', 'many', '-3']) {
      process.env[variable] = bad;
      expect(() => wholeNumberSetting(variable, 200, 'tasks')).toThrow(
        `${variable} must be a whole number of tasks (1 or more), not ${bad}`,
      );
    }
    delete process.env[variable];
  });
});
