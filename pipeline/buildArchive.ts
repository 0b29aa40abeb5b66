// The whole pipeline as one pure function: seed bytes and configuration in, output files out.
// The CLI reads the inputs and writes the files; nothing here touches the disk.
import { createHash } from 'node:crypto';
import type { Document, ExternalReference, Reference } from './generated/model.ts';
import { rawToClean, DEFAULT_CLEAN_CONFIG, type CleanDocument } from './rawToClean.ts';
import type { Override } from './applyOverrides.ts';
import { cleanToRecord, type UnlinkedRecord } from './cleanToRecord.ts';
import { linkReferences } from './linkReferences.ts';
import { createValidator, describeErrors, type SchemaFiles } from './validateRecords.ts';
import { recordsToFiles, type OutputFiles, type PublishedDocument } from './recordsToFiles.ts';
import { outputKey, type DocumentDigest } from './outputManifest.ts';
import type { Gazetteer } from './resolveAgencies.ts';
import { InputError } from './inputError.ts';
import { NO_CLOCK, type StageClock } from './stageClock.ts';
import { seedCacheKey } from './seedCache.ts';

export interface SeedInput {
  /** The path the messages and records name, e.g. `seeds/001_….txt`. */
  path: string;
  bytes: Uint8Array;
}

export interface BuildInputs {
  seeds: readonly SeedInput[];
  overrides: readonly Override[];
  schemas: SchemaFiles;
  gazetteer: Gazetteer;
  cache?: BuildCache | undefined;
  clock?: StageClock;
}

/** What earlier runs left that this one may reuse, under keys that cover everything it depends on. */
export interface BuildCache {
  /** The code and configuration's fingerprint (seedCache.ts). */
  fingerprint: string;
  /** Seeds' results by key (seedCache.ts); a seed whose key is here is not processed again. */
  entries: { get(key: string): SeedResult | undefined };
  /**
   * The documents of the output this build replaces, by seed key (outputManifest.ts): one whose
   * output key is unchanged is kept from that output, and its seed's result is not even read.
   */
  previous?: ReadonlyMap<string, DocumentDigest>;
}

