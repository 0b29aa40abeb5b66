// Bounded lists (site/lib/longLists.ts): what the home page, an external reference's comparison
// and an agency's pages show of lists that grow with the archive.
import { describe, expect, it } from 'vitest';
import { newest, splitByYear, UNDATED } from '../site/lib/longLists.ts';

describe('newest', () => {
  it('keeps a short list whole', () => {
    expect(newest([1, 2, 3], 5)).toEqual({ shown: [1, 2, 3], omitted: 0 });
    expect(newest([1, 2, 3], 3)).toEqual({ shown: [1, 2, 3], omitted: 0 });
  });
  it('keeps the end of a list in date order, in its order, and counts the rest', () => {
    expect(newest([1, 2, 3, 4, 5], 2)).toEqual({ shown: [4, 5], omitted: 3 });
  });
});

describe('splitByYear', () => {
  const item = (year: string | undefined, n: number) => ({ year, n });
  const yearOf = (entry: { year: string | undefined }) => entry.year;

  it('leaves a list that fits on one page unsplit', () => {
    const items = [item('2015', 1), item('2016', 2)];
    expect(splitByYear(items, yearOf, 2)).toEqual({ split: false, years: [] });
  });

  it('gives every year its part, newest first and undated last, each in the list’s order', () => {
    const items = [item('2015', 1), item('2015', 2), item('2017', 3), item('2016', 4), item(undefined, 5)];
    const { split, years } = splitByYear(items, yearOf, 3);
    expect(split).toBe(true);
    expect(years.map((part) => [part.year, part.items.map((entry) => entry.n)])).toEqual([
      ['2017', [3]],
      ['2016', [4]],
      ['2015', [1, 2]],
      [UNDATED, [5]],
    ]);
  });

  it('loses and repeats nothing across the years', () => {
    const items = Array.from({ length: 50 }, (_, n) => item(String(2000 + (n % 7)), n));
    const { years } = splitByYear(items, yearOf, 10);
    expect(years.flatMap((part) => part.items.map((entry) => entry.n)).sort((a, b) => a - b)).toEqual(
      items.map((entry) => entry.n),
    );
  });
});
