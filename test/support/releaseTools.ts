// Outside tools the release tests use as independent checkers: Python (csv, jsonschema) and the
// sqlite3 command-line shell. Each is looked up once; a missing one fails with how to install it.
import { spawnSync } from 'node:child_process';

let python: string | undefined;

/** PATH's python3 if it has jsonschema, else /usr/bin/python3; fails clearly if neither does. */
export function pythonWithJsonschema(): string {
  if (python) return python;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import jsonschema'], { encoding: 'utf8' });
    if (probe.status === 0) return (python = candidate);
  }
  throw new Error(
    'no python3 with the jsonschema package (tried python3 on PATH and /usr/bin/python3): ' +
      'install it with `apt-get install -y python3-jsonschema` (.ci/run does this on CI)',
  );
}

/** Runs test/support/releaseChecks.py and returns its JSON report. */
export function pythonCheck<T>(command: 'csv' | 'excel' | 'jsonschema', release: string): T {
  const result = spawnSync(pythonWithJsonschema(), ['test/support/releaseChecks.py', command, release], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`releaseChecks.py ${command} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Runs SQL through the sqlite3 shell on a read-only database; rows as arrays of strings. */
export function sqlite3(database: string, sql: string): string[][] {
  const result = spawnSync('sqlite3', ['-readonly', '-separator', '\t', database, sql], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      'the sqlite3 command-line shell is missing: install it with `apt-get install -y sqlite3`',
    );
  }
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** `sha256sum -c --quiet SHA256SUMS` inside a folder. */
export function sha256sumCheck(folder: string): { status: number | null; output: string } {
  const result = spawnSync('sha256sum', ['-c', '--quiet', '--strict', 'SHA256SUMS'], {
    cwd: folder,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
