import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  applyEdits,
  recordStage,
  startHistory,
  undoAll,
  mapToRaw,
  mapSortedToRaw,
  lineColumn,
  lineColumns,
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

  it('maps sorted offsets and finds their lines and columns in one pass, as one at a time does (property)', () => {
    const textArb = fc
      .array(fc.constantFrom('a', '中', '𠀀', '\n', '\r\n', '\ud800', '\udc00'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    /** Edits at random cuts of `text`, as a stage would make them. */
    const editsOver = (text: string, cuts: number[], replacements: string[]) => {
      const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
      const edits: Edit[] = [];
      for (let i = 0; i + 1 < points.length; i += 2) {
        edits.push(edit(points[i]!, points[i + 1]!, replacements[i % replacements.length] ?? ''));
      }
      return edits;
    };
    const cuts = fc.array(fc.nat(), { maxLength: 10 });
    const replacements = fc.array(fc.constantFrom('', '\n', 'x', '〓〓', '𠀀'), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(textArb, fc.array(fc.tuple(cuts, replacements), { maxLength: 4 }), (raw, stages) => {
        let history = startHistory(raw);
        stages.forEach(([stageCuts, stageReplacements], index) => {
          history = recordStage(history, `s${index}`, editsOver(history.text, stageCuts, stageReplacements));
        });
        history.stages.forEach((log, stageIndex) => {
          const offsets = log.edits.map((applied) => applied.start);
          const mapped = mapSortedToRaw(offsets, history.stages, stageIndex);
          expect(mapped).toEqual(offsets.map((offset) => mapToRaw(offset, history.stages, stageIndex)));
          expect(lineColumns(raw, mapped)).toEqual(mapped.map((offset) => lineColumn(raw, offset)));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('finds the positions of 100,000 edits on one line in linear time', () => {
    const raw = '\ue000中'.repeat(100_000);
    const edits = Array.from({ length: 100_000 }, (_, i) => edit(2 * i, 2 * i + 1, '〓'));
    const history = recordStage(recordStage(startHistory(raw), 'one', []), 'two', edits);
    const started = performance.now();
    const offsets = mapSortedToRaw(
      history.stages[1]!.edits.map((applied) => applied.start),
      history.stages,
      1,
    );
    const positions = lineColumns(raw, offsets);
    expect(positions.at(-1)).toEqual({ line: 1, column: 199_999 });
    expect(performance.now() - started).toBeLessThan(2_000); // one at a time: minutes
  });

  it('maps positions in later stages back to the raw text', () => {
    let history = recordStage(startHistory('a\r\nb\r\nc?d'), 'eol', [edit(1, 3, '\n'), edit(4, 6, '\n')]);
    history = recordStage(history, 'repair', [edit(5, 6, '〓')]);
    const log = history.stages[1]!;
    expect(mapToRaw(log.edits[0]!.start, history.stages, 1)).toBe(7);
    expect(lineColumn(history.raw, 7)).toEqual({ line: 3, column: 2 });
  });
});
