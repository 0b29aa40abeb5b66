// A content-addressed cache of each seed's trip through the per-document stages (ingest → extract).
// A seed's key covers everything its result depends on: its bytes and path, the overrides that
// name it, and a fingerprint of the code and configuration (pipeline sources, schemas, gazetteer,
// locked dependency versions). Equal keys mean equal results, so a rebuild that reuses them writes
// the same bytes as a clean one; anything else that changes changes the key.
import { createHash } from 'node:crypto';
import { overridesFor, type Override } from './applyOverrides.ts';
import type { SeedInput } from './buildArchive.ts';

const hash = (parts: readonly (string | Uint8Array)[]): string => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
};

export function seedCacheKey(seed: SeedInput, overrides: readonly Override[], fingerprint: string): string {
  return hash([fingerprint, seed.path, seed.bytes, JSON.stringify(overridesFor(overrides, seed.path))]);
}

/** The fingerprint of the code and configuration, from their files' paths and bytes. */
export function codeFingerprint(files: ReadonlyMap<string, Uint8Array>): string {
  return hash([...files.keys()].sort().flatMap((path) => [path, files.get(path)!]));
}
