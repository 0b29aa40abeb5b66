// Pages from a content-addressed cache. A document's page is a function of its own record, what the
// archive says about its neighbours (the documents it cites and that cite it, its nearest siblings,
// the names of the agencies its tasks name), which of its commitments have passed on the day of the
// build, and the site's code; each of an agency's pages, of its entry (its tasks, their documents,
// its namesakes), which page it is and how many tasks a page holds; a region's page, a reference's
// page and the pages of runs of years of a list of documents, of the documents they list or count
// (each by its summary's hash) and what they show of their owner. A page's key hashes exactly
// those. A rebuild renders only the pages whose key is not in the cache and puts the cached ones
// back when the build is done (site/integrations/pageCache.ts), so it writes the bytes a clean
// build writes. Pages with hand-written commentary, and the few pages drawn from the whole archive
// (home, indexes, data, feed), are always rendered.
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  siblingsOf,
  type AgencyEntry,
  type Archive,
  type Citation,
  type DocumentSummary,
  type ExternalEntry,
  type ExternalReference,
  type RegionEntry,
} from './data.ts';
import type { Script } from './script.ts';
import { pageCacheSetup, type PageCacheSetup } from './buildCache.ts';
import { isPast, today } from './format.ts';
import { agencyPageTasks, pageDocuments } from './longLists.ts';
import { keyedPath } from '../../pipeline/keyedPath.ts';
import { entryDigest } from './recordFiles.ts';
import type { YearRun } from './yearRuns.ts';

/** Siblings a document page lists (Relations.astro): the rest are counted. */
export const SIBLINGS_SHOWN = 12;

export const cachedPagePath = (dir: string, key: string) => keyedPath(dir, key, '.html');

/** The plan a build writes for its end: which pages come from the cache, which are kept after. */
export interface PagePlan {
  /** Page path in the built site (e.g. documents/<id>/zh-hant/index.html) → key. */
  restored: Record<string, string>;
  rendered: Record<string, string>;
}

/** The file of a page in the built site, under its language prefix (`zh-hant`, or none) and folder (`agencies/<id>/`). */
export const builtPage = (lang: string | undefined, folder: string) =>
  `${lang ? `${lang}/` : ''}${folder}index.html`;

/** Each route's plan, for the build that writes it (`route`: a name, e.g. `documents`). */
export const planPath = (dir: string, route: string, pid = process.pid) =>
  join(dir, `plan-${pid}-${route}.json`);
export const PLAN_FILE = /^plan-(\d+)-[a-z][a-z-]*\.json$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A document summary's hash: the records' index keeps it with the summary (recordFiles.ts); a
 * summary from elsewhere is hashed once a build (a summary is listed on many pages).
 */
const summaryHashes = new WeakMap<DocumentSummary, string>();
function summaryHash(document: DocumentSummary | undefined): string | null {
  if (!document) return null;
  let hash = entryDigest(document) ?? summaryHashes.get(document);
  if (hash === undefined) summaryHashes.set(document, (hash = sha256(JSON.stringify(document))));
  return hash;
}

const citationInputs = (citations: readonly Citation[]) =>
  citations.map(({ document, reference }) => [summaryHash(document), reference]);

/**
 * What a page shows of an external document it cites or lists documents for: not the list of the
 * documents citing it, which would make every citing page's key as long as that list (quadratic
 * over an archive).
 */
export function externalShown(ref: ExternalReference | undefined): unknown {
  return ref ? { id: ref.id, doc_number: ref.doc_number, title: ref.title } : null;
}

/** Everything a document's page shows besides its own record, from the archive. */
function neighbourInputs(archive: Archive, document: DocumentSummary, day: string): unknown {
  const relations = archive.relations.get(document.id)!;
  const { references, tasks } = document;
  const siblings = siblingsOf(document, relations.peers, SIBLINGS_SHOWN);
  return {
    implements: citationInputs(relations.implements),
    cites: citationInputs(relations.cites),
    citedBy: citationInputs(relations.citedBy),
    siblings: siblings.nearest.map(summaryHash),
    siblingCount: siblings.count,
    targets: references.map((reference) => [
      reference.target_document_id ? summaryHash(archive.byId.get(reference.target_document_id)) : null,
      reference.target_external_id
        ? externalShown(archive.externals.get(reference.target_external_id)?.ref)
        : null,
    ]),
    // A commitment is marked once its date has passed (Commitments.astro): the day of the build counts.
    past: document.commitments.map((commitment) => isPast(commitment, day)),
    agencies: tasks.flatMap((task) =>
      task.agencies.map((link) => archive.agencies.get(link.agency_id)?.agency.name ?? null),
    ),
  };
}

/** A document's inputs hashed once an archive and code (its two pages' keys add their script). */
const documentHashes = new WeakMap<Archive, Map<string, string>>();

