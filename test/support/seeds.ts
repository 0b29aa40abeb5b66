// Shared access to the seeds for tests: the real files, run through the real stages.
import { readFileSync, readdirSync } from 'node:fs';
import {
  DEFAULT_CLEAN_CONFIG,
  rawToClean,
  type CleanConfig,
  type CleanDocument,
} from '../../pipeline/rawToClean.ts';
import { parseOverrides } from '../../pipeline/applyOverrides.ts';

export const SEEDS_DIR = 'seeds';

export const SEED_FILES = readdirSync(SEEDS_DIR)
  .filter((name) => /^\d{3}_.*\.txt$/u.test(name))
  .sort();

export function seedPath(prefix: string): string {
  const name = SEED_FILES.find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seed starting with ${prefix}`);
  return `${SEEDS_DIR}/${name}`;
}

export function seedBytes(prefix: string): Uint8Array {
  return readFileSync(seedPath(prefix));
}

export const cleanConfig: CleanConfig = {
  ...DEFAULT_CLEAN_CONFIG,
  overrides: parseOverrides(
    readFileSync(`${SEEDS_DIR}/overrides.json`, 'utf8'),
    `${SEEDS_DIR}/overrides.json`,
  ),
};

export function cleanSeed(prefix: string, bytes = seedBytes(prefix), path = seedPath(prefix)): CleanDocument {
  return rawToClean(bytes, path, cleanConfig);
}