export interface BuildResult extends OutputFiles {
  /** The records made in this run: every published one, but those kept from the previous output. */
  documents: Document[];
  /** How many documents are published (made or kept). */
  published: number;
  /** Seeds that could not be read or whose record broke the schema. */
  failures: InputError[];
  /** Seeds processed in this run (not found in the cache), by cache key, for the caller to keep. */
  computed: Map<string, SeedResult>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * What the build keeps of a clean document once its record is made: the clean text and the ingest
 * facts, not the change log (the record's repairs hold it). Thousands of documents are held at
 * once, and the log with the raw text is most of a clean document's size.
 */
export type KeptClean = Omit<CleanDocument, 'history'> & { text: string };

/** One seed through every per-document stage: what the cache keeps (seedCache.ts). */
export interface SeedResult {
  clean: KeptClean;
  unlinked: UnlinkedRecord;
}

/** What the per-document stages need besides the seed. */
export type SeedContext = Pick<BuildInputs, 'overrides' | 'gazetteer'>;

export function seedToRecord(seed: SeedInput, inputs: SeedContext, clock: StageClock = NO_CLOCK): SeedResult {
  const config = { ...DEFAULT_CLEAN_CONFIG, overrides: inputs.overrides };
  const clean = rawToClean(seed.bytes, seed.path, config, clock);
  const unlinked = cleanToRecord(clean, sha256(seed.bytes), inputs.gazetteer, clock);
  const { history, ...facts } = clean;
  return { clean: { ...facts, text: history.text }, unlinked };
}

/** A seed on its way through the build: its result, or what the previous output recorded of it. */
interface SeedEntry {
  seed: SeedInput;
  key: string | undefined;
  result?: SeedResult;
  digest?: DocumentDigest;
}

const entryId = (entry: SeedEntry) => entry.result?.clean.id ?? entry.digest!.document.id;

/**
 * Every seed's result, from the previous output's manifest or the cache when its key is there; a
 * seed that fails is reported, not thrown.
 */
function seedEntries(
  inputs: BuildInputs,
  failures: InputError[],
  computed: Map<string, SeedResult>,
  clock: StageClock,
): SeedEntry[] {
  const entries: SeedEntry[] = [];
  const byId = new Map<string, SeedEntry>();
  for (const seed of inputs.seeds) {
    try {
      const key = inputs.cache ? seedCacheKey(seed, inputs.overrides, inputs.cache.fingerprint) : undefined;
      const digest = key === undefined ? undefined : inputs.cache?.previous?.get(key);
      const entry: SeedEntry = digest
        ? { seed, key, digest }
        : { seed, key, result: seedResult(inputs, seed, key, computed, clock) };
      const id = entryId(entry);
      const twin = byId.get(id);
      if (twin) {
        const number = entry.result?.clean.docNumber?.canonical ?? entry.digest?.document.canonicalNumber;
        const sourceFile = twin.result?.clean.sourceFile ?? twin.digest!.document.sourceFile;
        throw new InputError(
          seed.path,
          undefined,
          `same document id ${id} as ${sourceFile}` + (number ? ` (both are ${number})` : ''),
          'Keep one copy of the document, or correct a wrongly scraped 发文字号 with an override',
        );
      }
      entries.push(entry);
      byId.set(id, entry);
    } catch (error) {
      failures.push(asInputError(error, seed.path));
    }
  }
  return entries;
}

/** A seed's result from the cache when its key is there, else made (and noted as computed). */
function seedResult(
  inputs: BuildInputs,
  seed: SeedInput,
  key: string | undefined,
  computed: Map<string, SeedResult>,
  clock: StageClock,
): SeedResult {
  let result = key === undefined ? undefined : inputs.cache?.entries.get(key);
  if (!result) {
    result = seedToRecord(seed, inputs, clock);
    if (key !== undefined) computed.set(key, result);
  }
  return result;
}

/**
 * An error a stage threw on one seed. Anything but an InputError is a pipeline bug; it still fails
 * only that seed, with a message naming the file, so that the other seeds can be published.
 */
export function asInputError(error: unknown, file: string): InputError {
  if (error instanceof InputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(
    file,
    undefined,
    `internal error while processing this file (${message})`,
    'This is a pipeline bug: report it with the file',
  );
}

export function buildArchive(inputs: BuildInputs): BuildResult {
  const clock = inputs.clock ?? NO_CLOCK;
  const failures: InputError[] = [];
  const computed = new Map<string, SeedResult>();
  const entries = seedEntries(inputs, failures, computed, clock);
  const { references, externals } = clock.time('extract', () =>
    linkReferences(
      entries.map(({ result, digest }) => {
        if (!result) return digest!.document;
        const { id, doc_number, title } = result.unlinked.record;
        return { id, doc_number, title };
      }),
      entries.flatMap(({ result, digest }) => result?.unlinked.cited ?? digest!.cited),
    ),
  );
  const { documents, published } = clock.time('validate', () =>
    validateAll(inputs, entries, references, externals, { failures, computed, clock }),
  );
  const files = clock.time('emit', () => recordsToFiles(published, externals, failures));
  return { ...files, documents, published: published.length, failures, computed };
}

/**
 * Each entry's record with its references, checked against the schema: kept from the previous
 * output when its output key is unchanged, else made (a failure reported, not thrown).
 */
function validateAll(
  inputs: BuildInputs,
  entries: readonly SeedEntry[],
  references: readonly Reference[],
  externals: readonly ExternalReference[],
  {
    failures,
    computed,
    clock,
  }: { failures: InputError[]; computed: Map<string, SeedResult>; clock: StageClock },
): { documents: Document[]; published: PublishedDocument[] } {
  const referencesByDocument = Map.groupBy(references, (reference) => reference.document_id);
  const validator = createValidator(inputs.schemas);
  checkExternals(validator, externals);
  const documents: Document[] = [];
  const published: PublishedDocument[] = [];
  for (const entry of entries) {
    const references = referencesByDocument.get(entryId(entry)) ?? [];
    const key = entry.key === undefined ? undefined : outputKey(entry.key, references);
    if (entry.digest && entry.digest.outputKey === key) {
      published.push({ kept: entry.digest });
      continue;
    }
    // Kept no longer (another document changed what it cites): made from its seed's result.
    const { clean, unlinked } = entry.result ?? seedResult(inputs, entry.seed, entry.key, computed, clock);
    const document: Document = { ...unlinked.record, references };
    if (!validator.document(document)) {
      const lines = describeErrors(
        validator.document.errors ?? [],
        clean.sourceFile,
        `documents/${unlinked.record.id}.json`,
      );
      failures.push(
        new InputError(
          clean.sourceFile,
          undefined,
          `the record breaks the schema:\n${lines.join('\n')}`,
          'This is a pipeline bug or an input the parser misread; see the pointers above',
        ),
      );
      continue;
    }
    documents.push(document);
    const keys = entry.key === undefined ? undefined : { seed: entry.key, output: key! };
    published.push({ made: { document, clean, cited: unlinked.cited, keys } });
  }
  return { documents, published };
}

function checkExternals(
  validator: ReturnType<typeof createValidator>,
  externals: readonly ExternalReference[],
): void {
  for (const external of externals) {
    const id = external.id;
    if (!validator.externalReference(external)) {
      const lines = describeErrors(
        validator.externalReference.errors ?? [],
        'references',
        `external_references/${id}`,
      );
      throw new Error(lines.join('\n'));
    }
  }
}
