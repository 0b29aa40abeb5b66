// The build benchmark's figures (also written as JSON with --json) and their Markdown report.
import type { FirstSearch } from './firstSearch.ts';
import type { FolderSize } from './folders.ts';

export interface StepFigure {
  label: string;
  seconds: number;
  /** Peak of the summed resident memory of the step's process tree. */
  peakMiB: number;
  /** Per process name: the peak of the summed resident memory of that name's processes. */
  peakMiBByName: Record<string, number>;
}

export interface Total {
  seconds: number;
  peakMiB: number;
}

export interface BaselineFigures {
  astro: StepFigure;
  index: StepFigure;
  /** Pagefind's own time inside the index step (createIndex to close), ms. */
  indexMs: number | null;
  pagefindPeakMiB: number | null;
  dist: FolderSize;
  /** Astro + Pagefind. */
  site: Total;
  /** The same pipeline + Astro + Pagefind. */
  total: Total;
}

export interface Ratio {
  time: number;
  peakMemory: number | null;
}

export interface BenchFigures {
  docs: number;
  seed: string;
  date: string;
  machine: { cores: number; memoryGiB: number; cpu: string; node: string };
  corpus: StepFigure;
  pipeline: StepFigure;
  /** In-process milliseconds per pipeline stage (the pipeline's --timings). */
  pipelineStages: Record<string, number>;
  release: StepFigure;
  site: StepFigure;
  searchIndex: { documents: number; ms: number; pagefindPeakMiB: number | null } | null;
  /** Pipeline + site: what `npm run build` does. */
  fullBuild: Total;
  /** Pipeline + release cut + site. */
  withRelease: Total;
  data: FolderSize;
  dist: FolderSize;
  pagesPerSecond: number;
  firstSearch: FirstSearch | null;
  baseline: BaselineFigures | null;
  ratios: Record<'site' | 'searchIndex' | 'total', Ratio> | null;
  /** A rebuild with the caches after one seed changed (--incremental). */
  incremental: { seed: string; pipeline: StepFigure; site: StepFigure; total: Total } | null;
  notes: string[];
}

const s = (seconds: number) => seconds.toFixed(1);
const mib = (value: number | null) => (value === null ? '–' : Math.round(value).toLocaleString('en'));
const x = (ratio: number | null) =>
  ratio === null || !Number.isFinite(ratio) ? '–' : `${ratio.toFixed(2)}×`;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const sizeOf = (size: FolderSize) =>
  `${(size.bytes / 2 ** 20).toFixed(1)} MiB in ${size.files.toLocaleString('en')} files`;

export const toMiB = (bytes: number) => bytes / 2 ** 20;

export function pagefindPeak(step: StepFigure): number | null {
  const peaks = Object.entries(step.peakMiBByName).filter(([name]) => name.startsWith('pagefind'));
  return peaks.length === 0 ? null : Math.max(...peaks.map(([, peak]) => peak));
}

function byName(step: StepFigure): string {
  return Object.entries(step.peakMiBByName)
    .filter(([, peak]) => peak >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([name, peak]) => `${name} ${mib(peak)}`)
    .join(', ');
}

