import { describe, it, expect } from 'vitest';
import { normaliseText } from '../pipeline/normaliseText.ts';
import { applyEdits } from '../pipeline/textEdits.ts';

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF, recording each', () => {
    const edits = normaliseText('第一条\r\n第二条\r第三条\n');
    expect(applyEdits('第一条\r\n第二条\r第三条\n', edits).text).toBe('第一条\n第二条\n第三条\n');
    expect(edits.map((edit) => edit.rule)).toEqual(['crlf', 'lone-cr']);
  });

  it('composes to NFC, including CJK compatibility ideographs', () => {
    const text = 'Cafe\u0301 \uf9dc\n';
    const { text: normal } = applyEdits(text, normaliseText(text));
    expect(normal).toBe(text.normalize('NFC'));
  });

  it('ends the text with one newline when the file did not', () => {
    const edits = normaliseText('第一条');
    expect(edits).toMatchObject([{ start: 3, end: 3, replacement: '\n', rule: 'final-newline' }]);
  });
});
