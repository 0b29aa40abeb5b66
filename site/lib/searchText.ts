// What search reads and what it looks up, shared by the build (which indexes) and the browser
// (which searches), so both sides cut text the same way. No dependencies: the browser bundles it.
//
// Text is first *folded*: each character becomes one canonical character (traditional and
// simplified forms, variants, full-width forms and letter case become one), so `廣東`, `广东` and
// `廣东` read the same. Folding keeps the length in code points, so a position in the folded text
// is a position in the text as written.
//
// The index holds the folded text as *tokens*, one per character position:
// - at a position where three characters other than spaces follow one another (a trigram, which
//   may hold punctuation), the trigram; elsewhere a placeholder that takes the position but is not
//   indexed. A phrase of three or more characters is found exactly by looking up a few of its
//   trigrams and checking that they sit at the right distance from each other (see `phrasePlan`).
// - once per document, the document's own number, the numbers it cites and the names of the
//   agencies its tasks name (with every alias), so `粤府[2017]8号` or `省发改委` find them.
// Beside the index, in files of its own (see `bucketOf`), every single character and every pair of
// characters each document holds (set tokens), so a one- or two-character query is an exact
// lookup too, without the positions of every occurrence. In the index they would double its
// size and the time and memory it takes to build, for lookups that need no positions.
// Tokens are written in ASCII (a code point is four base-36 digits) so that no search engine's
// word segmentation, stemming or case folding can cut or change them.

/** A folding of text into canonical characters, length-preserving in code points. */
export interface Folder {
  fold(text: string): string;
}

/**
 * Builds a folder from pairs of code points, `from` then `to`, concatenated (`廣广東东…`). The
 * pairs come from OpenCC's dictionaries at build time (searchFold.ts); no table is written by hand.
 */
export function makeFolder(pairs: string): Folder {
  const chars = [...pairs];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  const cache = new Map<string, string>();
  const foldChar = (char: string): string => {
    const known = cache.get(char);
    if (known !== undefined) return known;
    let out = char;
    if (char.charCodeAt(0) >= 0x80) {
      // Full-width forms, compatibility ideographs, circled digits … when NFKC keeps one character.
      const normal = char.normalize('NFKC');
      if (normal.length > 0 && [...normal].length === 1) out = normal;
    }
    out = map.get(out) ?? out;
    const lower = out.toLowerCase();
    if ([...lower].length === 1) out = lower;
    cache.set(char, out);
    return out;
  };
  return {
    fold(text: string): string {
      let out = '';
      for (const char of text) out += foldChar(char);
      return out;
    },
  };
}

/**
 * A function of one character, remembered for each character it is asked about: the index build
 * asks it about every character of every document, of which there are a few thousand distinct.
 */
function perCharacter<T>(of: (char: string) => T): (char: string) => T {
  const known = new Map<string, T>();
  return (char) => {
    let value = known.get(char);
    if (value === undefined) {
      value = of(char);
      known.set(char, value);
    }
    return value;
  };
}

/** Letters and digits (Han included): what a query must hold, and what set tokens are made of. */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
export const isWordChar = perCharacter((char) => WORD_CHAR.test(char));

/** Everything but spaces and control characters is part of a phrase (punctuation included). */
const TOKEN_CHAR = /^[^\s\p{Cc}]$/u;
export const isTokenChar = perCharacter((char) => TOKEN_CHAR.test(char));

/** A code point as four base-36 digits (0000 … zzzz covers all of Unicode). */
export const charCode = perCharacter((char) => char.codePointAt(0)!.toString(36).padStart(4, '0'));

/** Takes a position in the token stream without being indexed (not a letter or digit). */
export const PLACEHOLDER = '·';

/**
 * The token stream of a folded text: one token per code point, the trigram starting there when
 * three characters other than spaces follow one another, else the placeholder.
 */
export function streamTokens(folded: string): string[] {
  const units = [...folded];
  const inRun = units.map(isTokenChar);
  const codes = units.map(charCode);
  return units.map((_, i) =>
    inRun[i] && inRun[i + 1] && inRun[i + 2] ? codes[i]! + codes[i + 1]! + codes[i + 2]! : PLACEHOLDER,
  );
}

