// npm run fuzz [-- --runs <n>] [--seed <n>] [--only <text>] [--path <path>]
// The stage properties of test/support/fuzz.ts on a large budget. The seed is printed first, so a
// failure can be replayed: npm run fuzz -- --seed <seed> --only <property> --path <path>.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { PROPERTIES } from '../test/support/fuzz.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs <n>] [--seed <n>] [--only <text>] [--path <path>]');
  process.exit(2);
}
console.log(`fuzz: seed ${seed}, budget ${runs} runs for the cheapest property`);

const started = Date.now();
let total = 0;
let failed = 0;
for (const property of PROPERTIES.filter((candidate) => candidate.name.includes(values.only ?? ''))) {
  const numRuns = Math.max(50, Math.round(runs / property.cost));
  const start = Date.now();
  const details = property.check({ numRuns, seed, ...(values.path ? { path: values.path } : {}) });
  total += details.numRuns;
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  console.log(`${details.failed ? 'FAIL' : 'ok  '} ${property.name}: ${details.numRuns} runs, ${seconds} s`);
  if (details.failed) {
    failed++;
    console.log(fc.defaultReportMessage(details));
  }
}
const duration = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `fuzz: seed ${seed}, ${total} runs in ${duration} s, ${failed} failing propert${failed === 1 ? 'y' : 'ies'}`,
);
if (failed > 0) process.exitCode = 1;
