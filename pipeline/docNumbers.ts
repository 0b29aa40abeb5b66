// 发文字号 (document numbers): found in any bracket style and script, and written canonically
// with 〔〕 brackets, simplified script and no spaces: 粵府〔2017〕8號 → 粤府〔2017〕8号.
import { toSimplified } from './chineseScript.ts';

export interface DocNumber {
  /** As printed. */
  raw: string;
  canonical: string;
  /** The issuer's code, e.g. 粤府, 川办函, 国发. */
  prefix: string;
  year: number;
  serial: number;
  /** Offset of `raw` in the searched text. */
  index: number;
}

const OPEN = '〔\\[﹝【(（［';
const CLOSE = '〕\\]﹞】)）］';
/** Prefix of Han characters, a year in any bracket pair (even mismatched, as scrapes have), a serial. */
export const DOC_NUMBER = new RegExp(
  `(\\p{Script=Han}{1,10}?)\\s*(?:[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]|(\\d{4})\\s*年)\\s*(?:第\\s*)?(\\d{1,5})\\s*[号號]`,
  'gu',
);

export function canonicalDocNumber(prefix: string, year: number, serial: number): string {
  return `${toSimplified(prefix)}〔${year}〕${serial}号`;
}

export function findDocNumbers(text: string): DocNumber[] {
  // The pattern is costly to try at every character; most lines hold no number at all.
  if (!/\d\s*[号號]/u.test(text)) return [];
  return [...text.matchAll(DOC_NUMBER)].flatMap((match) => {
    const prefix = trimPrefix(match[1]!);
    // 意见〔2016〕18号, 印发〔2016〕18号: once the prose word is cut off, no issuer code is left.
    if (prefix === '') return [];
    const year = Number(match[2] ?? match[3]);
    const serial = Number(match[4]);
    // The issuer code ends the captured prefix (in 粤府见粤府〔…〕 it is the second 粤府).
    const offset = match[1]!.length - prefix.length;
    return [
      {
        raw: match[0].slice(offset),
        canonical: canonicalDocNumber(prefix, year, serial),
        prefix: toSimplified(prefix),
        year,
        serial,
        index: match.index + offset,
      },
    ];
  });
}

/** Words that run into a number in prose (`文号:`, `根据`) are not part of the issuer's code. */
function trimPrefix(prefix: string): string {
  return prefix.replace(/^.*?(?:文号|文號|字号|字號|根据|根據|依据|依據|按照|印发|印發|见|見)/u, '');
}

/** Reads a document number typed in any common form: 粤府[2017]8号, 粵府〔2017〕8號, 粤府2017年8号. */
export function parseDocNumber(input: string): DocNumber | undefined {
  const found = findDocNumbers(input.trim());
  return found.length === 1 && found[0]!.raw.length >= input.trim().length - 1 ? found[0] : undefined;
}
