// Many file operations at once: every item runs once with its index, never more than the bound in flight.
import { describe, it, expect } from 'vitest';
import { eachAtOnce } from '../pipeline/eachAtOnce.ts';

describe('eachAtOnce', () => {
  it('runs every item once, with its index, at most 32 at a time', async () => {
    const items = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    const seen: string[] = new Array<string>(items.length);
    let inFlight = 0;
    let most = 0;
    await eachAtOnce(items, async (item, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, index % 3));
      seen[index] = item;
      inFlight--;
    });
    expect(seen).toEqual(items);
    expect(most).toBe(32);
  });

  it('runs nothing for no items', async () => {
    await eachAtOnce([], () => Promise.reject(new Error('never called')));
  });

  it('after a failure starts nothing new, and throws once the items in flight have ended', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    await expect(
      eachAtOnce(items, async (n) => {
        started.push(n);
        if (n === 5) throw new Error('item 5 failed');
        await new Promise((resolve) => setTimeout(resolve, 5));
        ended.push(n);
      }),
    ).rejects.toThrow('item 5 failed');
    expect(started).toEqual(items.slice(0, 32));
    expect(ended.sort((a, b) => a - b)).toEqual(started.filter((n) => n !== 5));
  });
});
