// Everything a release holds, by path, from the pipeline's output. The payload goes under data/,
// the tag files beside it; SHA256SUMS comes last and lists every other file. A release at 10,000
// documents is gigabytes, so nothing holds it whole: the build's files are read when needed, one at
// a time; the tables are parsed one after the other; and the files the cut makes are written to a
// scratch folder and read back from there (lazyFiles.ts), but for the small descriptive ones.
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { archiveJsonPieces } from './archiveJson.ts';
import { bagTagFiles, manifest, PAYLOAD_DIR, SUMS_FILE, TAG_MANIFEST } from './bagit.ts';
import { changesJson, changesMarkdown } from './changesReport.ts';
import { comparePaths, formatChecksums, sha256 } from './checksums.ts';
import { checkDataPackage, dataPackage, type SourceFile } from './dataPackage.ts';
import { dictionary } from './dictionary.ts';
import { diffReleases, type Changes, type Snapshot } from './diff.ts';
import { EXCEL_DIR, excelCsv, plainCsv } from './csvFormats.ts';
import { LazyFiles } from './lazyFiles.ts';
import { PACKAGE_NAME, TITLE } from './metadata.ts';
import { validateDataPackage } from './profile.ts';
import { releaseReadme } from './releaseReadme.ts';
import type { Bump } from './semver.ts';
import { SqliteArchive } from './sqliteArchive.ts';
import { parseTableCsv, typedRows, type Cell, type TableDescription } from './tables.ts';

export interface AssembleInput {
  version: string;
  date: string;
  /** The pipeline's output files (BuildResult.files), each read when needed. */
  build: ReadonlyMap<string, Uint8Array>;
  tables: TableDescription[];
  /** The schema files, by path relative to schemas/. */
  schemaFiles: ReadonlyMap<string, Uint8Array>;
  sources: readonly SourceFile[];
  previous: { version: string; snapshot: Snapshot } | null;
  given: Bump | null;
  /** An empty folder for the files the cut makes; the caller removes it once the release is frozen. */
  scratch: string;
}

export interface AssembledRelease {
  files: LazyFiles;
  payload: LazyFiles;
  changes: Changes;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** The payload: the build's files, and those the cut makes, written to the scratch folder. */
class Payload {
  readonly files: LazyFiles;
  private readonly scratch: string;

  constructor(build: ReadonlyMap<string, Uint8Array>, scratch: string) {
    this.files = new LazyFiles().setAll(build);
    this.scratch = scratch;
  }

  /** The scratch file for `path`, which the payload reads from then on: the caller writes it. */
  made(path: string): string {
    const file = join(this.scratch, path);
    mkdirSync(dirname(file), { recursive: true });
    this.files.set(path, () => readFileSync(file));
    return file;
  }

  write(path: string, bytes: Uint8Array): void {
    writeFileSync(this.made(path), bytes);
  }
}

interface TableFacts {
  rowCounts: Map<string, number>;
  /** The documents' ids, in the order of documents.csv. */
  ids: string[];
  externals: { table: TableDescription; rows: Cell[][] };
}

/** The tables, one at a time: their CSVs written again (plain and excel/), their rows put in archive.sqlite. */
function assembleTables(input: AssembleInput, payload: Payload): TableFacts {
  const rowCounts = new Map<string, number>();
  let ids: string[] | undefined;
  let externals: TableFacts['externals'] | undefined;
  const sqlite = new SqliteArchive(input.tables);
  try {
    for (const table of input.tables) {
      const path = `${table.name}.csv`;
      const csv = input.build.get(path);
      if (csv === undefined) throw new Error(`the build has no ${table.name}.csv`);
      const parsed = parseTableCsv(Buffer.from(csv).toString('utf8'), table, path);
      payload.write(path, plainCsv(parsed));
      payload.write(`${EXCEL_DIR}/${path}`, excelCsv(table, parsed));
      const rows = typedRows(table, parsed);
      sqlite.insert(table, rows);
      rowCounts.set(table.name, rows.length);
      if (table.name === 'documents') ids = parsed.rows.map((row) => row[parsed.columns.indexOf('id')]!);
      if (table.name === 'external_references') externals = { table, rows };
    }
    sqlite.finish(payload.made('archive.sqlite'));
  } finally {
    sqlite.close();
  }
  if (!ids || !externals) throw new Error('tables.json lacks documents or external_references');
  return { rowCounts, ids, externals };
}

/** archive.json, written a document at a time. */
function writeArchiveJson(input: AssembleInput, payload: Payload, facts: TableFacts): void {
  const documents = function* () {
    for (const id of facts.ids) {
      const json = input.build.get(`documents/${id}.json`);
      if (json === undefined) throw new Error(`the build has no documents/${id}.json`);
      yield json;
    }
  };
  const file = openSync(payload.made('archive.json'), 'w');
  try {
    for (const piece of archiveJsonPieces({
      name: PACKAGE_NAME,
      version: input.version,
      date: input.date,
      documents: documents(),
      externalReferences: facts.externals,
    }))
      writeSync(file, piece);
  } finally {
    closeSync(file);
  }
}

export function assembleRelease(input: AssembleInput): AssembledRelease {
  const payload = new Payload(input.build, input.scratch);
  const facts = assembleTables(input, payload);
  writeArchiveJson(input, payload, facts);

  for (const [path, bytes] of input.schemaFiles) payload.files.set(`schemas/${path}`, bytes);
  payload.files.set('DICTIONARY.md', utf8(dictionary(input.tables, input.version)));

  const descriptor = dataPackage({
    version: input.version,
    date: input.date,
    tables: input.tables,
    files: payload.files,
    sources: input.sources,
  });
  const problems = [...validateDataPackage(descriptor), ...checkDataPackage(descriptor, payload.files)];
  if (problems.length > 0) throw new Error(`datapackage.json is not valid:\n${problems.join('\n')}`);
  payload.files.set('datapackage.json', utf8(`${JSON.stringify(descriptor, null, 2)}\n`));

  const changes = diffReleases({
    version: input.version,
    date: input.date,
    previous: input.previous,
    current: { tables: input.tables, files: payload.files },
    given: input.given,
    rowCounts: facts.rowCounts,
  });

  const tags = new Map<string, Uint8Array>();
  tags.set(
    'README.md',
    utf8(
      releaseReadme({
        version: input.version,
        date: input.date,
        previous: input.previous?.version ?? null,
        tables: input.tables,
        rowCounts: facts.rowCounts,
        documentCount: facts.ids.length,
      }),
    ),
  );
  tags.set('CHANGES.md', utf8(changesMarkdown(changes)));
  tags.set('changes.json', utf8(changesJson(changes)));
  const bag = bagTagFiles(payload.files, {
    date: input.date,
    version: input.version,
    sourceOrganization: `${TITLE} (${PACKAGE_NAME})`,
    externalDescription: `Open data release ${input.version} of the ${TITLE}.`,
    externalIdentifier: `${PACKAGE_NAME}-${input.version}`,
  });
  for (const [path, text] of bag) tags.set(path, utf8(text));

  const files = new LazyFiles().setAll(payload.files, `${PAYLOAD_DIR}/`).setAll(tags);
  files.set(TAG_MANIFEST, utf8(manifest(tags)));
  const sums = [...files.keys()]
    .sort(comparePaths)
    .map((path) => ({ path, sha256: sha256(files.get(path)!) }));
  files.set(SUMS_FILE, utf8(formatChecksums(sums)));
  return { files, payload: payload.files, changes };
}
