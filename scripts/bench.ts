// npm run bench -- --docs N [--seed S] [--compare] [--incremental] [--no-search-payload] [--json FILE] [--keep] [--verbose]
// Builds N generated documents end to end in a temporary folder, one step per process, and prints
// each step's wall time and the peak resident memory of its whole process tree (sampled from /proc,
// so Pagefind's native indexer counts), the pipeline's stages and the search index inside them,
// output sizes, pages per second and what a reader's first search transfers. --compare also builds
// the minimal baseline (one data-driven Astro route over the same records, one Pagefind index) in
// the same run and prints our/baseline ratios; --incremental then changes one seed and rebuilds in
// place with the caches. Figures, not a test.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runMeasured } from './bench/processTree.ts';
import { backgroundDone } from '../pipeline/outputFolder.ts';
import { folderSize } from './bench/folders.ts';
import { readTimings, searchIndexLine } from './bench/stageDetails.ts';
import { firstSearch, pickQueries } from './bench/firstSearch.ts';
import { ASTRO, writeBaseline } from './bench/baseline.ts';
import {
  markdown,
  pagefindPeak,
  toMiB,
  type BaselineFigures,
  type BenchFigures,
  type Ratio,
  type StepFigure,
  type Total,
} from './bench/report.ts';

const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');
const NODE = process.execPath;
const QUERIES = 'scripts/searchQueries.json';

interface Step {
  figure: StepFigure;
  output: string;
}

let verbose = false;

/** Runs one step as its own process tree, measured; a failed step stops the benchmark. */
async function measure(
  label: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; allowFailure?: boolean } = {},
): Promise<Step & { ok: boolean }> {
  console.error(`${label} …`);
  const run = await runMeasured(command, args, {
    env: { ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    echo: verbose,
  });
  const ok = run.exitCode === 0;
  if (!ok && !options.allowFailure)
    throw new Error(
      `${label} failed (exit ${run.exitCode ?? run.signal}):\n${run.output.slice(-3000)}\n(command: ${command} ${args.join(' ')})`,
    );
  if (ok) console.error(`  ${run.seconds.toFixed(1)} s, ${toMiB(run.peakBytes).toFixed(0)} MiB`);
  const peakMiBByName = Object.fromEntries(
    Object.entries(run.peakByName).map(([name, bytes]) => [name, toMiB(bytes)]),
  );
  return {
    ok,
    output: run.output,
    figure: { label, seconds: run.seconds, peakMiB: toMiB(run.peakBytes), peakMiBByName },
  };
}

/**
 * The pipeline with per-stage timings and a seed cache of its own (a cold build: nothing taken from
 * or left in the project's cache).
 */
async function pipeline(
  seeds: string,
  build: string,
  work: string,
  label = 'pipeline (ingest → emit)',
): Promise<{ step: Step; stages: Record<string, number> }> {
  const timings = join(work, 'pipeline-timings.json');
  const args = [
    '--seeds',
    seeds,
    '--out',
    build,
    '--timings',
    timings,
    '--cache',
    join(work, 'pipeline-cache'),
  ];
  // Through npm, as `npm run build` runs it (with the settings of its script).
  const step = await measure(label, 'npm', ['run', '--silent', 'pipeline', '--', ...args]);
  return { step, stages: await readTimings(timings) };
}

/** Adds a sentence after the first full stop of the first seed saved as UTF-8; returns its name. */
async function changeOneSeed(seeds: string): Promise<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const name of (await readdir(seeds)).sort()) {
    let text: string;
    try {
      text = utf8.decode(await readFile(join(seeds, name)));
    } catch {
      continue;
    }
    if (!text.includes('。')) continue;
    await writeFile(join(seeds, name), text.replace('。', '。各方应当加强沟通协调。'));
    return name;
  }
  throw new Error(`no seed in ${seeds} is UTF-8 text with a full stop to change`);
}

const total = (...steps: StepFigure[]): Total => ({
  seconds: steps.reduce((sum, step) => sum + step.seconds, 0),
  peakMiB: Math.max(...steps.map((step) => step.peakMiB)),
});

async function baseline(
  work: string,
  build: string,
  pipelineFigure: StepFigure,
  notes: string[],
): Promise<BaselineFigures> {
  const root = join(work, 'baseline');
  const { dist } = await writeBaseline(root, build);
  const astro = await measure('Astro (one data-driven route)', NODE, [ASTRO, 'build', '--root', root], {
    cwd: root,
  });
  const index = await measure('Pagefind (one index, default settings)', NODE, [
    TSX,
    'scripts/bench/baselineIndex.ts',
    dist,
  ]);
  const line = /baseline search: (\d+) pages indexed in (\d+) ms/.exec(index.output);
  if (!line) notes.push('the baseline index step printed no indexing time; its ratio uses the step.');
  return {
    astro: astro.figure,
    index: index.figure,
    indexMs: line ? Number(line[2]) : null,
    pagefindPeakMiB: pagefindPeak(index.figure),
    dist: await folderSize(dist),
    site: total(astro.figure, index.figure),
    total: total(pipelineFigure, astro.figure, index.figure),
  };
}

const ratio = (ours: number | null, theirs: number | null) =>
  ours === null || theirs === null || theirs === 0 ? NaN : ours / theirs;

