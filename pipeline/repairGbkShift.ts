// Repair: runs of GBK text that a site decoded one byte off, e.g. `?;浉郯拇鬄硡^` for `。粵港澳大灣區`.
//
// How such a run arises: the decoder re-reads the last byte of the character before the run, so
// every following pair of bytes straddles two real characters. The first straddling character
// comes out as `?` (sometimes with the site's inserted reading after it: `?qū)` for 驅 = the
// previous character's last byte + the lost byte). Full-width punctuation inside the run was
// later folded to ASCII (`；` → `;`). The run ends where a real character's trail byte is ASCII
// (`區` = 85 5E shows as `^`), or at `?` + reading when the last real character carried an
// inserted reading (whose `(` was swallowed).
//
// The repair re-encodes the run as GB18030, restores the high bit of folded punctuation,
// realigns by one byte and decodes. It is accepted only when the result is plausible Chinese;
// a character whose bytes are lost becomes the geta mark 〓 and is listed for review.
import { plausibility, isHan } from './commonChars.ts';
import { readingsOf } from './removePinyin.ts';
import type { Edit } from './textEdits.ts';
import { decodePair, twoByteCode } from './gbkBytes.ts';

export const GETA = '〓';

export interface GbkShiftConfig {
  /** Longest run considered, in characters. */
  maxRunLength: number;
  /** A repair is accepted only at or above this plausibility. */
  minPlausibility: number;
}

export const DEFAULT_GBK_SHIFT_CONFIG: GbkShiftConfig = { maxRunLength: 80, minPlausibility: 0.85 };

const READING = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+ ?\)/u;
const PRIVATE_USE = /[\ue000-\uf8ff]/u;

/** Bytes a run character stood for, if it continues the run (ASCII punctuation was full-width). */
function continuingBytes(char: string): [number, number] | undefined {
  const code = char.charCodeAt(0);
  if (char.length === 1 && code > 0x20 && code < 0x7f) return [0xa3, code | 0x80];
  return twoByteCode(char);
}

/** Trail bytes that, after `lead`, make a character with this reading. */
function trailsForReading(lead: number, reading: string): number[] {
  const found: number[] = [];
  for (let trail = 0x40; trail <= 0xfe; trail++) {
    const char = decodePair(lead, trail);
    if (char && readingsOf(char).has(reading)) found.push(trail);
  }
  return found;
}

interface RunRepair {
  end: number;
  replacement: string;
  score: number;
  lost: number;
}

function decodeAligned(bytes: (number | undefined)[]): { text: string; lost: number } | undefined {
  let text = '';
  let lost = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    const lead = bytes[i];
    const trail = bytes[i + 1];
    if (lead === undefined || trail === undefined) {
      text += GETA;
      lost++;
      continue;
    }
    const char = decodePair(lead, trail);
    if (!char) return undefined;
    text += char;
  }
  return { text, lost };
}

function readingAt(text: string, index: number): { reading: string; length: number } | undefined {
  const match = READING.exec(text.slice(index));
  return match ? { reading: match[0].replace(/ ?\)$/u, ''), length: match[0].length } : undefined;
}

/** Tries every place the run could end and every byte a reading allows; keeps the most plausible. */
function repairRunAt(text: string, start: number, config: GbkShiftConfig): RunRepair | undefined {
  const previous = twoByteCode(text[start - 1] ?? '');
  if (!previous) return undefined;
  // The first `?` is the previous character's last byte plus one lost byte; a reading after it
  // tells which character that was, and so the lost byte.
  const firstReading = readingAt(text, start + 1);
  const bodyStart = start + 1 + (firstReading?.length ?? 0);
  const firstBytes: (number | undefined)[] = firstReading
    ? trailsForReading(previous[1], firstReading.reading)
    : [];
  if (firstBytes.length === 0) firstBytes.push(undefined);
  let best: RunRepair | undefined;
  const consider = (bytes: (number | undefined)[], end: number) => {
    const decoded = decodeAligned(bytes);
    if (!decoded) return;
    const known = decoded.text.replaceAll(GETA, '');
    if (known.length === 0) return;
    const score = plausibility(known);
    if (!best || score > best.score) best = { end, replacement: decoded.text, score, lost: decoded.lost };
  };
  const limit = Math.min(text.length, start + config.maxRunLength);
  for (const firstByte of firstBytes) {
    const bytes: (number | undefined)[] = [firstByte];
    for (let cursor = bodyStart; cursor < limit; cursor++) {
      const char = text[cursor]!;
      const code = char.charCodeAt(0);
      const unpairedLead = bytes.length % 2 === 1 ? bytes[bytes.length - 1] : undefined;
      if (char === '?' && unpairedLead !== undefined) {
        // `?` + reading ends the run: the next real character's trail byte went with the `(` of
        // the reading the site inserted after it. The reading goes with the repair.
        const after = readingAt(text, cursor + 1);
        if (after) {
          for (const trail of trailsForReading(unpairedLead, after.reading)) {
            consider([...bytes, trail], cursor + 1 + after.length);
          }
        }
      } else if (code > 0x20 && code < 0x7f && bytes.length % 2 === 1) {
        // An ASCII byte in lead position resynchronises the decoder: it may be the run's last byte.
        consider([...bytes, code], cursor + 1);
      }
      const next = continuingBytes(char);
      if (!next) break;
      bytes.push(...next);
    }
  }
  return best;
}

function unreadable(start: number, end: number, original: string, rule: string): Edit {
  return {
    start,
    end,
    replacement: GETA,
    kind: 'gbk-shift',
    rule,
    confidence: 0.5,
    note: `unreadable ${JSON.stringify(original)}: listed for review`,
  };
}

export function repairGbkShift(text: string, config: GbkShiftConfig = DEFAULT_GBK_SHIFT_CONFIG): Edit[] {
  const edits: Edit[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const startsRun = char === '?' && index > 0 && isHan(text[index - 1]!);
    if (startsRun) {
      const run = repairRunAt(text, index, config);
      const original = run ? text.slice(index, run.end) : '';
      if (run && run.score >= config.minPlausibility && run.score > plausibility(original)) {
        edits.push({
          start: index,
          end: run.end,
          replacement: run.replacement,
          kind: 'gbk-shift',
          rule: 'realign-one-byte',
          confidence: Number((run.score * (run.lost ? 0.9 : 1)).toFixed(2)),
          ...(run.lost ? { note: `${run.lost} character(s) lost in the scrape: listed for review` } : {}),
        });
        index = run.end;
        continue;
      }
      // A `?` between Chinese characters that no realignment explains is a lost character.
      if (isHan(text[index + 1] ?? '') || PRIVATE_USE.test(text[index + 1] ?? '')) {
        edits.push(unreadable(index, index + 1, char, 'unreadable-question-mark'));
      }
    } else if (PRIVATE_USE.test(char)) {
      edits.push(unreadable(index, index + 1, char, 'private-use-character'));
    }
    index++;
  }
  return edits;
}