/** Marks of the tokens that are not trigrams (a code point's first digit is at most `n`). */
const SET = 'q';
const OWN_NUMBER = 'r';
const CITED_NUMBER = 's';
const AGENCY = 't';

/** The set tokens of a folded text: each word character and each pair of adjacent ones. */
export function setTokens(folded: string, into = new Set<string>()): Set<string> {
  // Each word character's code, '' for the others.
  const codes = [...folded].map((char) => (isWordChar(char) ? charCode(char) : ''));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === '') continue;
    into.add(SET + code);
    const next = codes[i + 1];
    if (next) into.add(SET + code + next);
  }
  return into;
}

/**
 * The file (of `buckets`) a set token is listed in: FNV-1a of its characters, so the build and the
 * browser agree without a table.
 */
export function bucketOf(token: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}

/** The word characters of a folded text only, as one key (`省發改委` → the key of 省发改委). */
export function wordKey(folded: string): string {
  return [...folded].filter(isWordChar).join('');
}

function codes(text: string): string {
  return [...text].map(charCode).join('');
}

/** The token of a name an agency goes by, folded and reduced to its letters and digits. */
export function agencyToken(foldedName: string): string {
  return AGENCY + codes(wordKey(foldedName));
}

export interface DocNumberParts {
  /** The issuer's code, folded (粵府 and 粤府 give the same). */
  prefix: string;
  year: number;
  serial: number;
}

function numberCodes({ prefix, year, serial }: DocNumberParts): string {
  return `${codes(prefix)}y${year}n${serial}`;
}
/** The token a document carries for its own 发文字号. */
export function ownNumberToken(parts: DocNumberParts): string {
  return OWN_NUMBER + numberCodes(parts);
}
/** The token a document carries for each 发文字号 it cites. */
export function citedNumberToken(parts: DocNumberParts): string {
  return CITED_NUMBER + numberCodes(parts);
}

const OPEN = '〔\\[﹝【(（［';
const CLOSE = '〕\\]﹞】)）］';
/**
 * A 发文字号 typed in any common form: 粤府〔2017〕8号, 粤府[2017]8号, 粵府〔2017〕8號, 粤府2017年8号,
 * 粤府（2017）第8号. The same reading as the pipeline's parseDocNumber (pipeline/docNumbers.ts),
 * which a test holds it to; this one runs in the browser, where the pipeline's converter cannot.
 */
const NUMBER = `(\\p{Script=Han}{1,10}?)\\s*(?:[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]|(\\d{4})\\s*年)\\s*(?:第\\s*)?(\\d{1,5})\\s*[号號]`;
const DOC_NUMBER = new RegExp(`^\\s*${NUMBER}\\s*$`, 'u');
const DOC_NUMBERS = new RegExp(NUMBER, 'gu');

export function readDocNumber(input: string, folder: Folder): DocNumberParts | undefined {
  const match = DOC_NUMBER.exec(folder.fold(input.normalize('NFKC')));
  if (!match) return undefined;
  return { prefix: match[1]!, year: Number(match[2] ?? match[3]), serial: Number(match[4]) };
}

/** Where a text cites a 发文字号 whose token is `token` (citedNumberToken), as code-point ranges. */
export function numberRanges(text: string, token: string, folder: Folder): [number, number][] {
  const folded = folder.fold(text);
  const ranges: [number, number][] = [];
  for (const match of folded.matchAll(DOC_NUMBERS)) {
    // The issuer's code is the end of the Han run before the year: try each start in turn.
    for (let cut = 0; cut < match[1]!.length; cut++) {
      const parts = readDocNumber(match[0].slice(cut), folder);
      if (parts && citedNumberToken(parts) === token) {
        const start = [...folded.slice(0, match.index + cut)].length;
        ranges.push([start, start + [...match[0].slice(cut)].length]);
        break;
      }
    }
  }
  return ranges;
}

