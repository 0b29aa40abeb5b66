// What the build tells its pages, the published files and the search's process through the
// environment (set by site/integrations/pageCache.ts as the build starts): where its
// cache is and the fingerprint of the code.
import type { RecordIndexCache } from './recordFiles.ts';

export interface PageCacheSetup {
  /** Cached pages. */
  dir: string;
  /** Each document's published extracts (site/integrations/publishFiles.ts). */
  downloads: string;
  /** The published seeds, by SHA-256 (site/integrations/publishFiles.ts). */
  seeds: string;
  /** The records' summaries (recordFiles.ts). */
  records: RecordIndexCache;
  /** What the search's process keeps of the records (recordSource.ts). */
  searchRecords: RecordIndexCache;
  fingerprint: string;
}

export const PAGE_CACHE_ENV = 'SITE_PAGE_CACHE';

export function pageCacheSetup(): PageCacheSetup | undefined {
  const value = process.env[PAGE_CACHE_ENV];
  return value ? (JSON.parse(value) as PageCacheSetup) : undefined;
}
