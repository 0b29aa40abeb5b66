// The seed cache and the worker threads change how much work a build does, never what it writes:
// a rebuild after one seed changes processes that seed alone and writes the bytes a clean build
// writes.
import { describe, it, expect, beforeAll, afterAll, assert } from 'vitest';
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Document } from '../pipeline/generated/model.ts';
import { runPipeline } from '../pipeline/cli.ts';
import { codeFingerprint, seedCacheKey } from '../pipeline/seedCache.ts';
import { stopwatch } from '../pipeline/stageClock.ts';
import { generateCorpus } from '../scripts/corpus/generateCorpus.ts';
import { harvestMaterials, readGazetteer } from '../scripts/corpus/materials.ts';
import { buildSite } from './browser/buildSite.ts';
import { COMPARED_DOCUMENTS, TIMELINE_DOCUMENTS } from '../site/lib/longLists.ts';
import { fileTree } from './support/fileTree.ts';
import { backgroundDone } from '../pipeline/outputFolder.ts';

/** A folder `seeds` in `work` holding `count` generated documents (the corpus generator, `seed`). */
function generatedSeeds(work: string, count: number, seed: number): string {
  const seeds = join(work, 'seeds');
  mkdirSync(seeds);
  const goldens = readdirSync('test/output/records').filter((name) => /^[a-z0-9-]+\.json$/u.test(name));
  const materials = harvestMaterials(
    goldens.map((name) => JSON.parse(readFileSync(`test/output/records/${name}`, 'utf8')) as Document),
    readGazetteer(),
  );
  for (const file of generateCorpus(count, seed, materials))
    writeFileSync(join(seeds, file.name), file.bytes);
  return seeds;
}

describe('incremental pipeline build', () => {
  let work: string;
  let seeds: string;
  const cache = () => join(work, 'cache');
  const build = (name: string, options: { cache?: boolean } = {}) =>
    runPipeline({
      seeds,
      out: join(work, name),
      keepGoing: false,
      cache: options.cache ? cache() : undefined,
    });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'incremental-'));
    // Enough documents for the build to run its worker threads.
    seeds = generatedSeeds(work, 60, 11);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives a clean build’s bytes from a cold cache, a warm cache and after one seed changes', async () => {
    const clean = await build('clean');
    expect(clean.failures).toEqual([]);
    expect(clean.processed).toBe(60);

    const cold = await build('cold', { cache: true });
    expect(cold.processed).toBe(60);
    expect(fileTree(join(work, 'cold'))).toEqual(fileTree(join(work, 'clean')));

    const warm = await build('warm', { cache: true });
    expect(warm.processed).toBe(0);
    expect(fileTree(join(work, 'warm'))).toEqual(fileTree(join(work, 'clean')));

    // One seed changes: a sentence is added after its first full stop (in a seed saved as UTF-8).
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const changed = readdirSync(seeds)
      .sort()
      .find((name) => {
        try {
          return utf8.decode(readFileSync(join(seeds, name))).includes('。');
        } catch {
          return false;
        }
      })!;
    const text = readFileSync(join(seeds, changed), 'utf8');
    writeFileSync(join(seeds, changed), text.replace('。', '。各方应当加强沟通协调。'));
    const incremental = await build('incremental', { cache: true });
    expect(incremental.processed).toBe(1);
    expect((await build('rebuilt')).processed).toBe(60);
    expect(fileTree(join(work, 'incremental'))).toEqual(fileTree(join(work, 'rebuilt')));
    expect(fileTree(join(work, 'incremental'))).not.toEqual(fileTree(join(work, 'clean')));
  });

  it('rebuilding in place keeps what did not change, and makes again what a changed number reaches', async () => {
    const out = join(work, 'in-place');
    await build('in-place', { cache: true });
    const record = (id: string) => join(out, 'documents', `${id}.json`);
    const records = readdirSync(join(out, 'documents')).map(
      (name) => JSON.parse(readFileSync(join(out, 'documents', name), 'utf8')) as Document,
    );
    const byId = new Map(records.map((candidate) => [candidate.id, candidate]));
    const seedText = (document: Document) =>
      readFileSync(join(seeds, basename(document.source.file)), 'utf8');
    // A document citing another whose 发文字号 its seed prints as the record has it.
    const [citing, cited] = records
      .flatMap((candidate) =>
        candidate.references.map(
          (reference) => [candidate, byId.get(reference.target_document_id ?? '')] as const,
        ),
      )
      .find(([, target]) => target?.doc_number_raw && seedText(target).includes(target.doc_number_raw))! as [
      Document,
      Document,
    ];
    const untouched = records.find((candidate) => candidate !== cited && candidate !== citing)!;
    const inode = (id: string) => statSync(record(id)).ino;
    const before = { untouched: inode(untouched.id), citing: inode(citing.id) };
    const seed = join(seeds, basename(cited.source.file));
    const renumbered = cited.doc_number_raw!.replace(
      /(\d+)([号號])/u,
      (_, number, mark) => `${Number(number) + 500}${mark}`,
    );
    writeFileSync(seed, seedText(cited).replaceAll(cited.doc_number_raw!, renumbered));

    const again = await build('in-place', { cache: true });
    expect(again.processed).toBe(1);
    expect(fileTree(out)).toEqual(fileTree((await build('in-place-clean'), join(work, 'in-place-clean'))));
    // The untouched document's record is the previous output's file, linked; the citing document's
    // was made again, since what it cites is no longer a document of the archive.
    expect(inode(untouched.id)).toBe(before.untouched);
    expect(inode(citing.id)).not.toBe(before.citing);
    expect(readFileSync(record(citing.id), 'utf8')).not.toContain(`"target_document_id": "${cited.id}"`);
  });
});