/** The key of a document's page in one script, built on `day` (YYYY-MM-DD). */
export function documentPageKey(
  archive: Archive,
  id: string,
  script: Script,
  fingerprint: string,
  day = today(),
): string {
  const document = archive.byId.get(id)!;
  let hashes = documentHashes.get(archive);
  if (!hashes) documentHashes.set(archive, (hashes = new Map()));
  const memo = `${fingerprint}\0${day}\0${id}`;
  let inputs = hashes.get(memo);
  if (inputs === undefined) {
    inputs = sha256(
      JSON.stringify([fingerprint, archive.recordVersions.get(id), neighbourInputs(archive, document, day)]),
    );
    hashes.set(memo, inputs);
  }
  return sha256(`${inputs}:${script}`);
}

/** An agency's entry hashed once a build (its front page and its pages of years share it). */
const entryHashes = new WeakMap<AgencyEntry, string>();
function entryHash(entry: AgencyEntry): string {
  let hash = entryHashes.get(entry);
  if (hash === undefined) {
    const inputs = {
      agency: entry.agency,
      documents: entry.documents.map(summaryHash),
      // A task is part of its document's summary: its id and the document's hash stand for it.
      tasks: entry.tasks.map(({ document, task, role, nameAsPrinted }) => [
        summaryHash(document),
        task.id,
        role,
        nameAsPrinted,
      ]),
      namesakes: entry.namesakes.map((other) => [other.agency, other.tasks.length]),
    };
    entryHashes.set(entry, (hash = sha256(JSON.stringify(inputs))));
  }
  return hash;
}

/**
 * The key of an agency's page in one script: its entry, with each document by its summary's hash,
 * and which of its pages it is (its front page, or a year of its tasks when it has more than
 * `perPage`: see longLists.ts).
 */
export function agencyPageKey(
  entry: AgencyEntry,
  script: Script,
  fingerprint: string,
  page = '',
  perPage = agencyPageTasks(),
): string {
  return sha256(JSON.stringify([fingerprint, script, page, perPage, entryHash(entry)]));
}

/**
 * The key of a region's page in one script: its code, its documents (listed, or counted on its
 * pages of runs of years) by their summaries' hashes, and its agencies with their numbers of tasks;
 * and how many documents a page lists (whether they are split by year).
 */
export function regionPageKey(
  region: RegionEntry,
  script: Script,
  fingerprint: string,
  perPage = pageDocuments(),
): string {
  return sha256(
    JSON.stringify([
      fingerprint,
      script,
      perPage,
      region.code,
      region.documents.map(summaryHash),
      region.agencies.map(({ agency, tasks }) => [agency, tasks.length]),
    ]),
  );
}

/**
 * The key of an external reference's page in one script: what it shows of the reference, the
 * documents implementing and citing it by their summaries' hashes (their tasks are compared, the
 * first citation in each linked), and the agencies the implementing documents' tasks name, as the
 * archive has them (linked with their official names); and how many documents a page lists.
 */
export function referencePageKey(
  archive: Archive,
  entry: ExternalEntry,
  script: Script,
  fingerprint: string,
  perPage = pageDocuments(),
): string {
  const agencies = new Set(
    entry.implementers.flatMap((document) =>
      document.tasks.flatMap((task) => task.agencies.map((link) => link.agency_id)),
    ),
  );
  return sha256(
    JSON.stringify([
      fingerprint,
      script,
      perPage,
      externalShown(entry.ref),
      entry.implementers.map(summaryHash),
      entry.citers.map(summaryHash),
      [...agencies].sort().map((id) => archive.agencies.get(id)?.agency ?? null),
    ]),
  );
}

/**
 * The key of a page of a run of years of a list of documents (the archive's, a region's, an external
 * reference's: see longLists.ts) in one script: which list (`route` and what the page shows of the
 * list's owner, `owner`), its run with each document by its summary's hash, and every run of the
 * list by name and size (the pages' navigation), and how many documents a page lists.
 */
export function runPageKey(
  route: string,
  owner: unknown,
  {
    script,
    run,
    runs,
  }: { script: Script; run: YearRun<DocumentSummary>; runs: readonly YearRun<DocumentSummary>[] },
  fingerprint: string,
  perPage = pageDocuments(),
): string {
  return sha256(
    JSON.stringify([
      fingerprint,
      route,
      script,
      perPage,
      owner,
      run.name,
      run.items.map(summaryHash),
      runs.map(({ name, items }) => [name, items.length]),
    ]),
  );
}

/**
 * Which of a route's pages have to be rendered: `needsRendering` notes each page's key in the plan
 * (cached or to be kept; `key` is given the code's fingerprint), `save` writes the plan for the end
 * of the build. Without a cache set up (pageCacheSetup), every page is rendered.
 */
export function pagePlanner(route: string, setup: PageCacheSetup | undefined = pageCacheSetup()) {
  const plan: PagePlan = { restored: {}, rendered: {} };
  return {
    needsRendering(pagePath: string, key: (fingerprint: string) => string): boolean {
      if (!setup) return true;
      const known = key(setup.fingerprint);
      const cached = existsSync(cachedPagePath(setup.dir, known));
      (cached ? plan.restored : plan.rendered)[pagePath] = known;
      return !cached;
    },
    save(): void {
      if (setup) writeFileSync(planPath(setup.dir, route), JSON.stringify(plan));
    },
  };
}
