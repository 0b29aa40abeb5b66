// Atomicity: the pipeline CLI killed with SIGKILL at random moments never leaves a partial output.
// After each kill, once recovered (as every next run does first), the output folder is byte for byte
// either the previous output or the complete new one; and the next run succeeds.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { recoverOutput, backgroundDone } from '../pipeline/outputFolder.ts';
import { HOSTILE_DIR, seededRandom } from './support/hostileCorpus.ts';

const SEED = 20_161_230;
const KILLS = 6;
const CLI = ['pipeline/cli.ts'];

type Snapshot = Map<string, string>;

function snapshot(dir: string): Snapshot {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

const same = (a: Snapshot, b: Snapshot) =>
  a.size === b.size && [...a].every(([path, hash]) => b.get(path) === hash);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the pipeline killed with SIGKILL', () => {
  it(`leaves the previous output intact at ${KILLS} random moments, and the next run succeeds`, async () => {
    const random = seededRandom(SEED);
    const work = mkdtempSync(join(tmpdir(), 'pipeline-kill-'));
    const out = join(work, 'out');
    const pristine = join(work, 'pristine');
    const newSeeds = join(work, 'seeds');
    cpSync('seeds', newSeeds, { recursive: true });
    for (const name of ['gbk.txt', 'formulas.txt', 'bidi-controls.txt']) {
      cpSync(join(HOSTILE_DIR, name), join(newSeeds, name));
    }
    const started = Date.now();
    const first = spawnSync(process.execPath, [...CLI, '--seeds', 'seeds', '--out', out], {
      encoding: 'utf8',
    });
    expect(first.status, first.stderr).toBe(0);
    const runTime = Date.now() - started;
    const previous = snapshot(out);
    cpSync(out, pristine, { recursive: true });

    const states: string[] = [];
    const afterKill: Snapshot[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawn(process.execPath, [...CLI, '--seeds', newSeeds, '--out', out], {
        detached: true,
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let done = false;
      void exited.then(() => (done = true));
      // Half the kills at a seeded-random moment of the run; half just after the staging folder
      // appears, when the files are being written and swapped in.
      let moment: string;
      if (kill % 2 === 0) {
        const delay = Math.floor(random() * runTime * 1.1);
        moment = `${delay} ms after start`;
        await sleep(delay);
      } else {
        while (!done && !readdirSync(work).some((name) => name.startsWith('.out.tmp-'))) await sleep(1);
        const delay = Math.floor(random() * 25);
        moment = `${delay} ms after staging began`;
        await sleep(delay);
      }
      if (!done) process.kill(-child.pid!, 'SIGKILL');
      await exited;
      const siblings = readdirSync(work).filter((name) => name.startsWith('.out.'));
      const state = !existsSync(out)
        ? 'between the renames'
        : siblings.some((name) => name.startsWith('.out.tmp-'))
          ? 'while staging'
          : siblings.length > 0
            ? 'after the swap'
            : same(snapshot(out), previous)
              ? 'before writing'
              : 'after finishing';
      states.push(
        `${moment}: ${done && state === 'after finishing' ? 'not killed, it had finished' : state}`,
      );
      await recoverOutput(out);
      const recovered = snapshot(out);
      afterKill.push(recovered);
      if (!same(recovered, previous)) {
        rmSync(out, { recursive: true });
        cpSync(pristine, out, { recursive: true });
      }
    }

    const next = spawnSync(process.execPath, [...CLI, '--seeds', newSeeds, '--out', out], {
      encoding: 'utf8',
    });
    expect(next.status, next.stderr).toBe(0);
    const complete = snapshot(out);
    expect(same(complete, previous)).toBe(false);
    const partial = afterKill.filter((state) => !same(state, previous) && !same(state, complete)).length;
    console.log(
      [
        `SIGKILL: ${KILLS} kills of the pipeline CLI (seed ${SEED}, a run takes ~${runTime} ms)`,
        ...states.map((state) => `  killed ${state}`),
        `  partial outputs after SIGKILL: ${partial}`,
        `  next run: exit ${next.status}`,
      ].join('\n'),
    );
    expect(partial).toBe(0);
    // The last run's previous output is removed in the background; then nothing is left beside it.
    await backgroundDone(out);
    expect(readdirSync(work).sort()).toEqual(['out', 'pristine', 'seeds']);
  }, 90_000);
});