/**
 * An agency named in more tasks than a page holds: its page lists its pages (runs of years), each
 * holds its run's tasks, and together they hold every task naming it (task_agencies.csv).
 */
function checkAgencyYears(dist: string, data: string, perPage: number): void {
  const links = readFileSync(join(data, 'task_agencies.csv'), 'utf8').trim().split('\n').slice(1);
  const tasksOf = (id: string) => links.filter((line) => line.split(',')[1] === id).length;
  const runsOf = (id: string) =>
    readdirSync(join(dist, 'agencies', id), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  const agencies = readdirSync(join(dist, 'agencies'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const split = agencies.filter((id) => runsOf(id).length > 0);
  expect(split.length).toBeGreaterThan(0);
  for (const id of agencies) expect(runsOf(id).length > 0).toBe(tasksOf(id) > perPage);
  for (const id of split) {
    const front = readFileSync(join(dist, 'agencies', id, 'index.html'), 'utf8');
    let rows = 0;
    for (const run of runsOf(id)) {
      expect(run).toMatch(/^(\d{4}(-\d{4})?|undated)(-p\d+)?$/u);
      expect(front).toContain(`href="/agencies/${id}/${run}/"`);
      const html = readFileSync(join(dist, 'agencies', id, run, 'index.html'), 'utf8');
      expect(html).toContain(`href="/agencies/${id}/${run}/" aria-current="page"`);
      const runRows = html.match(/<tr>\s*<td>/gu)?.length ?? 0;
      expect(runRows).toBeLessThanOrEqual(perPage);
      rows += runRows;
    }
    expect(front).not.toContain('<table');
    expect(rows).toBe(tasksOf(id));
  }
}

/** The home page's timeline and a reference's comparison show their newest entries only. */
function checkBoundedLists(dist: string, documents: number): void {
  const home = readFileSync(join(dist, 'index.html'), 'utf8');
  expect(documents).toBeGreaterThan(TIMELINE_DOCUMENTS);
  expect(home.match(/<p class="doc-card-title">/gu)?.length).toBe(TIMELINE_DOCUMENTS);
  expect(home).toContain(`（共 ${documents} 份）`);
  // The newest are dated ones: the archive orders undated documents last, not as the newest.
  expect(home).not.toContain('<h3 class="timeline-year">成文日期不详</h3>');
  const reference = readFileSync(join(dist, 'references', 'guofa-2016-18', 'index.html'), 'utf8');
  const head = reference.slice(reference.indexOf('<table class="compare"'), reference.indexOf('</thead>'));
  // One column for the themes, one per document compared.
  expect(head.match(/<th scope="col">/gu)?.length).toBe(COMPARED_DOCUMENTS + 1);
}

describe('incremental site build', () => {
  let work: string;
  let seeds: string;
  const page = (dist: string, id: string) => join(dist, 'documents', id, 'index.html');

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'incremental-site-'));
    seeds = generatedSeeds(work, 40, 12);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Few tasks and documents to a page, so that the generated agencies' tasks and the lists of
  // documents (the archive's, a region's, a reference's) are split by year (longLists.ts).
  const perPage = 6;
  const env = { SITE_AGENCY_PAGE_TASKS: String(perPage), SITE_PAGE_DOCUMENTS: '8' };

  it('renders only the pages whose inputs changed, and writes a clean build’s bytes', async () => {
    const cache = join(work, 'astro-cache');
    const first = await buildSite({ seeds, cache, env, label: 'incremental-first' });
    checkAgencyYears(first.dist, first.data, perPage);
    checkBoundedLists(first.dist, first.documents);
    const records = readdirSync(join(first.data, 'documents')).map(
      (name) => JSON.parse(readFileSync(join(first.data, 'documents', name), 'utf8')) as Document,
    );
    // A document another one cites: its new title must reach the citing document's page too.
    const citing = records.find((record) =>
      record.references.some((reference) => reference.target_document_id !== null),
    )!;
    const cited = records.find(
      (record) =>
        record.id === citing.references.find((reference) => reference.target_document_id)!.target_document_id,
    )!;
    const untouched = records.find(
      (record) =>
        record !== cited &&
        !record.references.some((reference) => reference.target_document_id === cited.id) &&
        !cited.references.some((reference) => reference.target_document_id === record.id),
    )!;
    const seed = join(seeds, basename(cited.source.file));
    const text = readFileSync(seed, 'utf8');
    expect(text).toContain(cited.title);
    writeFileSync(seed, text.replaceAll(cited.title, `${cited.title}（修订稿）`));

    const again = await buildSite({ seeds, cache, env, label: 'incremental-again' });
    const clean = await buildSite({ seeds, env, label: 'incremental-clean' });
    expect(fileTree(again.dist)).toEqual(fileTree(clean.dist));
    // The untouched document's page came back from the cache (the first build's file, linked);
    // the changed document's page and the page citing it were rendered again.
    expect(statSync(page(again.dist, untouched.id)).ino).toBe(statSync(page(first.dist, untouched.id)).ino);
    expect(statSync(page(again.dist, cited.id)).ino).not.toBe(statSync(page(first.dist, cited.id)).ino);
    expect(readFileSync(page(again.dist, citing.id), 'utf8')).toContain('（修订稿）');
    // So did its CSV extracts; the changed document's were written again.
    const extract = (dist: string, id: string) => join(dist, 'downloads', 'documents', id, 'documents.csv');
    expect(statSync(extract(again.dist, untouched.id)).ino).toBe(
      statSync(extract(first.dist, untouched.id)).ino,
    );
    expect(statSync(extract(again.dist, cited.id)).ino).not.toBe(statSync(extract(first.dist, cited.id)).ino);
    expect(readFileSync(page(first.dist, citing.id), 'utf8')).not.toContain('（修订稿）');
    // Of the pages of runs of years, the one listing the changed document was rendered again; the
    // others came back from the cache.
    const years = (dist: string, run: string) => join(dist, 'documents', 'years', run, 'index.html');
    const runs = readdirSync(join(again.dist, 'documents', 'years'));
    const listing = runs.filter((run) =>
      readFileSync(years(again.dist, run), 'utf8').includes(`href="/documents/${cited.id}/"`),
    );
    expect(listing).toHaveLength(1);
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) {
      const same = statSync(years(again.dist, run)).ino === statSync(years(first.dist, run)).ino;
      expect(same, run).toBe(!listing.includes(run));
    }
  }, 240_000);

  it('rebuilds into the same folder from the site before the last, kept as a spare, with a clean build’s bytes', async () => {
    const own = mkdtempSync(join(work, 'spare-'));
    const ownSeeds = generatedSeeds(own, 24, 31);
    const out = join(own, 'dist');
    const cache = join(own, 'astro-cache');
    const names = readdirSync(ownSeeds).sort();
    const edit = (name: string) => {
      const path = join(ownSeeds, name);
      writeFileSync(path, readFileSync(path, 'utf8').replace('。', '。各方应当加强沟通协调。'));
    };
    await buildSite({ seeds: ownSeeds, cache, env, out, label: 'spare-first' });
    const firstFolder = statSync(out).ino;
    // A first build, which replaces no site, has its spare made in the background, its files linked.
    await backgroundDone(out);
    const home = (folder: string) => statSync(join(folder, 'index.html')).ino;
    expect(home(join(own, '.dist.spare'))).toBe(home(out));
    edit(names[3]!);
    await buildSite({ seeds: ownSeeds, cache, env, out, label: 'spare-second' });
    expect(statSync(join(own, '.dist.spare')).ino).toBe(firstFolder);
    // The third build starts from the first's folder: a document gone, another changed since.
    rmSync(join(ownSeeds, names[5]!));
    edit(names[7]!);
    const third = await buildSite({ seeds: ownSeeds, cache, env, out, label: 'spare-third' });
    expect(statSync(out).ino).toBe(firstFolder);
    const clean = await buildSite({ seeds: ownSeeds, env, label: 'spare-clean' });
    expect(fileTree(third.dist)).toEqual(fileTree(clean.dist));
    await backgroundDone(out);
  }, 240_000);
});

