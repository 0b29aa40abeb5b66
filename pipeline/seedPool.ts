// The per-document stages of many seeds on every core: worker threads each run seedToRecord (the
// same pure function the single-threaded build uses) over a share of the seeds and send back the
// results, which the build then takes as if they came from the seed cache. A seed that fails in a
// worker is left out, so the build processes it again and reports it exactly as it would alone.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { seedToRecord, type SeedContext, type SeedInput, type SeedResult } from './buildArchive.ts';
import { STAGES, stopwatch, type StageName } from './stageClock.ts';

/** Below this many seeds, starting threads costs more than it saves. */
const MIN_SEEDS_PER_THREAD = 25;

interface Job {
  /** Marks the thread as a seed worker (other code may start threads that import this module). */
  role: 'seed-worker';
  context: SeedContext;
  seeds: { key: string; seed: SeedInput }[];
}

type Message =
  { kind: 'result'; key: string; result: SeedResult } | { kind: 'done'; timings: Record<StageName, number> };

export interface PoolResult {
  results: Map<string, SeedResult>;
  timings: Record<StageName, number>;
  threads: number;
}

export function poolSize(seeds: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(seeds / MIN_SEEDS_PER_THREAD)));
}

/** Runs the seeds (by cache key) through the per-document stages on `threads` worker threads. */
export async function runSeedPool(
  seeds: ReadonlyMap<string, SeedInput>,
  context: SeedContext,
  threads = poolSize(seeds.size),
): Promise<PoolResult> {
  const results = new Map<string, SeedResult>();
  const timings = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<StageName, number>;
  const entries = [...seeds].map(([key, seed]) => ({ key, seed }));
  // Dealt round-robin: neighbouring seeds are often alike in size, so the shares even out.
  const shares = Array.from({ length: threads }, (_, t) => entries.filter((_, i) => i % threads === t));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((done, fail) => {
          const job: Job = { role: 'seed-worker', context, seeds: share };
          // The thread loads this TypeScript module itself, as Node strips its types.
          const worker = new Worker(new URL(import.meta.url), { workerData: job });
          worker.on('message', (message: Message) => {
            if (message.kind === 'result') results.set(message.key, message.result);
            else for (const stage of STAGES) timings[stage] += message.timings[stage];
          });
          worker.on('error', fail);
          worker.on('exit', (code) =>
            code === 0 ? done() : fail(new Error(`a seed worker exited with code ${code}`)),
          );
        }),
    ),
  );
  return { results, timings, threads };
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | null)?.role === 'seed-worker') {
  const job = workerData as Job;
  const clock = stopwatch();
  for (const { key, seed } of job.seeds) {
    let result: SeedResult;
    try {
      result = seedToRecord(seed, job.context, clock);
    } catch {
      continue;
    }
    parentPort.postMessage({ kind: 'result', key, result } satisfies Message);
  }
  parentPort.postMessage({ kind: 'done', timings: clock.totals() } satisfies Message);
}
