// Runs one command and measures it as a whole: wall time, and the peak resident memory of its
// process tree (the process and every descendant, including those nobody waits for, such as the
// native child Pagefind starts), sampled from /proc while the command runs.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measured {
  seconds: number;
  /** The highest sum of VmRSS over the whole tree at one sample, in bytes. */
  peakBytes: number;
  /** Per process name (/proc comm, e.g. node, pagefind_extend): the highest sum over that name's processes. */
  peakByName: Record<string, number>;
  samples: number;
  exitCode: number | null;
  signal: string | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Milliseconds between samples. */
  interval?: number;
  /** Copy the command's output to this process's stderr as it arrives. */
  echo?: boolean;
}

interface ProcessInfo {
  ppid: number;
  name: string;
  /** Start time in clock ticks since boot: tells a process from a later one reusing its pid. */
  start: string;
}

function readStat(pid: number): ProcessInfo | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone between the listing and the read
  }
  // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { name: stat.slice(open + 1, close), ppid: Number(fields[1]), start: fields[19] ?? '' };
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0; // a zombie has no VmRSS
  } catch {
    return 0;
  }
}

/** Samples a process tree: call sample() on a timer, read the peaks at the end. */
export class TreeSampler {
  /** Every process seen in the tree, by pid, with its start time; kept when it is re-parented. */
  private readonly members = new Map<number, string>();
  peakBytes = 0;
  readonly peakByName: Record<string, number> = {};
  samples = 0;

  private readonly root: number;

  constructor(root: number) {
    this.root = root;
  }

  sample(): void {
    const table = new Map<number, ProcessInfo>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const info = readStat(Number(entry));
      if (info) table.set(Number(entry), info);
    }
    const children = new Map<number, number[]>();
    for (const [pid, info] of table) children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
    // The root and its descendants now, plus earlier members still alive (an orphan is re-parented).
    const tree = new Set<number>();
    const queue = [this.root];
    for (const [pid, start] of this.members) if (table.get(pid)?.start === start) queue.push(pid);
    while (queue.length > 0) {
      const pid = queue.pop()!;
      if (tree.has(pid) || !table.has(pid)) continue;
      tree.add(pid);
      queue.push(...(children.get(pid) ?? []));
    }
    let total = 0;
    const byName: Record<string, number> = {};
    for (const pid of tree) {
      const info = table.get(pid)!;
      this.members.set(pid, info.start);
      const bytes = residentBytes(pid);
      total += bytes;
      byName[info.name] = (byName[info.name] ?? 0) + bytes;
    }
    this.samples++;
    this.peakBytes = Math.max(this.peakBytes, total);
    for (const [name, bytes] of Object.entries(byName))
      this.peakByName[name] = Math.max(this.peakByName[name] ?? 0, bytes);
  }
}

/** Runs a command to its end, sampling its process tree every `interval` ms (default 100). */
export function runMeasured(command: string, args: string[], options: RunOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    if (child.pid === undefined) return; // the error event follows
    const sampler = new TreeSampler(child.pid);
    sampler.sample();
    const timer = setInterval(() => sampler.sample(), options.interval ?? 100);
    // Wall time ends when the command exits; sampling goes on until its output closes (a descendant
    // still holding it is still running).
    let seconds = NaN;
    child.on('exit', () => (seconds = (performance.now() - started) / 1000));
    child.on('close', (exitCode, signal) => {
      clearInterval(timer);
      if (Number.isNaN(seconds)) seconds = (performance.now() - started) / 1000;
      resolve({
        seconds,
        peakBytes: sampler.peakBytes,
        peakByName: { ...sampler.peakByName },
        samples: sampler.samples,
        exitCode,
        signal,
        output: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