describe('site output', () => {
  it('is swapped into place: a failed build leaves the previous site as it was', async () => {
    const first = await buildSite({ label: 'swap-first' });
    const before = fileTree(first.dist);
    const index = statSync(join(first.dist, 'index.html')).ino;
    // A record the site cannot read: the build stops with an error naming it. (Written as the
    // pipeline writes, a new file: the site's downloads are links to the pipeline's files.)
    const broken = join(first.data, 'documents', readdirSync(join(first.data, 'documents'))[0]!);
    writeFileSync(`${broken}.new`, '{ "id": ');
    renameSync(`${broken}.new`, broken);
    await expect(buildSite({ label: 'swap-failed', data: first.data, out: first.dist })).rejects.toThrow(
      /astro build failed[\s\S]*\.json/u,
    );
    expect(fileTree(first.dist)).toEqual(before);
    expect(statSync(join(first.dist, 'index.html')).ino).toBe(index);
  }, 240_000);
});

describe('seed cache keys', () => {
  const seed = { path: 'seeds/001.txt', bytes: new TextEncoder().encode('粤港澳大湾区') };
  const override = { seed: '001.txt', original: '湾', replacement: '灣', reason: 'test' };
  const key = seedCacheKey(seed, [], 'code-1');

  it('change with the bytes, the path, the code and the seed’s own overrides only', () => {
    expect(seedCacheKey({ ...seed }, [], 'code-1')).toBe(key);
    expect(
      seedCacheKey({ ...seed, bytes: new TextEncoder().encode('粤港澳大湾区 ') }, [], 'code-1'),
    ).not.toBe(key);
    expect(seedCacheKey({ ...seed, path: 'seeds/002.txt' }, [], 'code-1')).not.toBe(key);
    expect(seedCacheKey(seed, [], 'code-2')).not.toBe(key);
    expect(seedCacheKey(seed, [override], 'code-1')).not.toBe(key);
    expect(seedCacheKey(seed, [{ ...override, seed: '002.txt' }], 'code-1')).toBe(key);
  });

  it('fingerprint the code by paths and bytes', () => {
    const bytes = new TextEncoder().encode('export {}');
    const one = codeFingerprint(new Map([['pipeline/a.ts', bytes]]));
    expect(codeFingerprint(new Map([['pipeline/a.ts', bytes]]))).toBe(one);
    expect(codeFingerprint(new Map([['pipeline/b.ts', bytes]]))).not.toBe(one);
    expect(codeFingerprint(new Map([['pipeline/a.ts', new TextEncoder().encode('export {};')]]))).not.toBe(
      one,
    );
  });
});

describe('stage clock', () => {
  it('adds up each stage’s time, its own and other threads’', () => {
    let now = 0;
    const clock = stopwatch(() => now);
    expect(clock.time('parse', () => ((now += 5), 'done'))).toBe('done');
    expect(() => clock.time('emit', () => ((now += 2), assert.fail('stage failed')))).toThrow('stage failed');
    clock.add({ ingest: 1, repair: 0, parse: 3, extract: 0, validate: 0, emit: 0 });
    expect(clock.totals()).toEqual({ ingest: 1, repair: 0, parse: 8, extract: 0, validate: 0, emit: 2 });
  });
});
