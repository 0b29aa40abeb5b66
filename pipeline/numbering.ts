// Numbered lines of Chinese official documents, 第X章/节/条 and 一、/（一）/1./（1）/①: which style,
// the number as printed and its value, and the heading the line carries.
import type { Provision } from './generated/model.ts';

export type NumberingStyle = NonNullable<Provision['numbering']>;
/** 第X编 and 第X部分 sit above chapters; the schema has no numbering style for them. */
export type Style = NumberingStyle | 'part';

/** Conventional rank, outermost first: a numbered line nests under the nearest open line of lower rank. */
export const RANK: Readonly<Record<Style, number>> = {
  part: 0,
  chapter: 1,
  section: 2,
  article: 3,
  han: 4,
  'paren-han': 5,
  arabic: 6,
  'paren-arabic': 7,
  circled: 8,
};

/** The id segment before the number: `ch2-art4-s1`. */
export const ID_PREFIX: Readonly<Record<Style, string>> = {
  part: 'part',
  chapter: 'ch',
  section: 'sec',
  article: 'art',
  han: 's',
  'paren-han': 'p',
  arabic: 'n',
  'paren-arabic': 'pn',
  circled: 'c',
};

const STRUCTURAL_STYLES: ReadonlySet<Style> = new Set(['part', 'chapter', 'section', 'article']);

export interface NumberedLine {
  style: Style;
  /** The number as printed, without surrounding spaces: 第四条, （三）, 1、 */
  label: string;
  number: number;
  /** The line after the label, as printed. */
  rest: string;
}

// 零 〇 ○ all write zero; 两 is 二 in counts.
const HAN_DIGITS: Readonly<Record<string, number>> = Object.fromEntries(
  [...'零〇○一二两兩三四五六七八九'].map((char, index) => [
    char,
    [0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9][index]!,
  ]),
);
const HAN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 四十九 → 49, 一百零二 → 102, 十 → 10, 二〇一 → 201; null for anything that is not a well-formed numeral. */
export function chineseNumber(numeral: string): number | null {
  const chars = [...numeral];
  if (chars.length === 0 || chars.some((char) => HAN_DIGITS[char] === undefined && !HAN_UNITS[char])) {
    return null;
  }
  // Digit by digit (二〇一) only when short: a long run of digits is prose, not a number.
  if (!chars.some((char) => HAN_UNITS[char])) {
    return chars.length <= 4 ? chars.reduce((value, char) => value * 10 + HAN_DIGITS[char]!, 0) : null;
  }
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const char of chars) {
    const unit = HAN_UNITS[char];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    } else if (HAN_DIGITS[char] === 0) {
      digit = null; // 零 only holds a place: 一百零二
    } else {
      if (digit !== null) return null;
      digit = HAN_DIGITS[char]!;
    }
  }
  return total + (digit ?? 0);
}

const HAN_NUMERAL = '[零〇○一二两兩三四五六七八九十百千]+';
const ARABIC = '[0-9０-９]{1,3}';
const SPACE = '[\\s\\u3000]*';

/** Each pattern captures the label, the numeral inside it, and the rest of the line. */
const PATTERNS: readonly { style: Style; pattern: RegExp }[] = [
  { style: 'part', pattern: new RegExp(`^${SPACE}(第(${HAN_NUMERAL}|[0-9]{1,4})(?:编|編|部分))(.*)$`, 'su') },
  { style: 'chapter', pattern: new RegExp(`^${SPACE}(第(${HAN_NUMERAL}|[0-9]{1,4})章)(.*)$`, 'su') },
  { style: 'section', pattern: new RegExp(`^${SPACE}(第(${HAN_NUMERAL}|[0-9]{1,4})[节節])(.*)$`, 'su') },
  { style: 'article', pattern: new RegExp(`^${SPACE}(第(${HAN_NUMERAL}|[0-9]{1,4})[条條])(.*)$`, 'su') },
  { style: 'han', pattern: new RegExp(`^${SPACE}((${HAN_NUMERAL})(?:、|．|\\.(?![0-9])))(.*)$`, 'su') },
  {
    style: 'paren-han',
    pattern: new RegExp(`^${SPACE}([(（]${SPACE}(${HAN_NUMERAL})${SPACE}[)）])(.*)$`, 'su'),
  },
  // 1.5亿 and 2.3 are figures, not item numbers.
  { style: 'arabic', pattern: new RegExp(`^${SPACE}((${ARABIC})(?:、|．|\\.(?![0-9０-９])))(.*)$`, 'su') },
  {
    style: 'paren-arabic',
    pattern: new RegExp(`^${SPACE}([(（]${SPACE}(${ARABIC})${SPACE}[)）])(.*)$`, 'su'),
  },
  { style: 'circled', pattern: new RegExp(`^${SPACE}([①-⑳㉑-㉟㊱-㊿])(.*)$`, 'su') },
  { style: 'paren-arabic', pattern: new RegExp(`^${SPACE}([⑴-⒇])(.*)$`, 'su') },
  { style: 'arabic', pattern: new RegExp(`^${SPACE}([⒈-⒛])(.*)$`, 'su') },
];

