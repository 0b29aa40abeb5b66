// Normalisation: line endings (CRLF, CR, NEL, U+2028, U+2029) to LF, a final newline, and Unicode to NFC, each change an edit so it can be undone.
import type { Edit } from './textEdits.ts';

/** Line breaks other than LF: CRLF, a lone CR, and the Unicode ones, next line (NEL) and the line and paragraph separators. */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/gu;
const LINE_BREAK_RULES: Readonly<Record<string, string>> = {
  '\r\n': 'crlf',
  '\r': 'lone-cr',
  '\u0085': 'next-line',
  '\u2028': 'line-separator',
  '\u2029': 'paragraph-separator',
};

export function normaliseText(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(LINE_BREAK)) {
    edits.push({
      start: match.index,
      end: match.index + match[0].length,
      replacement: '\n',
      kind: 'normalise',
      rule: LINE_BREAK_RULES[match[0]]!,
      confidence: 1,
    });
  }
  // NFC per cluster (a base character and its combining marks) keeps each edit small and local;
  // most texts are already NFC, so the cluster walk runs only when something changes.
  const clusters = text.normalize('NFC') === text ? [] : text.matchAll(/\P{M}\p{M}*/gu);
  for (const match of clusters) {
    const cluster = match[0];
    if (/^[\r\u0085\u2028\u2029]/u.test(cluster)) continue;
    const normal = cluster.normalize('NFC');
    if (normal !== cluster) {
      edits.push({
        start: match.index,
        end: match.index + cluster.length,
        replacement: normal,
        kind: 'normalise',
        rule: 'nfc',
        confidence: 1,
      });
    }
  }
  // Every clean text ends with one newline, whether or not the file did.
  if (!/[\r\n\u0085\u2028\u2029]$/u.test(text)) {
    edits.push({
      start: text.length,
      end: text.length,
      replacement: '\n',
      kind: 'normalise',
      rule: 'final-newline',
      confidence: 1,
    });
  }
  return edits;
}
