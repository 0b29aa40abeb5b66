// datapackage.json: a Frictionless Data Package v2 descriptor of a release's payload. One tabular
// resource per CSV, whose schema is the table's entry in schemas/tables.json (bilingual titles and
// descriptions kept under `zh`), plus the SQLite and single-JSON forms; the seeds as sources.
import { sha256 } from './checksums.ts';
import {
  DESCRIPTION,
  DESCRIPTION_ZH,
  KEYWORDS,
  LICENSE,
  PACKAGE_NAME,
  TITLE,
  TITLE_ZH,
  CREATOR,
} from './metadata.ts';
import { PROFILE_URL } from './profile.ts';
import type { TableDescription } from './tables.ts';

export const CSV_DIALECT = {
  header: true,
  delimiter: ',',
  lineTerminator: '\r\n',
  quoteChar: '"',
  doubleQuote: true,
};

export interface SourceFile {
  /** Path in the repository, e.g. seeds/000_….txt. */
  path: string;
  sha256: string;
  title: string;
}

export interface DataPackageInput {
  version: string;
  date: string;
  tables: readonly TableDescription[];
  /** Payload files by path relative to datapackage.json. */
  files: ReadonlyMap<string, Uint8Array>;
  sources: readonly SourceFile[];
}

function fileFacts(files: ReadonlyMap<string, Uint8Array>, path: string) {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`datapackage.json: resource file ${path} is missing`);
  return { bytes: bytes.byteLength, hash: `sha256:${sha256(bytes)}` };
}

export function dataPackage(input: DataPackageInput): Record<string, unknown> {
  const tabular = input.tables.map((table) => ({
    name: table.name,
    type: 'table',
    path: `${table.name}.csv`,
    title: table.title,
    description: table.description,
    zh: table.zh,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    ...fileFacts(input.files, `${table.name}.csv`),
    dialect: CSV_DIALECT,
    schema: table.schema,
  }));
  const whole = [
    {
      name: 'archive-sqlite',
      path: 'archive.sqlite',
      title: 'All tables as one SQLite database',
      description:
        'The tables above with their types, primary and foreign keys, and full-text indexes ' +
        '(FTS5, trigram tokenizer) over provisions and tasks: provisions_fts and tasks_fts. ' +
        'Ready for Datasette.',
      zh: {
        title: 'SQLite 数据库（全部数据表）',
        description:
          '上列各表及其类型、主键、外键，并对条款与任务建有全文索引（FTS5，trigram 分词）：provisions_fts、tasks_fts。可直接用 Datasette 打开。',
      },
      format: 'sqlite',
      mediatype: 'application/vnd.sqlite3',
      ...fileFacts(input.files, 'archive.sqlite'),
    },
    {
      name: 'archive-json',
      path: 'archive.json',
      title: 'All documents as one JSON file',
      description:
        'The full record of every document (as in documents/<id>.json, exact text) and the external references.',
      zh: {
        title: 'JSON 文件（全部文件记录）',
        description: '每份文件的完整记录（同 documents/<id>.json，文本未作改动）及外部引用。',
      },
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
      ...fileFacts(input.files, 'archive.json'),
    },
  ];
  return {
    $schema: PROFILE_URL,
    name: PACKAGE_NAME,
    title: `${TITLE} · ${TITLE_ZH}`,
    description: `${DESCRIPTION}\n\n${DESCRIPTION_ZH}`,
    zh: { title: TITLE_ZH, description: DESCRIPTION_ZH },
    version: input.version,
    created: `${input.date}T00:00:00Z`,
    licenses: [LICENSE],
    contributors: [{ title: CREATOR, roles: ['creator'] }],
    keywords: KEYWORDS,
    sources: input.sources.map((source) => ({
      title: source.title,
      path: source.path,
      hash: `sha256:${source.sha256}`,
    })),
    resources: [...tabular, ...whole],
  };
}

/**
 * What the profile cannot check: every resource's bytes and hash match its file, every key names
 * real fields, and every foreign key points at a resource and fields that exist.
 */
export function checkDataPackage(descriptor: unknown, files: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  const resources = (descriptor as { resources: Record<string, unknown>[] }).resources;
  const fieldsOf = new Map<string, string[]>();
  for (const resource of resources) {
    const schema = resource['schema'] as TableDescription['schema'] | undefined;
    if (schema)
      fieldsOf.set(
        resource['name'] as string,
        schema.fields.map((field) => field.name),
      );
  }
  for (const resource of resources) {
    const name = resource['name'] as string;
    const path = resource['path'] as string;
    const bytes = files.get(path);
    if (!bytes) {
      problems.push(`${name}: ${path} is missing`);
      continue;
    }
    if (resource['bytes'] !== bytes.byteLength) problems.push(`${name}: bytes is not the size of ${path}`);
    if (resource['hash'] !== `sha256:${sha256(bytes)}`)
      problems.push(`${name}: hash is not the SHA-256 of ${path}`);
    const schema = resource['schema'] as TableDescription['schema'] | undefined;
    if (!schema) continue;
    const own = fieldsOf.get(name)!;
    for (const column of schema.primaryKey) {
      if (!own.includes(column)) problems.push(`${name}: primary key ${column} is not a field`);
    }
    for (const key of schema.foreignKeys ?? []) {
      const target = fieldsOf.get(key.reference.resource);
      if (!target) problems.push(`${name}: foreign key to unknown resource ${key.reference.resource}`);
      for (const column of key.fields) {
        if (!own.includes(column)) problems.push(`${name}: foreign key column ${column} is not a field`);
      }
      for (const column of key.reference.fields) {
        if (target && !target.includes(column)) {
          problems.push(`${name}: foreign key to ${key.reference.resource}.${column}, which is not a field`);
        }
      }
    }
  }
  return problems;
}
