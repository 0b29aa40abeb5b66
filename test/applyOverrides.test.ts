import { describe, it, expect } from 'vitest';
import { applyOverrides, parseOverrides } from '../pipeline/applyOverrides.ts';
import { applyEdits } from '../pipeline/textEdits.ts';

const override = { seed: 'a.txt', original: '至〓口旅游', replacement: '至海口旅游', reason: 'Haikou' };

describe('overrides', () => {
  it('edits only the differing part of the span', () => {
    const edits = applyOverrides('湛江至〓口旅游高鐵', [override], 'overrides.json');
    expect(edits).toMatchObject([{ start: 3, end: 4, replacement: '海', kind: 'override', note: 'Haikou' }]);
    expect(applyEdits('湛江至〓口旅游高鐵', edits).text).toBe('湛江至海口旅游高鐵');
  });

  it('fails when the original no longer matches, saying what to do', () => {
    expect(() => applyOverrides('湛江至海口旅游', [override], 'seeds/overrides.json')).toThrow(
      /seeds\/overrides\.json: override "至〓口旅游" matches 0 times in a\.txt.*review the override/,
    );
  });

  it('fails when the original is ambiguous', () => {
    expect(() => applyOverrides('至〓口旅游 至〓口旅游', [override], 'o.json')).toThrow(
      /matches 2 times.*unique/,
    );
  });

  it('names the malformed entry by JSON pointer', () => {
    expect(() =>
      parseOverrides('{"overrides":[{"seed":"a","original":"x","replacement":"y"}]}', 'o.json'),
    ).toThrow(/o\.json: \/overrides\/0\/reason: expected a non-empty string/);
  });
});