export function markdown(f: BenchFigures): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `${f.docs.toLocaleString('en')} documents · seed ${f.seed} · ${f.machine.cores} cores · ${f.machine.memoryGiB} GiB · Node ${f.machine.node} · ${f.date}`,
    '',
  );
  row('stage', 'wall s', 'peak RSS MiB');
  row('---', '---:', '---:');
  row(f.corpus.label, s(f.corpus.seconds), mib(f.corpus.peakMiB));
  row(f.pipeline.label, s(f.pipeline.seconds), mib(f.pipeline.peakMiB));
  for (const [stage, ms] of Object.entries(f.pipelineStages)) row(`↳ ${stage}`, (ms / 1000).toFixed(2), '');
  row(f.site.label, s(f.site.seconds), mib(f.site.peakMiB));
  if (f.searchIndex)
    row(
      '↳ search index',
      (f.searchIndex.ms / 1000).toFixed(2),
      `${mib(f.searchIndex.pagefindPeakMiB)} (Pagefind)`,
    );
  row(
    '**full build** (pipeline + site, as `npm run build`)',
    `**${s(f.fullBuild.seconds)}**`,
    `**${mib(f.fullBuild.peakMiB)}**`,
  );
  row(f.release.label, s(f.release.seconds), mib(f.release.peakMiB));
  row('full build + release cut', s(f.withRelease.seconds), mib(f.withRelease.peakMiB));
  lines.push('');
  lines.push(
    '↳ pipeline stages: time inside the pipeline, summed over documents and worker threads (so they may add up to more than its wall time).',
  );
  if (f.searchIndex)
    lines.push(
      `↳ search index: the search integration's own time for ${f.searchIndex.documents.toLocaleString('en')} documents; memory: Pagefind's native indexer.`,
    );
  lines.push(`Site step peak RSS by process (MiB): ${byName(f.site)}.`);
  lines.push(
    `data/build ${sizeOf(f.data)}; dist ${sizeOf(f.dist)}, ${f.dist.pages.toLocaleString('en')} pages; ${f.pagesPerSecond.toFixed(0)} pages/s (pages ÷ site step).`,
  );
  if (f.firstSearch) {
    const fs = f.firstSearch;
    lines.push(
      `First search, cold, text gzipped (${fs.runs.map((run) => run.q).join(', ')}): transferred median ${kb(fs.medianBytes)} KB, max ${kb(fs.maxBytes)} KB; first result shown after median ${fs.medianFirstMs} ms, every result of the first page after median ${fs.medianShownMs} ms, max ${fs.maxShownMs} ms.`,
    );
  }
  if (f.baseline && f.ratios) {
    const b = f.baseline;
    lines.push(
      '',
      'Baseline: one data-driven Astro route over the same records, one Pagefind index (defaults).',
      '',
    );
    row('baseline step', 'wall s', 'peak RSS MiB');
    row('---', '---:', '---:');
    row(b.astro.label, s(b.astro.seconds), mib(b.astro.peakMiB));
    row(b.index.label, s(b.index.seconds), mib(b.index.peakMiB));
    if (b.indexMs !== null)
      row('↳ indexing', (b.indexMs / 1000).toFixed(2), `${mib(b.pagefindPeakMiB)} (Pagefind)`);
    row('**baseline site** (Astro + Pagefind)', `**${s(b.site.seconds)}**`, `**${mib(b.site.peakMiB)}**`);
    row('baseline total (pipeline + Astro + Pagefind)', s(b.total.seconds), mib(b.total.peakMiB));
    lines.push('', `Baseline dist ${sizeOf(b.dist)}, ${b.dist.pages.toLocaleString('en')} pages.`, '');
    row('ours ÷ baseline', 'time', 'peak RSS');
    row('---', '---:', '---:');
    row('site step (site ÷ Astro + Pagefind)', x(f.ratios.site.time), x(f.ratios.site.peakMemory));
    row(
      'search index (Pagefind inside each)',
      x(f.ratios.searchIndex.time),
      x(f.ratios.searchIndex.peakMemory),
    );
    row(
      'total (full build ÷ pipeline + Astro + Pagefind)',
      x(f.ratios.total.time),
      x(f.ratios.total.peakMemory),
    );
  }
  if (f.incremental) {
    const inc = f.incremental;
    lines.push('', `Rebuild with the caches after one seed changed (${inc.seed}):`, '');
    row('step', 'wall s', 'peak RSS MiB');
    row('---', '---:', '---:');
    row(inc.pipeline.label, s(inc.pipeline.seconds), mib(inc.pipeline.peakMiB));
    row(inc.site.label, s(inc.site.seconds), mib(inc.site.peakMiB));
    row(
      `**rebuild** (${((100 * inc.total.seconds) / f.fullBuild.seconds).toFixed(0)}% of the full build)`,
      `**${s(inc.total.seconds)}**`,
      `**${mib(inc.total.peakMiB)}**`,
    );
  }
  if (f.notes.length > 0) lines.push('', ...f.notes.map((note) => `Note: ${note}`));
  return lines.join('\n');
}
