// A character-frequency model for plausibility checks: GB 2312 level 1 holds the 3,755 most
// frequently used Chinese characters. A traditional character counts as common when its
// simplified form is. The set is derived from the standard through the GB18030 decoder, so
// there is no hand-written table.
import { toSimplified } from './chineseScript.ts';

let level1: Set<string> | undefined;

function level1Set(): Set<string> {
  if (level1) return level1;
  const decoder = new TextDecoder('gb18030');
  const chars = new Set<string>();
  for (let lead = 0xb0; lead <= 0xd7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      if (lead === 0xd7 && trail > 0xf9) break;
      chars.add(decoder.decode(new Uint8Array([lead, trail])));
    }
  }
  level1 = chars;
  return chars;
}

const HAN = /\p{Script=Han}/u;
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff5e\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]/u;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

export function isCommonHan(char: string): boolean {
  const set = level1Set();
  return set.has(char) || set.has(toSimplified(char));
}

/**
 * Plausibility of a short string as Chinese text, from 0 (garbage) to 1 (every character is a
 * common character or ordinary punctuation). Private-use, replacement and `?` characters count
 * as garbage.
 */
export function plausibility(text: string): number {
  let score = 0;
  let count = 0;
  for (const char of text) {
    count++;
    if (isHan(char)) score += isCommonHan(char) ? 1 : 0.15;
    else if (CJK_PUNCTUATION.test(char)) score += 0.9;
    else if (/[\p{L}\p{N}]/u.test(char) && char.charCodeAt(0) < 0x80) score += 0.5;
    else if (/[\s,.;:()"'-]/u.test(char)) score += 0.6;
  }
  return count === 0 ? 0 : score / count;
}
