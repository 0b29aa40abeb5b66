// Whether a process still runs: how a folder left by a killed run (a staging folder named after
// its process) is told from one still being written.

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
