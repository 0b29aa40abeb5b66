// Where a build's time goes, stage by stage. Stages take a clock and time their own work with it;
// the default clock does nothing, so timing never changes what a stage computes.

/** The pipeline's stages, in the order the data flows through them. */
export const STAGES = ['ingest', 'repair', 'parse', 'extract', 'validate', 'emit'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageClock {
  time<T>(stage: StageName, run: () => T): T;
  /** Adds time measured elsewhere (another thread's stopwatch). */
  add(more: Readonly<Record<StageName, number>>): void;
}

export const NO_CLOCK: StageClock = { time: (_stage, run) => run(), add: () => {} };

/** A clock that adds up the milliseconds spent in each stage. */
export function stopwatch(now: () => number = () => performance.now()): StageClock & {
  totals(): Record<StageName, number>;
} {
  const totals = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<StageName, number>;
  return {
    time(stage, run) {
      const started = now();
      try {
        return run();
      } finally {
        totals[stage] += now() - started;
      }
    },
    totals: () => ({ ...totals }),
    add(more) {
      for (const stage of STAGES) totals[stage] += more[stage];
    },
  };
}
