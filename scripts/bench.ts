// npm run bench -- --docs N [--seed S] [--keep]
// Builds N generated documents end to end in a temporary folder, one stage per process, and prints
// each stage's wall time and peak RSS, output sizes and pages per second. Figures, not a test.
import { mkdtemp, rm, readdir, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

interface StageFigure {
  stage: string;
  seconds: number;
  peakMiB: number;
}

const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs one stage under GNU time, which reports the process tree's peak resident memory. */
function measure(stage: string, command: string[], env: Record<string, string> = {}): StageFigure {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', ...command], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stderr.split('\n').find((candidate) => candidate.startsWith('BENCH '));
  if (result.status !== 0 || !line) {
    throw new Error(`${stage} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const [, seconds, kib] = line.split(' ');
  return { stage, seconds: Number(seconds), peakMiB: Number(kib) / 1024 };
}

async function folderSize(path: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { bytes, files };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '100' },
      seed: { type: 'string', default: '2016' },
      keep: { type: 'boolean', default: false },
    },
  });
  const docs = Number(values.docs);
  const work = await mkdtemp(join(tmpdir(), `bench-${docs}-`));
  const seeds = join(work, 'seeds');
  const build = join(work, 'build');
  const dist = join(work, 'dist');
  const node = process.execPath;
  try {
    const figures = [
      measure('corpus (not part of a build)', [
        node,
        TSX,
        'scripts/corpus/generateCorpus.ts',
        '--docs',
        String(docs),
        '--seed',
        values.seed,
        '--out',
        seeds,
      ]),
      measure('pipeline (ingest → emit)', [node, TSX, 'pipeline/cli.ts', '--seeds', seeds, '--out', build]),
      measure('release', [
        node,
        TSX,
        'pipeline/release/cli.ts',
        '0.0.1',
        '--date',
        '2026-01-01',
        '--seeds',
        seeds,
        '--releases',
        join(work, 'releases'),
        '--changelog',
        join(work, 'CHANGELOG.md'),
      ]),
      measure('site (pages + Astro + search index)', ['npm', 'run', 'site'], {
        SITE_DATA: build,
        SITE_OUT: dist,
        SITE_PAGES: join(work, 'pages'),
        SITE_CACHE: join(work, 'astro-cache'),
        SITE_RELEASES: join(work, 'releases'),
      }),
    ];
    const site = await folderSize(dist);
    const data = await folderSize(build);
    const pages = (await readdir(dist, { recursive: true })).filter((name) =>
      String(name).endsWith('.html'),
    ).length;
    const built = figures.slice(1);
    const total = built.reduce((sum, figure) => sum + figure.seconds, 0);
    console.log(
      `\n${docs} documents · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`,
    );
    console.log('| stage | wall s | peak RSS MiB |\n| --- | ---: | ---: |');
    for (const figure of figures)
      console.log(`| ${figure.stage} | ${figure.seconds.toFixed(1)} | ${figure.peakMiB.toFixed(0)} |`);
    console.log(
      `| **full build** | **${total.toFixed(1)}** | **${Math.max(...built.map((f) => f.peakMiB)).toFixed(0)}** |`,
    );
    console.log(
      `\ndata/build: ${(data.bytes / 2 ** 20).toFixed(1)} MiB in ${data.files} files; dist: ${(site.bytes / 2 ** 20).toFixed(1)} MiB in ${site.files} files, ${pages} pages; ${(pages / built[2]!.seconds).toFixed(0)} pages/s`,
    );
  } finally {
    if (values.keep) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main();
