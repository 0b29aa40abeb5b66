// The benchmark scripts as a person runs them, outside the test runner: their module graphs load
// (helpers they share with the tests must not need the runner) and a bad argument gets their own
// message. The scripts themselves are measured by hand, never by a test.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostEnvironment } from './browser/buildSite.ts';

const runScript = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    // As in a terminal: without the test runner's variables.
    env: hostEnvironment(),
  });

describe('the benchmark scripts', () => {
  it('load and refuse a bad argument with their own message', () => {
    const search = runScript('scripts/searchBench.ts', '--site', 'nowhere');
    expect(search.stderr).toContain('--site needs --data');
    expect(search.stderr).not.toContain('Vitest');
    const bench = runScript('scripts/bench.ts', '--docs', '0');
    expect(bench.stderr).toContain('--docs must be a positive whole number');
    expect(bench.stderr).not.toContain('Vitest');
  });
});
