// The files the site publishes for download, all read from the pipeline output (and the seeds
// and releases it names): whole tables, one JSON and one text per document, per-document CSV
// extracts, the raw seeds byte for byte, and frozen releases.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { getArchive, type Document } from './data.ts';
import { dataDir, releasesDir } from './paths.ts';

export interface DownloadFile {
  /** Path under the site's downloads/ (or seeds/, releases/) folder. */
  path: string;
  bytes: number;
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** Every file of the current build, as published under downloads/. */
export function buildFiles(): DownloadFile[] {
  const root = dataDir();
  return listFiles(root).map((path) => ({ path, bytes: statSync(join(root, path)).size }));
}

export function readBuildFile(path: string): Buffer {
  return readFileSync(safeJoin(dataDir(), path));
}

function safeJoin(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(resolve(root) + sep)) throw new Error(`refusing to read ${path}: outside ${root}`);
  return full;
}

/** The top-level CSV tables of the build (documents.csv, tasks.csv …). */
export function tableNames(): string[] {
  return buildFiles()
    .map((file) => file.path)
    .filter((path) => !path.includes('/') && path.endsWith('.csv'));
}

const tableCache = new Map<string, { columns: string[]; rows: Record<string, string>[] }>();

function readTable(name: string): { columns: string[]; rows: Record<string, string>[] } {
  let table = tableCache.get(name);
  if (!table) {
    const text = readBuildFile(name).toString('utf8');
    const records = parse(text, { bom: true }) as string[][];
    const [columns = [], ...body] = records;
    table = {
      columns,
      rows: body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']))),
    };
    tableCache.set(name, table);
  }
  return table;
}

/** The per-document CSV extracts: the rows of each table that belong to the document. */
export function documentTables(document: Document): { name: string; csv: string; rows: number }[] {
  const taskIds = new Set(document.tasks.map((task) => task.id));
  const out: { name: string; csv: string; rows: number }[] = [];
  for (const name of tableNames()) {
    const { columns, rows } = readTable(name);
    let keep: (row: Record<string, string>) => boolean;
    if (columns.includes('document_id')) keep = (row) => row['document_id'] === document.id;
    else if (name === 'documents.csv') keep = (row) => row['id'] === document.id;
    else if (columns.includes('task_id')) keep = (row) => taskIds.has(row['task_id'] ?? '');
    else if (name === 'agencies.csv') {
      const ids = new Set(document.agencies.map((agency) => agency.id));
      keep = (row) => ids.has(row['id'] ?? '');
    } else continue;
    const selected = rows.filter(keep);
    const csv = stringify(selected, { header: true, columns, record_delimiter: '\r\n' });
    out.push({ name, csv, rows: selected.length });
  }
  return out;
}

/** The raw seed of a document, checked against the SHA-256 in its record. */
export function seedBytes(document: Document): Buffer {
  const bytes = readFileSync(resolve(document.source.file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== document.source.sha256) {
    throw new Error(
      `${document.source.file} has changed since the build (SHA-256 ${sha}, record ${document.source.sha256})`,
    );
  }
  return bytes;
}

export function seedName(document: Document): string {
  return document.source.file.split('/').pop() ?? document.source.file;
}

export interface Release {
  version: string;
  files: { path: string; sha256: string; bytes: number }[];
  changes: string | null;
  date: string | null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

/** The frozen releases in data/releases/<version>/, newest first; none when the folder is missing. */
export function releases(): Release[] {
  const root = releasesDir();
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+\.\d+\.\d+/.test(entry.name))
    .map((entry) => {
      const dir = join(root, entry.name);
      const sums = existsSync(join(dir, 'SHA256SUMS')) ? readFileSync(join(dir, 'SHA256SUMS'), 'utf8') : '';
      const files = sums
        .split('\n')
        .map((line) => /^([0-9a-f]{64}) [ *]?(.+)$/.exec(line.trim()))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => {
          const path = match[2]!.replace(/^\.\//, '');
          const full = join(dir, path);
          return { path, sha256: match[1]!, bytes: existsSync(full) ? statSync(full).size : 0 };
        });
      const changesFile = join(dir, 'CHANGES.md');
      const changes = existsSync(changesFile) ? readFileSync(changesFile, 'utf8') : null;
      const date = /(\d{4}-\d{2}-\d{2})/.exec(changes ?? '')?.[1] ?? null;
      return { version: entry.name, files, changes, date };
    })
    .sort((a, b) => compareVersions(b.version, a.version));
}

/** Every file under data/releases/, for publishing beside the site. */
export function releaseFiles(): string[] {
  return listFiles(releasesDir());
}

export function readReleaseFile(path: string): Buffer {
  return readFileSync(safeJoin(releasesDir(), path));
}

/** data/CHANGELOG.md (beside the releases folder), if there is one. */
export function changelog(): string | null {
  const file = join(releasesDir(), '..', 'CHANGELOG.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export function documentsWithSeeds(): Document[] {
  return getArchive().documents;
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
