// What the stage commands report about their own insides: the pipeline's per-stage times (the
// file `--timings` writes) and the site build's search-index line.
import { readFile } from 'node:fs/promises';

/** The pipeline's stages, in the order the `--timings` file lists them. */
export const PIPELINE_STAGES = ['ingest', 'repair', 'parse', 'extract', 'validate', 'emit'] as const;

/** Milliseconds per pipeline stage, or undefined when the file is missing or not of that shape. */
export async function readTimings(file: string): Promise<Record<string, number> | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const timings: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(parsed)) if (typeof ms === 'number') timings[stage] = ms;
  return Object.keys(timings).length > 0 ? timings : undefined;
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

/** The option a command refused (Node's parseArgs: `Unknown option '--x'`), if that is why it failed. */
export function unknownOption(output: string): string | undefined {
  return /Unknown option '(--[\w-]+)'/.exec(output)?.[1];
}
