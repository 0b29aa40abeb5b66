// What the stage commands report about their own insides: the pipeline's per-stage times (the
// file `--timings` writes) and the site build's search-index line.
import { readFile } from 'node:fs/promises';
import { STAGES, type StageName } from '../../pipeline/stageClock.ts';

/** Milliseconds per pipeline stage, as the pipeline's `--timings` file holds them. */
export async function readTimings(file: string): Promise<Record<StageName, number>> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    STAGES.map((stage) => {
      const ms = parsed[stage];
      if (typeof ms !== 'number') throw new Error(`${file}: no time for the ${stage} stage`);
      return [stage, ms];
    }),
  ) as Record<StageName, number>;
}

export interface SearchIndexLine {
  documents: number;
  ms: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The search integration's `search: N documents indexed in M ms` line, from the site build's output. */
export function searchIndexLine(output: string): SearchIndexLine | undefined {
  const match = /search: (\d+) documents indexed in (\d+) ms/.exec(output.replace(ANSI, ''));
  return match ? { documents: Number(match[1]), ms: Number(match[2]) } : undefined;
}
