// Processes beside this one: whether one still runs (how a folder left by a killed run, a staging
// folder named after its process, is told from one still being written), and starting one whose
// output is collected.
import { spawn } from 'node:child_process';

/** True while the process exists (EPERM: it exists but belongs to another user). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How a child process ended, and what it wrote. */
export interface ChildResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts a child process whose output is collected, and which is killed if this process exits
 * first (a build that stops takes its helpers with it). `done` resolves when it has ended; a child
 * that cannot be started ends with no code and the reason as its stderr.
 */
export function startChild(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { done: Promise<ChildResult> } {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = () => child.kill();
  process.once('exit', stop);
  const done = new Promise<ChildResult>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, stdout, stderr: error.message }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  }).finally(() => process.off('exit', stop));
  return { done };
}