/** One trigram of a phrase and where it starts, counted in code points from the phrase's start. */
export interface Placed {
  token: string;
  offset: number;
}

export interface PhrasePlan {
  /** The phrase, folded, as a list of code points. */
  units: string[];
  /** Trigrams that pin the phrase down exactly: every word run of three or more is covered. */
  placed: Placed[];
  /** Set tokens for runs shorter than three (only where no trigram can be placed). */
  sets: string[];
  /**
   * True when the lookups alone decide the phrase: it is one run (no spaces). Otherwise the
   * lookups place the runs and the text decides what stands between them.
   */
  exact: boolean;
}

/**
 * How to find a folded phrase: its runs of characters other than spaces (a phrase from
 * queryPhrases is one run), each of three or more covered by trigrams every three characters (and
 * one ending the run), each shorter one by the set token of its letters and digits.
 * `粤港澳大湾区` → 粤港澳 at 0 and 大湾区 at 3; `大通关` → 大通关 at 0; `合作` → the pair 合作.
 */
export function phrasePlan(folded: string): PhrasePlan | undefined {
  const units = [...folded];
  if (!units.some(isWordChar)) return undefined;
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < units.length;) {
    if (!isTokenChar(units[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < units.length && isTokenChar(units[end]!)) end++;
    runs.push({ start: i, length: end - i });
    i = end;
  }
  const placed: Placed[] = [];
  const sets: string[] = [];
  for (const { start, length } of runs) {
    if (length < 3) {
      const word = units
        .slice(start, start + length)
        .filter(isWordChar)
        .join('');
      if (word !== '') sets.push(SET + codes(word));
      continue;
    }
    const offsets = new Set<number>();
    for (let k = 0; k + 3 <= length; k += 3) offsets.add(k);
    offsets.add(length - 3);
    for (const k of [...offsets].sort((a, b) => a - b)) {
      const at = start + k;
      placed.push({ token: codes(units.slice(at, at + 3).join('')), offset: at });
    }
  }
  const [run] = runs;
  const whole = runs.length === 1 && run!.start === 0 && run!.length === units.length;
  // A short run is exact only when it is all letters and digits (its set token is all of it).
  const exact = whole && (units.length >= 3 || units.every(isWordChar));
  return { units, placed, sets, exact };
}

/**
 * Where a phrase starts in one document, from the positions of its placed trigrams there (one set
 * per placed trigram, in the plan's order): the starts at which every trigram sits at its offset.
 */
export function phraseStarts(plan: PhrasePlan, positions: readonly ReadonlySet<number>[]): number[] {
  const [first, ...rest] = plan.placed;
  if (!first || positions.length !== plan.placed.length) return [];
  return [...positions[0]!]
    .map((at) => at - first.offset)
    .filter((start) => rest.every((placed, k) => positions[k + 1]!.has(start + placed.offset)))
    .sort((a, b) => a - b);
}

/**
 * The query as typed, cut into phrases: quotes and spaces separate phrases, all of which must
 * occur; punctuation at either end of a phrase is dropped (`大通关。` is `大通关`).
 */
export function queryPhrases(query: string, folder: Folder): string[] {
  return folder
    .fold(query.normalize('NFKC'))
    .replace(/["“”「」『』]/gu, ' ')
    .split(/\s+/u)
    .map((phrase) => phrase.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((phrase) => phrase !== '');
}

/**
 * Every place a folded phrase occurs in a folded text, as code-point offsets. Both sides are
 * folded, so the offsets are offsets in the text as written.
 */
export function occurrences(foldedText: string, foldedPhrase: string): number[] {
  if (foldedPhrase === '') return [];
  const hits: number[] = [];
  let from = 0;
  for (;;) {
    const at = foldedText.indexOf(foldedPhrase, from);
    if (at < 0) break;
    hits.push(at);
    from = at + 1;
  }
  // indexOf counts UTF-16 units; convert to code points when the text has astral characters.
  if (!/[\uD800-\uDBFF]/.test(foldedText)) return hits;
  return hits.map((at) => [...foldedText.slice(0, at)].length);
}
