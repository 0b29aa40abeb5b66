// Where the site reads its inputs, and its settings, from the environment: tests build variants elsewhere.
import { resolve } from 'node:path';

/** The pipeline output the site is built from (default data/build). */
export function dataDir(): string {
  return resolve(process.env['SITE_DATA'] ?? 'data/build');
}

/** Frozen releases (default data/releases); may be missing. */
export function releasesDir(): string {
  return resolve(process.env['SITE_RELEASES'] ?? 'data/releases');
}

/** Hand-written commentary, one optional site/notes/<id>.mdx per agreement. */
export function notesDir(): string {
  return resolve(process.env['SITE_NOTES'] ?? 'site/notes');
}

/**
 * A whole-number setting from the environment (`variable`), else `fallback`; `unit` names what it
 * counts in the message for a value that is not a whole number of at least 1.
 */
export function wholeNumberSetting(variable: string, fallback: number, unit: string): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`${variable} must be a whole number of ${unit} (1 or more), not ${value}`);
  return count;
}
