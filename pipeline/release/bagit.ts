// A release folder is a BagIt bag (RFC 8493, version 1.0): the payload under data/, and beside
// it the tag files bagit.txt, bag-info.txt, manifest-sha256.txt (every payload file) and
// tagmanifest-sha256.txt (every other tag file except SHA256SUMS, which in turn lists every file
// in the folder but itself, so that `sha256sum -c SHA256SUMS` alone checks the whole release).
import { comparePaths, sha256 } from './checksums.ts';
import { LazyFiles } from './lazyFiles.ts';

export const PAYLOAD_DIR = 'data';
export const SUMS_FILE = 'SHA256SUMS';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export const encodeManifestPath = (path: string) =>
  path.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');

export const decodeManifestPath = (path: string) =>
  path.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');

export function manifest(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .sort(comparePaths)
    .map((path) => `${sha256(files.get(path)!)}  ${encodeManifestPath(path)}\n`)
    .join('');
}

export function payloadOxum(payload: ReadonlyMap<string, Uint8Array>): string {
  let octets = 0;
  for (const bytes of payload.values()) octets += bytes.byteLength;
  return `${octets}.${payload.size}`;
}

export interface BagInfo {
  date: string;
  version: string;
  sourceOrganization: string;
  externalDescription: string;
  externalIdentifier: string;
}

/** Tag files that describe the payload: bagit.txt, bag-info.txt and manifest-sha256.txt. */
export function bagTagFiles(payload: ReadonlyMap<string, Uint8Array>, info: BagInfo): Map<string, string> {
  // By their paths in the bag, still each read when its turn comes.
  const inBag = new LazyFiles().setAll(payload, `${PAYLOAD_DIR}/`);
  const bagInfo = [
    `Source-Organization: ${info.sourceOrganization}`,
    `External-Description: ${info.externalDescription}`,
    `External-Identifier: ${info.externalIdentifier}`,
    `Bagging-Date: ${info.date}`,
    `Payload-Oxum: ${payloadOxum(payload)}`,
    `Version: ${info.version}`,
  ];
  return new Map([
    ['bagit.txt', BAGIT_TXT],
    ['bag-info.txt', `${bagInfo.join('\n')}\n`],
    ['manifest-sha256.txt', manifest(inBag)],
  ]);
}

/** Parses a manifest into path → SHA-256; throws naming the file and line on garbage. */
export function parseManifest(text: string, source: string): Map<string, string> {
  const entries = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const match = /^([0-9a-f]{64})\s+(.+)$/.exec(line);
    if (!match) throw new Error(`${source}:${index + 1}: not a manifest line: ${JSON.stringify(line)}`);
    entries.set(decodeManifestPath(match[2]!), match[1]!);
  });
  return entries;
}
