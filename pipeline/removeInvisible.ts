// Invisible and control characters: removed before any other stage reads the text, each run of
// them an edit so it can be undone. A scraped page may carry characters a reader cannot see but a
// browser, a terminal or a spreadsheet obeys: zero-width characters that split a word so a search
// misses it, bidi controls (U+202E) that display text in another order than the stored one,
// control and noncharacter code points that no text needs. None belongs in an official document.
import type { Edit } from './textEdits.ts';

/** Every character the stage removes (global: use with matchAll); `invisibleRule` says under which rule. */
export const INVISIBLE = /[\p{Cf}\p{Cs}\u007f-\u0084\u0086-\u009f\p{Noncharacter_Code_Point}]/gu;
const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff]$/u;
const BIDI_CONTROL = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/u;

/** The rule a character is removed under, or undefined for a character that stays. */
export function invisibleRule(char: string): string | undefined {
  const code = char.codePointAt(0);
  if (code === undefined || [...char].length !== 1) return undefined;
  // Zero-width space, non-joiner and joiner, word joiner, zero-width no-break space (a BOM inside the text).
  if (ZERO_WIDTH.test(char)) return 'zero-width';
  // Marks, embeddings, overrides and isolates that reorder the display of text.
  if (BIDI_CONTROL.test(char)) return 'bidi-control';
  // Every other format character: soft hyphen, invisible operators, tag characters, annotation marks…
  if (/^\p{Cf}$/u.test(char)) return 'format-character';
  // DEL and the C1 controls (ingest already refuses the C0 controls but tab, LF, CR and form feed);
  // NEL (U+0085) is a line break, which normalisation turns into LF.
  if (code >= 0x7f && code <= 0x9f && code !== 0x85) return 'control-character';
  // U+FDD0–U+FDEF and the last two code points of every plane are never characters of a text.
  if (/^\p{Noncharacter_Code_Point}$/u.test(char)) return 'noncharacter';
  // A surrogate without its partner: no decoder yields one, but the stage is total on any string.
  if (code >= 0xd800 && code <= 0xdfff) return 'lone-surrogate';
  return undefined;
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** One edit per run of adjacent characters under the same rule; the note names their code points. */
export function removeInvisible(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(INVISIBLE)) {
    const rule = invisibleRule(match[0])!;
    const start = match.index;
    const end = start + match[0].length;
    const previous = edits.at(-1);
    if (previous?.rule === rule && previous.end === start) previous.end = end;
    else edits.push({ start, end, replacement: '', kind: 'invisible', rule, confidence: 1 });
  }
  for (const edit of edits) {
    const removed = [...text.slice(edit.start, edit.end)];
    const listed = [...new Set(removed.map(codePoint))];
    edit.note =
      `${removed.length} invisible character${removed.length === 1 ? '' : 's'}: ` +
      `${listed.slice(0, 8).join(' ')}${listed.length > 8 ? ' …' : ''}`;
  }
  return edits;
}

/** How many characters a log of this stage removed. */
export function countRemoved(edits: readonly { original: string }[]): number {
  return edits.reduce((total, edit) => total + [...edit.original].length, 0);
}
