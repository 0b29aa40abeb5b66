// The emit stage with a previous output: a document whose seed and references are unchanged is
// kept (its files as they are, its rows copied from the same tables), and what the build then
// writes is, byte for byte, what a build from nothing writes.
import { describe, it, expect } from 'vitest';
import { buildArchive, type BuildResult, type SeedInput } from '../pipeline/buildArchive.ts';
import { readSchemas } from '../pipeline/cli.ts';
import { keptDocuments, MANIFEST_FILE, type DocumentDigest } from '../pipeline/outputManifest.ts';
import { spliceBytes } from '../pipeline/recordsToFiles.ts';
import { gazetteer } from './support/gazetteer.ts';
import { SEED_FILES, cleanConfig, seedBytes, seedPath } from './support/seeds.ts';

const schemas = await readSchemas();
const seeds: SeedInput[] = SEED_FILES.map((name) => ({
  path: seedPath(name.slice(0, 3)),
  bytes: seedBytes(name.slice(0, 3)),
}));

function build(input: readonly SeedInput[], previous?: ReadonlyMap<string, DocumentDigest>): BuildResult {
  const cache = { fingerprint: 'code', entries: new Map(), ...(previous ? { previous } : {}) };
  return buildArchive({ seeds: input, overrides: cleanConfig.overrides, schemas, gazetteer, cache });
}

/** The output folder a build leaves, as the writer makes it over the previous output's files. */
function written(
  result: BuildResult,
  before: ReadonlyMap<string, Uint8Array> = new Map(),
): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [path, text] of result.files) files.set(path, Buffer.from(text));
  for (const path of result.kept) files.set(path, Buffer.from(before.get(path)!));
  for (const [path, pieces] of result.spliced) files.set(path, spliceBytes(before.get(path)!, pieces));
  if (result.manifest !== undefined) files.set(MANIFEST_FILE, Buffer.from(result.manifest()));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

const keptFrom = (output: ReadonlyMap<string, Buffer>) =>
  keptDocuments(output.get(MANIFEST_FILE)?.toString(), (path) => output.get(path)?.byteLength);

describe('a build over a previous output', () => {
  const first = written(build(seeds));

  it('keeps every document when nothing changed, and writes the same bytes', () => {
    const previous = keptFrom(first);
    expect(previous.size).toBe(seeds.length);
    const again = build(seeds, previous);
    expect(again.documents).toEqual([]);
    expect(again.published).toBe(seeds.length);
    expect(again.kept.filter((path) => path.startsWith('documents/'))).toHaveLength(seeds.length);
    expect(again.spliced.size).toBeGreaterThan(0);
    expect(written(again, first)).toEqual(first);
  });

  it('makes only the changed seed again, and writes what a build from nothing writes', () => {
    const changed = seeds.map((seed, index) =>
      index === 1
        ? {
            ...seed,
            bytes: Buffer.from(
              Buffer.from(seed.bytes).toString('utf8').replace('。', '。各方应当加强沟通协调。'),
            ),
          }
        : seed,
    );
    const again = build(changed, keptFrom(first));
    expect(again.documents.map((document) => document.source.file)).toEqual([seeds[1]!.path]);
    const clean = written(build(changed));
    expect(written(again, first)).toEqual(clean);
    expect(clean).not.toEqual(first);
  });

  it('keeps nothing of a seed that is gone, and writes what a build from nothing writes', () => {
    const fewer = seeds.filter((_, index) => index !== 2);
    const again = build(fewer, keptFrom(first));
    expect(again.documents).toEqual([]);
    expect(again.published).toBe(fewer.length);
    const clean = written(build(fewer));
    expect(written(again, first)).toEqual(clean);
    expect([...clean.keys()].filter((path) => !first.has(path))).toEqual([]);
    expect([...first.keys()].filter((path) => !clean.has(path))).toHaveLength(2);
  });

  it('makes a document again when its references change, though its seed did not', () => {
    const previous = keptFrom(first);
    // As if linking had given a document other references when its output was made.
    const [seedKey, digest] = [...previous].find(([, entry]) => entry.cited.length > 0)!;
    const stale = new Map(previous).set(seedKey, { ...digest, outputKey: 'made from other references' });
    const again = build(seeds, stale);
    expect(again.documents.map((document) => document.id)).toEqual([digest.document.id]);
    expect(written(again, first)).toEqual(first);
  });

  it('uses no manifest of another version, and no entry whose files have other sizes', () => {
    const manifest = first.get(MANIFEST_FILE)!.toString();
    const sizeOf = (path: string) => first.get(path)?.byteLength;
    expect(keptDocuments(manifest.replace('"version":1', '"version":0'), sizeOf).size).toBe(0);
    expect(keptDocuments('{"version":1', sizeOf).size).toBe(0);
    expect(keptDocuments(undefined, sizeOf).size).toBe(0);
    // A table of another size: its row places cannot be trusted, so nothing is kept.
    expect(keptDocuments(manifest, (path) => (path === 'provisions.csv' ? 1 : sizeOf(path))).size).toBe(0);
    // A record of another size: that document alone is made again.
    const record = [...first.keys()].find((path) => path.startsWith('documents/'))!;
    const kept = keptDocuments(manifest, (path) => (path === record ? 1 : sizeOf(path)));
    expect(kept.size).toBe(seeds.length - 1);
    expect([...kept.values()].some((digest) => record in digest.files)).toBe(false);
  });
});
