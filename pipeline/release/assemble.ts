// Everything a release holds, as bytes by path, from the pipeline's output: pure apart from the
// SQLite file's passage through a temporary file. The payload goes under data/, the tag files
// beside it; SHA256SUMS comes last and lists every other file.
import { archiveJson } from './archiveJson.ts';
import { bagTagFiles, manifest, PAYLOAD_DIR, SUMS_FILE, TAG_MANIFEST } from './bagit.ts';
import { changesJson, changesMarkdown } from './changesReport.ts';
import { comparePaths, formatChecksums, sha256 } from './checksums.ts';
import { checkDataPackage, dataPackage, type SourceFile } from './dataPackage.ts';
import { dictionary } from './dictionary.ts';
import { diffReleases, type Changes, type Snapshot } from './diff.ts';
import { EXCEL_DIR, excelCsv, plainCsv } from './csvFormats.ts';
import { PACKAGE_NAME, TITLE } from './metadata.ts';
import { validateDataPackage } from './profile.ts';
import { releaseReadme } from './releaseReadme.ts';
import type { Bump } from './semver.ts';
import { buildSqlite } from './sqliteArchive.ts';
import { parseTableCsv, typedRows, type TableDescription } from './tables.ts';

export interface AssembleInput {
  version: string;
  date: string;
  /** The pipeline's output files (BuildResult.files). */
  build: ReadonlyMap<string, string>;
  tables: TableDescription[];
  /** The schema files, by path relative to schemas/. */
  schemaFiles: ReadonlyMap<string, Uint8Array>;
  sources: readonly SourceFile[];
  previous: { version: string; snapshot: Snapshot } | null;
  given: Bump | null;
}

export interface AssembledRelease {
  files: Map<string, Uint8Array>;
  payload: Map<string, Uint8Array>;
  changes: Changes;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

export function assembleRelease(input: AssembleInput): AssembledRelease {
  const payload = new Map<string, Uint8Array>();
  for (const [path, content] of input.build) payload.set(path, utf8(content));

  const tableRows = input.tables.map((table) => {
    const csv = input.build.get(`${table.name}.csv`);
    if (csv === undefined) throw new Error(`the build has no ${table.name}.csv`);
    const parsed = parseTableCsv(csv, table, `${table.name}.csv`);
    payload.set(`${table.name}.csv`, plainCsv(parsed));
    payload.set(`${EXCEL_DIR}/${table.name}.csv`, excelCsv(table, parsed));
    return { table, parsed, rows: typedRows(table, parsed) };
  });
  payload.set('archive.sqlite', buildSqlite(tableRows));

  const documentsTable = tableRows.find(({ table }) => table.name === 'documents');
  const externals = tableRows.find(({ table }) => table.name === 'external_references');
  if (!documentsTable || !externals) throw new Error('tables.json lacks documents or external_references');
  const ids = documentsTable.parsed.rows.map((row) => row[documentsTable.parsed.columns.indexOf('id')]!);
  const documents = ids.map((id) => {
    const json = input.build.get(`documents/${id}.json`);
    if (json === undefined) throw new Error(`the build has no documents/${id}.json`);
    return JSON.parse(json) as unknown;
  });
  payload.set(
    'archive.json',
    utf8(
      archiveJson({
        name: PACKAGE_NAME,
        version: input.version,
        date: input.date,
        documents,
        externalReferences: { table: externals.table, rows: externals.rows },
      }),
    ),
  );

  for (const [path, bytes] of input.schemaFiles) payload.set(`schemas/${path}`, bytes);
  payload.set('DICTIONARY.md', utf8(dictionary(input.tables, input.version)));

  const descriptor = dataPackage({
    version: input.version,
    date: input.date,
    tables: input.tables,
    files: payload,
    sources: input.sources,
  });
  const problems = [...validateDataPackage(descriptor), ...checkDataPackage(descriptor, payload)];
  if (problems.length > 0) throw new Error(`datapackage.json is not valid:\n${problems.join('\n')}`);
  payload.set('datapackage.json', utf8(`${JSON.stringify(descriptor, null, 2)}\n`));

  const changes = diffReleases({
    version: input.version,
    date: input.date,
    previous: input.previous,
    current: { tables: input.tables, files: payload },
    given: input.given,
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
        rowCounts: new Map(tableRows.map(({ table, rows }) => [table.name, rows.length])),
        documentCount: ids.length,
      }),
    ),
  );
  tags.set('CHANGES.md', utf8(changesMarkdown(changes)));
  tags.set('changes.json', utf8(changesJson(changes)));
  const bag = bagTagFiles(payload, {
    date: input.date,
    version: input.version,
    sourceOrganization: `${TITLE} (${PACKAGE_NAME})`,
    externalDescription: `Open data release ${input.version} of the ${TITLE}.`,
    externalIdentifier: `${PACKAGE_NAME}-${input.version}`,
  });
  for (const [path, text] of bag) tags.set(path, utf8(text));

  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of payload) files.set(`${PAYLOAD_DIR}/${path}`, bytes);
  for (const [path, bytes] of tags) files.set(path, bytes);
  files.set(TAG_MANIFEST, utf8(manifest(tags)));
  const sums = [...files.keys()]
    .sort(comparePaths)
    .map((path) => ({ path, sha256: sha256(files.get(path)!) }));
  files.set(SUMS_FILE, utf8(formatChecksums(sums)));
  return { files, payload, changes };
}
