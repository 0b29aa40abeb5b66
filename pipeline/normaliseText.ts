// Normalisation: line endings to LF, a final newline, and Unicode to NFC, each change an edit so it can be undone.
import type { Edit } from './textEdits.ts';

export function normaliseText(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(/\r\n?/gu)) {
    edits.push({
      start: match.index,
      end: match.index + match[0].length,
      replacement: '\n',
      kind: 'normalise',
      rule: match[0] === '\r\n' ? 'crlf' : 'lone-cr',
      confidence: 1,
    });
  }
  // NFC per cluster (a base character and its combining marks) keeps each edit small and local;
  // most texts are already NFC, so the cluster walk runs only when something changes.
  const clusters = text.normalize('NFC') === text ? [] : text.matchAll(/\P{M}\p{M}*/gu);
  for (const match of clusters) {
    const cluster = match[0];
    if (cluster.startsWith('\r')) continue;
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
  if (!/[\r\n]$/u.test(text)) {
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
