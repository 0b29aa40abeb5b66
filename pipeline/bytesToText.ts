// Ingest: bytes of a seed file to text, recording which encoding was detected and why.
// Never a silent guess: a file that no supported encoding reads cleanly is an InputError.
import { InputError } from './inputError.ts';
import { plausibility } from './commonChars.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /** How the encoding was chosen, for the provenance record. */
  evidence: string;
}

const BOMS: { bytes: number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Below this plausibility a legacy-encoding decode is not trusted. */
const MIN_LEGACY_PLAUSIBILITY = 0.6;

function strictDecode(bytes: Uint8Array, encoding: Encoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * UTF-16 without a BOM: ASCII characters (newlines, digits, punctuation) put NUL bytes at one
 * parity only. The decode must then also read as plausible Chinese.
 */
function utf16WithoutBom(bytes: Uint8Array): { encoding: Encoding; text: string } | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const total = evenZeros + oddZeros;
  if (total === 0) return undefined;
  const encoding: Encoding | undefined =
    oddZeros / total > 0.8 ? 'utf-16le' : evenZeros / total > 0.8 ? 'utf-16be' : undefined;
  if (!encoding) return undefined;
  const text = strictDecode(bytes, encoding);
  return text !== undefined && plausibility(text) >= MIN_LEGACY_PLAUSIBILITY ? { encoding, text } : undefined;
}

function firstLineWith(text: string, pattern: RegExp): number {
  const index = text.search(pattern);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

function checkText(file: string, text: string): void {
  if (text.trim() === '') {
    throw new InputError(
      file,
      undefined,
      'the file holds only whitespace',
      'Remove it from the seeds folder or replace it with the scraped page',
    );
  }
  // NUL and other C0 controls (except tab, LF, CR, form feed) do not occur in text files.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0000-\u0008\u000b\u000e-\u001f]/u;
  const found = control.exec(text);
  if (found) {
    const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(
      file,
      firstLineWith(text, control),
      `binary content (control character ${code}${code === 'U+0000' ? ', NUL' : ''}) where text was expected`,
      'The file is not a text scrape; save the page as text',
    );
  }
}

export function bytesToText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) {
    throw new InputError(file, undefined, 'the file is empty', 'Remove it or save the scraped page again');
  }
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => bytes[i] === byte)) {
      const text = strictDecode(bytes.subarray(bom.bytes.length), bom.encoding);
      if (text === undefined) {
        throw new InputError(
          file,
          undefined,
          `the file starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}`,
          'Save it again as UTF-8',
        );
      }
      checkText(file, text);
      return { text, encoding: bom.encoding, bom: true, evidence: `${bom.encoding} byte-order mark` };
    }
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    checkText(file, utf16.text);
    return {
      ...utf16,
      bom: false,
      evidence: 'NUL bytes at one parity (UTF-16 without a BOM), plausible Chinese',
    };
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== undefined) {
    checkText(file, utf8);
    return { text: utf8, encoding: 'utf-8', bom: false, evidence: 'valid UTF-8' };
  }
  const candidates = (['gb18030', 'big5'] as const)
    .map((encoding) => ({ encoding, text: strictDecode(bytes, encoding) }))
    .filter((c): c is { encoding: 'gb18030' | 'big5'; text: string } => c.text !== undefined)
    .map((c) => ({ ...c, score: plausibility(c.text) }))
    .sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.score < MIN_LEGACY_PLAUSIBILITY) {
    const tried = candidates.map((c) => `${c.encoding} ${c.score.toFixed(2)}`).join(', ');
    throw new InputError(
      file,
      utf8Line(bytes),
      `not valid UTF-8, and neither GB18030 nor Big5 reads as plausible Chinese${tried ? ` (${tried})` : ''}`,
      'Check the file is a text scrape and save it as UTF-8',
    );
  }
  checkText(file, best.text);
  const others = candidates
    .slice(1)
    .map((c) => `${c.encoding} ${c.score.toFixed(2)}`)
    .join(', ');
  return {
    text: best.text,
    encoding: best.encoding,
    bom: false,
    evidence: `not UTF-8; ${best.encoding} plausibility ${best.score.toFixed(2)}${others ? ` (vs ${others})` : ''}`,
  };
}

/** The line of the first byte that is not valid UTF-8, for error messages. */
function utf8Line(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  return firstLineWith(text, /\uFFFD/u);
}
