// Repair: some sites insert the tone-marked reading after characters they consider rare,
// e.g. `區(qū)域`. A parenthesis is removed only when its content is a reading of the character
// before it, so genuine parentheses such as `(CEPA)` or `(以下简称…)` stay.
import { pinyin } from 'pinyin-pro';
import type { Edit } from './textEdits.ts';

const TONE_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ';
const ANNOTATION = new RegExp(`(\\p{Script=Han})\\(( *[${TONE_LETTERS}]+ *)\\)`, 'gu');

const readingsCache = new Map<string, Set<string>>();

export function readingsOf(char: string): Set<string> {
  let readings = readingsCache.get(char);
  if (!readings) {
    readings = new Set(pinyin(char, { multiple: true, type: 'array' }).map((r) => r.normalize('NFC')));
    readingsCache.set(char, readings);
  }
  return readings;
}

export function removePinyin(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(ANNOTATION)) {
    const [whole, char, reading] = match as unknown as [string, string, string];
    if (!readingsOf(char).has(reading.trim().normalize('NFC'))) continue;
    const start = match.index + char.length;
    edits.push({
      start,
      end: match.index + whole.length,
      replacement: '',
      kind: 'pinyin',
      rule: 'reading-of-preceding-character',
      confidence: 0.99,
    });
  }
  return edits;
}
