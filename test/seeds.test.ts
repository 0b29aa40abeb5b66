// The seeds are the project's input: byte-identical to the scrapes, pinned by SHA256SUMS.
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SEED_FILES, SEEDS_DIR } from './support/seeds.ts';

describe('seeds', () => {
  const manifest = readFileSync(`${SEEDS_DIR}/SHA256SUMS`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+\*?/u) as [string, string]);

  it('lists every seed in the manifest', () => {
    expect(manifest.map(([, name]) => name).sort()).toEqual(SEED_FILES);
    expect(SEED_FILES).toHaveLength(5);
  });

  it.each(SEED_FILES)('%s matches its SHA-256', (name) => {
    const digest = createHash('sha256')
      .update(readFileSync(`${SEEDS_DIR}/${name}`))
      .digest('hex');
    expect(manifest.find(([, file]) => file === name)?.[0]).toBe(digest);
  });
});
