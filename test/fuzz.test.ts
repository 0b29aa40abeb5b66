// Property tests (fast-check) over the stages, on a small budget; `npm run fuzz` runs the same
// properties on a large one. A failure prints the seed and path that reproduce it.
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { PROPERTIES } from './support/fuzz.ts';

/** Runs of the cheapest property; costlier ones get proportionally fewer. */
const BUDGET = 160;

describe('fuzzing the stages', () => {
  it.each(PROPERTIES.map((property) => [property.name, property] as const))('%s', (_name, property) => {
    const details = property.check({ numRuns: Math.max(8, Math.round(BUDGET / property.cost)) });
    if (details.failed) throw new Error(fc.defaultReportMessage(details));
  });
});
