// Stable, readable document ids: from the 发文字号 when there is one (粤府〔2017〕8号 → yuefu-2017-8),
// else from the title's words in pinyin. Same input, same id.
import { toSimplified } from './chineseScript.ts';
import { pinyin } from 'pinyin-pro';
import { findDocNumbers, type DocNumber } from './docNumbers.ts';

const LABELLED = /(?:发布|發布)?(?:文号|文號|字号|字號)\s*[:：]\s*$/u;

/** The page's own number: on a line of its own (perhaps with a date) or after a 文号 label. */
export function ownDocNumber(text: string): DocNumber | undefined {
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const found of findDocNumbers(line)) {
      const before = line.slice(0, found.index);
      if (before.trim() === '' || LABELLED.test(before)) {
        return { ...found, index: lineStart + found.index };
      }
    }
    lineStart += line.length + 1;
  }
  return undefined;
}

function romanise(text: string): string {
  return pinyin(toSimplified(text), { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/ü/gu, 'v')
    .replace(/[^a-z0-9]+/gu, '');
}

/** An issuer code with no pinyin at all (rare ideographs, 𠀀) is written as its code points, u20000. */
export function idFromDocNumber(number: DocNumber): string {
  const code =
    romanise(number.prefix) ||
    [...number.prefix].map((char) => `u${char.codePointAt(0)!.toString(16)}`).join('');
  return `${code}-${number.year}-${number.serial}`;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Up to `maxWords` words of the title in pinyin, joined by hyphens. */
export function idFromTitle(title: string, maxWords = 10): string {
  const words = [...segmenter.segment(toSimplified(title))]
    .filter((segment) => segment.isWordLike)
    .map((segment) => romanise(segment.segment))
    .filter((word) => word !== '');
  return words.slice(0, maxWords).join('-') || 'untitled';
}
