// SHA-256 checksums in the format of coreutils' sha256sum (`<hex>  <path>`), checkable with
// `sha256sum -c SHA256SUMS` inside a release folder.
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** One line per file, in the order given (callers sort), LF line ends. */
export function formatChecksums(entries: readonly { path: string; sha256: string }[]): string {
  return entries.map((entry) => `${entry.sha256}  ${entry.path}\n`).join('');
}

export interface ChecksumLine {
  sha256: string;
  path: string;
}

/** Parses sha256sum output (text or binary mode marker); throws naming the line on garbage. */
export function parseChecksums(text: string, source: string): ChecksumLine[] {
  const lines: ChecksumLine[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`${source}:${index + 1}: not a sha256sum line: ${JSON.stringify(line)}`);
    lines.push({ sha256: match[1]!, path: match[2]! });
  });
  return lines;
}

/** Byte order of UTF-8 encoded paths: the same everywhere, unlike locale collation. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
