// The output folder: files are written only inside the staging folder, and a run killed at any
// point leaves either the previous output or the new one, whole, once recovered.
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  statSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backgroundDone,
  backgroundPending,
  recoverOutput,
  stageAssembly,
  stageOutput,
} from '../pipeline/outputFolder.ts';
import { runPipeline } from '../pipeline/cli.ts';

let work: string;
let out: string;
const previous = () => join(work, '.out.previous');
const read = (path: string) => readFileSync(path, 'utf8');

/** A process id that is certainly not running: that of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'output-folder-'));
  out = join(work, 'out');
  mkdirSync(join(out, 'text'), { recursive: true });
  writeFileSync(join(out, 'text', 'old.txt'), 'previous output\n');
});

describe('stageOutput', () => {
  it.each([
    '../escape.txt',
    '../../etc/passwd',
    '/etc/passwd',
    'text/../../escape.txt',
    'documents/../../../escape.json',
    '..',
  ])('refuses to write %j, which would leave the output folder', async (path) => {
    const output = await stageOutput(out);
    await expect(output.write(path, 'x')).rejects.toThrow(/it would leave the output folder/);
    await output.abandon();
    expect(readdirSync(work).sort()).toEqual(['out']);
  });

  it('writes inside, swaps on commit and leaves nothing beside the output', async () => {
    const output = await stageOutput(out);
    await output.write('text/new.txt', 'new output\n');
    expect(read(join(out, 'text', 'old.txt'))).toBe('previous output\n');
    await output.commit();
    expect(readdirSync(join(out, 'text'))).toEqual(['new.txt']);
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('writes many files at once into nested folders, and a refused path fails the whole write', async () => {
    const output = await stageOutput(out);
    const files = new Map(
      Array.from({ length: 100 }, (_, i) => [`documents/${i % 7}/deep/${i}.json`, `{"n":${i}}\n`]),
    );
    await output.writeAll(files);
    await expect(output.writeAll(new Map([['../escape.txt', 'x']]))).rejects.toThrow(/leave the output/);
    await output.commit();
    for (const [path, content] of files) expect(read(join(out, path))).toBe(content);
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('removes the previous output in a process of its own when asked, and says whether there was one', async () => {
    const output = await stageOutput(out);
    await output.write('text/new.txt', 'new output\n');
    expect(await output.commit({ inBackground: true })).toBe(true);
    expect(readdirSync(join(out, 'text'))).toEqual(['new.txt']);
    // The previous output, renamed aside, goes once the detached remover has run.
    expect(await backgroundPending(out)).toBe(true);
    await vi.waitFor(() => expect(readdirSync(work)).toEqual(['out']), { timeout: 10_000, interval: 50 });
    expect(await backgroundPending(out)).toBe(false);
    rmSync(out, { recursive: true });
    const first = await stageOutput(out);
    expect(await first.commit({ inBackground: true })).toBe(false);
  });

  it('sweeps what a remover killed before its end left beside the output, in the background', async () => {
    mkdirSync(join(work, '.out.removing-999999999-1', 'text'), { recursive: true });
    await recoverOutput(out);
    await vi.waitFor(() => expect(readdirSync(work)).toEqual(['out']), { timeout: 10_000, interval: 50 });
  });

  it('leaves the previous output untouched when abandoned', async () => {
    const output = await stageOutput(out);
    await output.write('text/new.txt', 'new output\n');
    await output.abandon();
    expect(readdirSync(join(out, 'text'))).toEqual(['old.txt']);
    expect(readdirSync(work)).toEqual(['out']);
  });
});

describe('stageAssembly', () => {
  const spare = () => join(work, '.out.spare');
  const ino = (path: string) => statSync(path).ino;

  it('keeps the output it replaces as the spare, which the next run starts from', async () => {
    const replaced = ino(out);
    const first = await stageAssembly(out);
    writeFileSync(join(first.assembly, 'new.txt'), 'new output\n');
    expect(await first.commit()).toBe(true);
    expect(read(join(out, 'new.txt'))).toBe('new output\n');
    expect(ino(spare())).toBe(replaced);
    expect(readdirSync(work).sort()).toEqual(['.out.spare', 'out']);
    const next = await stageAssembly(out);
    expect(ino(next.assembly)).toBe(replaced);
    expect(read(join(next.assembly, 'text', 'old.txt'))).toBe('previous output\n');
    expect(readdirSync(next.folder)).toEqual([]);
    // Abandoned, it leaves the output as it was (and no spare: the next run starts afresh).
    await next.abandon();
    expect(readdirSync(work)).toEqual(['out']);
    expect(read(join(out, 'new.txt'))).toBe('new output\n');
  });

  it('gives a first output a spare made in the background, its files linked', async () => {
    rmSync(out, { recursive: true });
    const first = await stageAssembly(out);
    mkdirSync(join(first.assembly, 'text'));
    writeFileSync(join(first.assembly, 'text', 'first.txt'), 'first output\n');
    expect(await first.commit()).toBe(false);
    await vi.waitFor(() => expect(readdirSync(work).sort()).toEqual(['.out.spare', 'out']), {
      timeout: 20_000,
      interval: 50,
    });
    await backgroundDone(out);
    expect(ino(join(spare(), 'text', 'first.txt'))).toBe(ino(join(out, 'text', 'first.txt')));
  });

  it('is removed with the staging folder when its run was killed', async () => {
    renameSync(out, spare());
    const killed = join(work, `.out.tmp-${deadPid()}-1700000000000-assembly`);
    renameSync(spare(), killed);
    await recoverOutput(out);
    expect(readdirSync(work)).toEqual([]);
  });
});

describe('recoverOutput after a run killed mid-swap', () => {
  it('puts the previous output back when the run died between the two renames', async () => {
    renameSync(out, previous());
    mkdirSync(join(work, `.out.tmp-${deadPid()}-1`));
    await recoverOutput(out);
    expect(read(join(out, 'text', 'old.txt'))).toBe('previous output\n');
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('drops the replaced output when the run died after the swap, before removing it', async () => {
    renameSync(out, previous());
    mkdirSync(join(out, 'text'), { recursive: true });
    writeFileSync(join(out, 'text', 'new.txt'), 'new output\n');
    await recoverOutput(out);
    expect(readdirSync(join(out, 'text'))).toEqual(['new.txt']);
    expect(readdirSync(work)).toEqual(['out']);
  });

  it('removes staging folders of dead runs, and keeps those of running ones', async () => {
    const dead = join(work, `.out.tmp-${deadPid()}-1700000000000`);
    const running = join(work, `.out.tmp-${process.ppid}-1700000000000`);
    mkdirSync(join(dead, 'text'), { recursive: true });
    writeFileSync(join(dead, 'text', 'half.txt'), 'half written');
    mkdirSync(running);
    await recoverOutput(out);
    expect(readdirSync(work).sort()).toEqual(['.out.tmp-' + process.ppid + '-1700000000000', 'out']);
  });

  it('is what every pipeline run does first, even a run that then writes nothing', async () => {
    const seeds = join(work, 'seeds');
    mkdirSync(seeds);
    cpSync('test/fixtures/hostile/empty.txt', join(seeds, 'empty.txt'));
    renameSync(out, previous());
    const result = await runPipeline({ seeds, out, keepGoing: false });
    expect(result.written).toBe(false);
    expect(read(join(out, 'text', 'old.txt'))).toBe('previous output\n');
    expect(readdirSync(work).sort()).toEqual(['out', 'seeds']);
  });
});
