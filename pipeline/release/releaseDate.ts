// The release date is the only date in a release's files. It comes from --date, else from the
// date of the last commit; the wall clock is never used, so the same inputs give the same bytes.
import { execFileSync } from 'node:child_process';

export class ReleaseDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseDateError';
  }
}

/** Accepts a real calendar date written YYYY-MM-DD. */
export function parseReleaseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== text) {
    throw new ReleaseDateError(`--date ${JSON.stringify(text)} is not a date written YYYY-MM-DD`);
  }
  return text;
}

/** The committer date of the last commit, or undefined outside a repository with commits. */
export function lastCommitDate(cwd: string): string | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cs'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

export function resolveReleaseDate(given: string | undefined, cwd: string): string {
  if (given !== undefined) return parseReleaseDate(given);
  const committed = lastCommitDate(cwd);
  if (committed === undefined) {
    throw new ReleaseDateError(
      'no release date: pass --date YYYY-MM-DD (there is no git commit to take the date from)',
    );
  }
  return parseReleaseDate(committed);
}
