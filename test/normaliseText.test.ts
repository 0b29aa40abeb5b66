import { describe, it, expect } from 'vitest';
import { normaliseText } from '../pipeline/normaliseText.ts';
import { applyEdits } from '../pipeline/textEdits.ts';

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF, recording each', () => {
    const edits = normaliseText('第一条\r\n第二条\r第三条\n');
    expect(applyEdits('第一条\r\n第二条\r第三条\n', edits).text).toBe('第一条\n第二条\n第三条\n');
    expect(edits.map((edit) => edit.rule)).toEqual(['crlf', 'lone-cr']);
  });

  it('turns the Unicode line breaks (NEL, line and paragraph separators) into LF too', () => {
    const text = '关于推进合作的通知\u2028一、加强合作。\u2029二、深化交流。\u0085三、完善机制。\u2028';
    const edits = normaliseText(text);
    expect(applyEdits(text, edits).text).toBe(
      '关于推进合作的通知\n一、加强合作。\n二、深化交流。\n三、完善机制。\n',
    );
    expect(edits.map((edit) => edit.rule)).toEqual([
      'line-separator',
      'paragraph-separator',
      'next-line',
      'line-separator',
    ]);
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
