// Document pages from a content-addressed cache. A document's page is a function of its own
// record, what the archive says about its neighbours (the documents it cites and that cite it,
// its nearest siblings, the names of the agencies its tasks name) and the site's code; its key
// hashes exactly those. A rebuild renders only the pages whose key is not in the cache and puts
// the cached ones back when the build is done (site/integrations/pageCache.ts), so it writes the
// bytes a clean build writes. Pages with hand-written commentary are always rendered.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nearestSiblings, type Archive, type Citation, type DocumentSummary } from './data.ts';
import type { Script } from './script.ts';

/** What the build tells the pages, through the environment: where the cache is and the code's fingerprint. */
export interface PageCacheSetup {
  dir: string;
  fingerprint: string;
}

export const PAGE_CACHE_ENV = 'SITE_PAGE_CACHE';

/** Siblings a document page lists (Relations.astro): the rest are counted. */
export const SIBLINGS_SHOWN = 12;

export function pageCacheSetup(): PageCacheSetup | undefined {
  const value = process.env[PAGE_CACHE_ENV];
  return value ? (JSON.parse(value) as PageCacheSetup) : undefined;
}

export const cachedPagePath = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.html`);

/** The plan a build writes for its end: which pages come from the cache, which are kept after. */
export interface PagePlan {
  /** Page path in the built site (e.g. documents/<id>/zh-hant/index.html) → key. */
  restored: Record<string, string>;
  rendered: Record<string, string>;
}

export const planPath = (dir: string, pid = process.pid) => join(dir, `plan-${pid}.json`);

const citationInputs = (citations: readonly Citation[]) =>
  citations.map(({ document, reference }) => [document, reference]);

/** Everything a document's page shows besides its own record, from the archive. */
function neighbourInputs(archive: Archive, document: DocumentSummary, record: string): unknown {
  const relations = archive.relations.get(document.id)!;
  const { references, tasks } = JSON.parse(record) as Pick<DocumentSummary, 'references' | 'tasks'>;
  return {
    implements: citationInputs(relations.implements),
    cites: citationInputs(relations.cites),
    citedBy: citationInputs(relations.citedBy),
    siblings: nearestSiblings(document, relations.siblings, SIBLINGS_SHOWN),
    siblingCount: relations.siblings.length,
    targets: references.map((reference) => [
      reference.target_document_id ? (archive.byId.get(reference.target_document_id) ?? null) : null,
      reference.target_external_id
        ? (archive.externals.get(reference.target_external_id)?.ref ?? null)
        : null,
    ]),
    agencies: tasks.flatMap((task) =>
      task.agencies.map((link) => archive.agencies.get(link.agency_id)?.agency.name ?? null),
    ),
  };
}

/** The key of a document's page in one script. */
export function documentPageKey(archive: Archive, id: string, script: Script, fingerprint: string): string {
  const record = readFileSync(join(archive.dataDir, 'documents', `${id}.json`), 'utf8');
  const document = archive.byId.get(id)!;
  return createHash('sha256')
    .update(JSON.stringify([fingerprint, script, record, neighbourInputs(archive, document, record)]))
    .digest('hex');
}

/** Whether a document's page in this script has to be rendered, and notes the plan either way. */
export function pagePlanner(archive: Archive, setup: PageCacheSetup | undefined) {
  const plan: PagePlan = { restored: {}, rendered: {} };
  return {
    plan,
    needsRendering(id: string, script: Script, pagePath: string): boolean {
      if (!setup) return true;
      const key = documentPageKey(archive, id, script, setup.fingerprint);
      const cached = existsSync(cachedPagePath(setup.dir, key));
      (cached ? plan.restored : plan.rendered)[pagePath] = key;
      return !cached;
    },
  };
}