async function main(): Promise<void> {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      docs: { type: 'string', default: '100' },
      seed: { type: 'string', default: '2016' },
      keep: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      'search-payload': { type: 'boolean', default: true },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  verbose = values.verbose;
  const docs = Number(values.docs);
  if (!Number.isInteger(docs) || docs < 1) throw new Error(`--docs must be a positive whole number`);
  const work = await mkdtemp(join(tmpdir(), `bench-${docs}-`));
  const seeds = join(work, 'seeds');
  const build = join(work, 'build');
  const dist = join(work, 'dist');
  const releases = join(work, 'releases');
  const notes: string[] = [];
  try {
    const corpus = await measure('corpus (not part of a build)', NODE, [
      TSX,
      'scripts/corpus/generateCorpus.ts',
      '--docs',
      String(docs),
      '--seed',
      values.seed,
      '--out',
      seeds,
    ]);
    const piped = await pipeline(seeds, build, work);
    const release = await measure('release cut (`npm run release`; not in `npm run build`)', 'npm', [
      'run',
      '--silent',
      'release',
      '--',
      '0.0.1',
      '--date',
      '2026-01-01',
      '--seeds',
      seeds,
      '--releases',
      releases,
      '--changelog',
      join(work, 'CHANGELOG.md'),
    ]);
    const siteStep = (label: string, data: string, out: string) =>
      measure(label, 'npm', ['run', 'site'], {
        env: {
          SITE_DATA: data,
          SITE_OUT: out,
          SITE_CACHE: join(work, 'astro-cache'),
          SITE_RELEASES: releases,
        },
      });
    const site = await siteStep('site (pages + Astro + search index)', build, dist);
    const searchLine = searchIndexLine(site.output);
    if (!searchLine) notes.push('the site build printed no search-index line; no search index row.');
    // A first build leaves a spare of the site made in the background (outputFolder.ts), which the
    // next build starts from; what follows is measured without it.
    const spareStarted = Date.now();
    await backgroundDone(dist, 600_000);
    notes.push(
      `the site's spare, linked in the background after the full build: ${((Date.now() - spareStarted) / 1000).toFixed(1)} s`,
    );

    let first: BenchFigures['firstSearch'] = null;
    if (values['search-payload']) {
      console.error('first search …');
      first = await firstSearch(dist, await pickQueries(QUERIES));
    }

    const distSize = await folderSize(dist);
    let incremental: BenchFigures['incremental'] = null;
    if (values.incremental) {
      // Into the same folders, as a rebuild does: each output is swapped for the previous one.
      await Promise.all([backgroundDone(build), backgroundDone(dist)]);
      const seed = await changeOneSeed(seeds);
      const again = await pipeline(seeds, build, work, 'pipeline, with its cache');
      const siteAgain = await siteStep('site, with its cache', build, dist);
      // The previous outputs are removed in the background; the next step is measured without it.
      await Promise.all([backgroundDone(build), backgroundDone(dist)]);
      incremental = {
        seed,
        pipeline: again.step.figure,
        site: siteAgain.figure,
        total: total(again.step.figure, siteAgain.figure),
      };
    }

    const fullBuild = total(piped.step.figure, site.figure);
    const figures: BenchFigures = {
      docs,
      seed: values.seed,
      date: new Date().toISOString().slice(0, 10),
      machine: {
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
      },
      corpus: corpus.figure,
      pipeline: piped.step.figure,
      pipelineStages: piped.stages,
      release: release.figure,
      site: site.figure,
      searchIndex: searchLine ? { ...searchLine, pagefindPeakMiB: pagefindPeak(site.figure) } : null,
      fullBuild,
      withRelease: total(piped.step.figure, release.figure, site.figure),
      data: await folderSize(build),
      dist: distSize,
      pagesPerSecond: distSize.pages / site.figure.seconds,
      firstSearch: first,
      baseline: null,
      ratios: null,
      incremental,
      notes,
    };

    if (values.compare) {
      const b = await baseline(work, build, piped.step.figure, notes);
      const ours = figures.searchIndex;
      const ratios: Record<'site' | 'searchIndex' | 'total', Ratio> = {
        site: {
          time: ratio(site.figure.seconds, b.site.seconds),
          peakMemory: ratio(site.figure.peakMiB, b.site.peakMiB),
        },
        searchIndex: {
          time: ratio(ours ? ours.ms : null, b.indexMs ?? b.index.seconds * 1000),
          peakMemory: ratio(ours ? ours.pagefindPeakMiB : null, b.pagefindPeakMiB),
        },
        total: {
          time: ratio(fullBuild.seconds, b.total.seconds),
          peakMemory: ratio(fullBuild.peakMiB, b.total.peakMiB),
        },
      };
      figures.baseline = b;
      figures.ratios = ratios;
    }

    console.log(`\n${markdown(figures)}`);
    if (values.json) await writeFile(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    if (values.keep) console.error(`kept ${work}`);
    // A step that failed may leave a child still writing into the folder: never let removing it
    // hide the step's own error.
    else
      await rm(work, { recursive: true, force: true, maxRetries: 5 }).catch((error: unknown) =>
        console.error(`could not remove ${work}: ${String(error)}`),
      );
  }
}

await main();