/** The number of a one-character label: ① ㉑ ㊱ ⑴ ⒈. */
function singleCharNumber(char: string): number {
  const code = char.codePointAt(0)!;
  const ranges: readonly [first: number, last: number, value: number][] = [
    [0x2460, 0x2473, 1], // ①–⑳
    [0x3251, 0x325f, 21], // ㉑–㉟
    [0x32b1, 0x32bf, 36], // ㊱–㊿
    [0x2474, 0x2487, 1], // ⑴–⒇
    [0x2488, 0x249b, 1], // ⒈–⒛
  ];
  const range = ranges.find(([first, last]) => code >= first && code <= last)!;
  return code - range[0] + range[2];
}

function numeralValue(numeral: string): number | null {
  const halfWidth = numeral.replace(/[０-９]/g, (char) => String(char.charCodeAt(0) - 0xff10));
  return /^[0-9]+$/.test(halfWidth) ? Number(halfWidth) : chineseNumber(numeral);
}

/** The numbering a line starts with, or null for an unnumbered line. */
export function readNumberedLine(line: string): NumberedLine | null {
  for (const { style, pattern } of PATTERNS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const single = match.length === 3;
    const number = single ? singleCharNumber(match[1]!) : numeralValue(match[2]!);
    if (number === null) continue;
    return { style, label: match[1]!.trim(), number, rest: match[single ? 2 : 3]! };
  }
  return null;
}

export function isStructural(style: Style): boolean {
  return STRUCTURAL_STYLES.has(style);
}

const HEADING_MAX = 40;
const SENTENCE_PUNCTUATION = /[。，,；;：:！!？?]/;

/** A heading printed after a 章/节/条 label, separated by a space from any text that follows. */
function structuralHeading(rest: string): string | null {
  const content = rest.trim();
  const punctuation = content.search(SENTENCE_PUNCTUATION);
  if (punctuation < 0 && content.length <= HEADING_MAX) return content || null;
  // 第一条 合作宗旨 按照…: the heading ends at the last space before the first sentence breaks.
  const beforeText = punctuation < 0 ? content : content.slice(0, punctuation);
  const space = /^(.*\S)[\s\u3000]+\S/su.exec(beforeText);
  const heading = space?.[1]?.trim() ?? '';
  return heading && heading.length <= HEADING_MAX ? heading : null;
}

/** 指导思想。全面贯彻… → 指导思想; 总体要求 → 总体要求; a long first sentence → null. */
function itemHeading(rest: string): string | null {
  const content = rest.trim();
  const stop = content.indexOf('。');
  if (stop >= 0 && content.slice(stop + 1).trim() !== '') {
    const sentence = content.slice(0, stop).trim();
    return sentence && sentence.length <= HEADING_MAX ? sentence : null;
  }
  // A lead-in (包括：) or list item (平等协商；) keeps its words, not its punctuation.
  const sentence = content.replace(/[。；;，,：:]+$/u, '').trim();
  return sentence && sentence.length <= HEADING_MAX ? sentence : null;
}

export function headingOf(line: NumberedLine): string | null {
  return isStructural(line.style) ? structuralHeading(line.rest) : itemHeading(line.rest);
}

/** 第X编/部分 has no kind of its own in the schema; it is the chapter above chapters. */
export const KIND_OF_STYLE: Readonly<Record<Style, Provision['kind']>> = {
  part: 'chapter',
  chapter: 'chapter',
  section: 'section',
  article: 'article',
  han: 'item',
  'paren-han': 'item',
  arabic: 'item',
  'paren-arabic': 'item',
  circled: 'item',
};

/**
 * A number out of sequence. A list may start at 1 or carry on from the last number of its style
 * anywhere before (articles run on across chapters; 4. may follow 3. under the next （二）).
 * An equal number under the same parent is left to the duplicate-id check.
 */
export function sequenceGap(
  line: NumberedLine,
  sibling: NumberedLine | undefined,
  earlier: NumberedLine | undefined,
): { code: string; message: string } | null {
  if (sibling) {
    if (line.number === sibling.number || line.number === sibling.number + 1) return null;
    return { code: 'numbering-gap', message: `${line.label} follows ${sibling.label}` };
  }
  if (line.number === 1 || (earlier && line.number === earlier.number + 1)) return null;
  if (earlier && line.number === earlier.number) {
    return {
      code: 'duplicate-number',
      message: `${line.label} repeats the number of the ${earlier.label} before it`,
    };
  }
  const after = earlier ? `follows ${earlier.label}` : 'opens its list';
  return { code: 'numbering-gap', message: `${line.label} ${after}: a number is missing or out of order` };
}
