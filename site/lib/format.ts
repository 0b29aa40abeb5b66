// Dates, due dates and raw characters as readers see them.
import type { Commitment } from '../../pipeline/generated/model.ts';

/** 2017-01-20 → 2017年1月20日; 2011-12 → 2011年12月; 2020 → 2020年. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${year}年` + (month ? `${Number(month)}月` : '') + (day ? `${Number(day)}日` : '');
}

/** --06-30;--12-31 → 6月30日、12月31日. */
export function formatRecurring(due: string): string {
  return due
    .split(';')
    .map((part) => /^--(\d{2})-(\d{2})$/.exec(part))
    .map((match) => (match ? `${Number(match[1])}月${Number(match[2])}日` : ''))
    .filter(Boolean)
    .join('、');
}

/** The last day a due date covers: 2020 → 2020-12-31, 2011-12 → 2011-12-31. */
export function dueEnd(due: string): string | null {
  if (/^\d{4}$/.test(due)) return `${due}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(due);
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${due}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due;
  return null;
}

/** Whether a commitment's date has passed on `today` (YYYY-MM-DD); recurring ones never pass. */
export function isPast(commitment: Pick<Commitment, 'due' | 'due_kind'>, today: string): boolean {
  if (commitment.due_kind === 'recurring') return false;
  const end = dueEnd(commitment.due);
  return end !== null && end < today;
}

/** The Unicode names of the invisible characters a scraped page is likely to carry. */
const CHARACTER_NAMES: Record<number, string> = {
  0x0009: 'CHARACTER TABULATION',
  0x000a: 'LINE FEED',
  0x000d: 'CARRIAGE RETURN',
  0x0085: 'NEXT LINE',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/**
 * Every character a reader cannot see but a browser obeys: controls (tab, LF and CR included),
 * format characters (zero-width, bidi marks, embeddings, overrides and isolates, soft hyphen, tag
 * characters…), line and paragraph separators, lone surrogates and noncharacters.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]/gu;

/** An invisible character as the provenance panel shows it: a visible mark and the character's name. */
export interface ShownCharacter {
  /** What is displayed in its place: ↵ → ␍ for line breaks and tabs, ⟨U+XXXX⟩ for the others. */
  shown: string;
  /** The code point and its name, e.g. `U+202E RIGHT-TO-LEFT OVERRIDE`. */
  name: string;
}

/** Plain text, or an invisible character made visible. */
export type VisiblePart = string | ShownCharacter;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function characterName(char: string): string {
  const code = char.codePointAt(0)!;
  const known = CHARACTER_NAMES[code];
  if (known) return `${codePoint(code)} ${known}`;
  if (/^\p{Noncharacter_Code_Point}$/u.test(char)) return `${codePoint(code)} noncharacter`;
  if (/^\p{Cs}$/u.test(char)) return `${codePoint(code)} lone surrogate`;
  if (/^\p{Cc}$/u.test(char)) return `${codePoint(code)} control character`;
  return `${codePoint(code)} format character`;
}

const BREAK_MARKS: Record<string, string> = { '\n': '↵', '\r': '␍', '\t': '→' };

/**
 * Raw text cut into plain runs and the invisible characters between them, each made visible:
 * line breaks as ↵ (followed by the break itself with `keepBreaks`), CR as ␍, tabs as →, and
 * every other control, zero-width, bidi or format character as ⟨U+XXXX⟩, so nothing removed or
 * kept is invisible and nothing reorders the text around it. The characters themselves are never
 * part of what is returned.
 */
export function visibleParts(text: string, keepBreaks = false): VisiblePart[] {
  const parts: VisiblePart[] = [];
  let last = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    const char = match[0];
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({
      shown: BREAK_MARKS[char] ?? `⟨${codePoint(char.codePointAt(0)!)}⟩`,
      name: characterName(char),
    });
    if (char === '\n' && keepBreaks) parts.push('\n');
    last = match.index + char.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** visibleParts as one string, for plain-text contexts. */
export function visible(text: string, keepBreaks = false): string {
  return visibleParts(text, keepBreaks)
    .map((part) => (typeof part === 'string' ? part : part.shown))
    .join('');
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
