// The whole pipeline as one pure function: seed bytes and configuration in, output files out.
// The CLI reads the inputs and writes the files; nothing here touches the disk.
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { Document, ExternalReference, Reference } from './generated/model.ts';
import { rawToClean, DEFAULT_CLEAN_CONFIG, type CleanDocument } from './rawToClean.ts';
import type { Override } from './applyOverrides.ts';
import { cleanToRecord, type UnlinkedRecord } from './cleanToRecord.ts';
import { linkReferences } from './linkReferences.ts';
import { createValidator, describeErrors, type SchemaFiles } from './validateRecords.ts';
import { recordsToTables, type Table } from './recordsToTables.ts';
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
  /** Results of earlier runs by key (seedCache.ts); a seed whose key is here is not processed again. */
  cache?: { fingerprint: string; entries: ReadonlyMap<string, SeedResult> } | undefined;
  clock?: StageClock;
}

export interface BuildResult {
  documents: Document[];
  /** Seeds that could not be read or whose record broke the schema. */
  failures: InputError[];
  /** Output files by path relative to the output folder. */
  files: Map<string, string>;
  /** Seeds processed in this run (not found in the cache), by cache key, for the caller to keep. */
  computed: Map<string, SeedResult>;
}

export function tableToCsv(table: Table): string {
  return stringify(table.rows, {
    header: true,
    columns: [...table.columns],
    record_delimiter: '\r\n',
    // With a CRLF record delimiter csv-stringify would quote only cells holding CRLF; a bare LF
    // inside a cell must be quoted too, or other readers end the row there.
    quote_record_delimiter: true,
    cast: { boolean: String },
  });
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

/** Every seed's result, from the cache when its key is there; a seed that fails is reported, not thrown. */
function seedResults(
  inputs: BuildInputs,
  failures: InputError[],
  computed: Map<string, SeedResult>,
  clock: StageClock,
): SeedResult[] {
  const results: SeedResult[] = [];
  const byId = new Map<string, SeedResult>();
  for (const seed of inputs.seeds) {
    try {
      const key = inputs.cache ? seedCacheKey(seed, inputs.overrides, inputs.cache.fingerprint) : undefined;
      let result = key === undefined ? undefined : inputs.cache?.entries.get(key);
      if (!result) {
        result = seedToRecord(seed, inputs, clock);
        if (key !== undefined) computed.set(key, result);
      }
      const { clean } = result;
      const twin = byId.get(clean.id);
      if (twin) {
        throw new InputError(
          seed.path,
          undefined,
          `same document id ${clean.id} as ${twin.clean.sourceFile}` +
            (clean.docNumber ? ` (both are ${clean.docNumber.canonical})` : ''),
          'Keep one copy of the document, or correct a wrongly scraped 发文字号 with an override',
        );
      }
      results.push(result);
      byId.set(clean.id, result);
    } catch (error) {
      failures.push(asInputError(error, seed.path));
    }
  }
  return results;
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
  const unlinked = seedResults(inputs, failures, computed, clock).map(({ clean, unlinked }) => ({
    ...unlinked,
    clean,
  }));
  const { references, externals } = clock.time('extract', () =>
    linkReferences(
      unlinked.map(({ record }) => ({ id: record.id, doc_number: record.doc_number, title: record.title })),
      unlinked.flatMap(({ cited }) => cited),
    ),
  );
  const { documents, published } = clock.time('validate', () =>
    validateAll(inputs.schemas, unlinked, references, externals, failures),
  );
  const files = clock.time('emit', () => emitFiles(unlinked, documents, published, externals, failures));
  return { documents, failures, files, computed };
}

function validateAll(
  schemas: SchemaFiles,
  unlinked: readonly (UnlinkedRecord & { clean: KeptClean })[],
  references: readonly Reference[],
  externals: readonly ExternalReference[],
  failures: InputError[],
): { documents: Document[]; published: Set<string> } {
  const referencesByDocument = Map.groupBy(references, (reference) => reference.document_id);
  const validator = createValidator(schemas);
  const documents: Document[] = [];
  for (const { record, clean } of unlinked) {
    const document: Document = { ...record, references: referencesByDocument.get(record.id) ?? [] };
    if (validator.document(document)) documents.push(document);
    else {
      const lines = describeErrors(
        validator.document.errors ?? [],
        clean.sourceFile,
        `documents/${record.id}.json`,
      );
      failures.push(
        new InputError(
          clean.sourceFile,
          undefined,
          `the record breaks the schema:\n${lines.join('\n')}`,
          'This is a pipeline bug or an input the parser misread; see the pointers above',
        ),
      );
    }
  }
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
  return { documents, published: new Set(documents.map((document) => document.id)) };
}

function emitFiles(
  unlinked: readonly (UnlinkedRecord & { clean: KeptClean })[],
  documents: readonly Document[],
  published: ReadonlySet<string>,
  externals: readonly ExternalReference[],
  failures: readonly InputError[],
): Map<string, string> {
  const publishedClean = unlinked.filter(({ clean }) => published.has(clean.id)).map(({ clean }) => clean);
  const files = new Map<string, string>();
  for (const clean of publishedClean) files.set(`text/${clean.id}.txt`, clean.text);
  for (const document of documents)
    files.set(`documents/${document.id}.json`, `${JSON.stringify(document, null, 2)}\n`);
  for (const table of recordsToTables(documents, externals))
    files.set(`${table.name}.csv`, tableToCsv(table));
  const ingest = {
    documents: publishedClean.map((clean) => ({
      id: clean.id,
      source_file: clean.sourceFile,
      ...clean.decoded,
      unresolved_characters: clean.unresolved,
      invisible_characters_removed: clean.invisible,
    })),
    failures: failures.map((failure) => ({
      file: failure.file,
      line: failure.line ?? null,
      reason: failure.reason,
    })),
  };
  files.set('ingest.json', `${JSON.stringify(ingest, null, 2)}\n`);
  return files;
}
