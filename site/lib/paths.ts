// Where the site reads its inputs. Environment variables let tests build a variant elsewhere.
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
