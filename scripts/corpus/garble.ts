// Simulates a scrape that decoded GBK one byte off, as seen in the wild, to test the repair on
// text it was never tuned on.
import { decodePair, twoByteCode } from '../../pipeline/gbkBytes.ts';

/**
 * Garbles text[start..end) the way the scraper did: the decoder re-reads the last byte of
 * text[start-1], so the first straddling character becomes `?`, full-width punctuation is folded to
 * ASCII, and the run ends on the ASCII trail byte of text[end-1]. Returns undefined when the span
 * cannot be garbled that way (the last character's trail byte must be ASCII, every pair valid).
 */
export function garble(text: string, start: number, end: number): string | undefined {
  const chars = [...text];
  const bytes: number[] = [];
  for (const char of chars.slice(start, end)) {
    const code = twoByteCode(char);
    if (!code) return undefined;
    bytes.push(...code);
  }
  if (start < 1 || !twoByteCode(chars[start - 1]!)) return undefined;
  const lastTrail = bytes.at(-1)!;
  if (lastTrail >= 0x80) return undefined;
  let run = '?';
  for (let i = 1; i < bytes.length - 1; i += 2) {
    const char = decodePair(bytes[i]!, bytes[i + 1]!);
    if (!char) return undefined;
    const code = char.charCodeAt(0);
    run += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : char;
  }
  run += String.fromCharCode(lastTrail);
  return chars.slice(0, start).join('') + run + chars.slice(end).join('');
}
