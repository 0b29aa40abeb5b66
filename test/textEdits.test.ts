import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  applyEdits,
  recordStage,
  startHistory,
  undoAll,
  mapToRaw,
  lineColumn,
  type Edit,
} from '../pipeline/textEdits.ts';

const edit = (start: number, end: number, replacement: string): Edit => ({
  start,
  end,
  replacement,
  kind: 'normalise',
  rule: 'test',
  confidence: 1,
});

/** Random non-overlapping edits over a text. */
const textWithEdits = fc.string({ unit: 'grapheme', maxLength: 60 }).chain((text) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 })
    .map((cuts) => [...cuts].sort((a, b) => a - b))
    .chain((cuts) => {
      const pairs: [number, number][] = [];
      for (let i = 0; i + 1 < cuts.length; i += 2) pairs.push([cuts[i]!, cuts[i + 1]!]);
      return fc.tuple(
        fc.constant(text),
        fc.tuple(...pairs.map(([start, end]) => fc.string({ maxLength: 4 }).map((r) => edit(start, end, r)))),
      );
    }),
);

describe('text edits', () => {
  it('applies edits and records what they replaced', () => {
    const { text, applied } = applyEdits('區(qū)域合作', [edit(1, 5, '')]);
    expect(text).toBe('區域合作');
    expect(applied[0]).toMatchObject({ original: '(qū)', outStart: 1 });
  });

  it('refuses overlapping edits', () => {
    expect(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')])).toThrow(/overlaps/);
  });

  it('undoing every stage gives back the raw text (property)', () => {
    fc.assert(
      fc.property(textWithEdits, ([raw, first]) => {
        let history = recordStage(startHistory(raw), 'one', first);
        // A second stage over the first stage's output.
        const second = [edit(0, Math.min(1, history.text.length), '#')];
        history = recordStage(history, 'two', second);
        expect(undoAll(history.text, history.stages)).toBe(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('maps positions in later stages back to the raw text', () => {
    let history = recordStage(startHistory('a\r\nb\r\nc?d'), 'eol', [edit(1, 3, '\n'), edit(4, 6, '\n')]);
    history = recordStage(history, 'repair', [edit(5, 6, '〓')]);
    const log = history.stages[1]!;
    expect(mapToRaw(log.edits[0]!.start, history.stages, 1)).toBe(7);
    expect(lineColumn(history.raw, 7)).toEqual({ line: 3, column: 2 });
  });
});
