// The files the site publishes for download, all read from the pipeline output (and the seeds
// and releases it names): whole tables, one JSON and one text per document, per-document CSV
// extracts, the raw seeds byte for byte, and frozen releases. Pages list them from here; the
// files themselves are copied into the built site once (site/integrations/publishFiles.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { recordsToTables, tableToCsv } from '../../pipeline/recordsToTables.ts';
import { isVersion, sortVersions } from '../../pipeline/release/semver.ts';
import type { Document, DocumentSummary } from './data.ts';
import { dataDir, releasesDir } from './paths.ts';

export interface DownloadFile {
  /** Path under the site's downloads/ (or seeds/, releases/) folder. */
  path: string;
  bytes: number;
}

/** Files directly in a folder (not its sub-folders), by name, with their sizes. */
function topLevelFiles(root: string): DownloadFile[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => ({ path: entry.name, bytes: statSync(join(root, entry.name)).size }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The whole-archive files of the current build (the tables, the ingest report), as published
 * under downloads/. The per-document files are linked from each document's page instead.
 */
export function buildFiles(): DownloadFile[] {
  return topLevelFiles(dataDir());
}

/**
 * A document's rows of every table that has any, as CSV: the same tables the pipeline publishes,
 * cut to one document (pipeline/recordsToTables.ts), so a reader can take one agreement away.
 */
export function documentTables(document: Document): { name: string; rows: number; csv: () => string }[] {
  return recordsToTables([document], [])
    .filter((table) => table.rows.length > 0)
    .map((table) => ({ name: `${table.name}.csv`, rows: table.rows.length, csv: () => tableToCsv(table) }));
}

/** The raw seed of a document, checked against the SHA-256 in its record. */
export async function seedBytes(document: DocumentSummary): Promise<Buffer> {
  const bytes = await readFile(resolve(document.source.file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== document.source.sha256) {
    throw new Error(
      `${document.source.file} has changed since the build (SHA-256 ${sha}, record ${document.source.sha256})`,
    );
  }
  return bytes;
}

/** The name a seed is published under (seeds/<name>): its file name, never a path. */
export function seedName(document: DocumentSummary): string {
  const name = basename(document.source.file);
  if (name === '' || name === '.' || name === '..')
    throw new Error(`${document.source.file} has no file name to publish under`);
  return name;
}

export interface Release {
  version: string;
  /** The whole-archive files (tables, database, package descriptor, tag files …). */
  files: { path: string; sha256: string; bytes: number }[];
  /** How many per-document files (data/documents/, data/text/) the release also holds. */
  documentFiles: number;
  changes: string | null;
  date: string | null;
}

/** Per-document files of a release: listed in its SHA256SUMS, linked from no page of their own. */
const PER_DOCUMENT = /^data\/(documents|text)\//;

/** The frozen releases in data/releases/<version>/, newest first; none when the folder is missing. */
export function releases(): Release[] {
  const root = releasesDir();
  if (!existsSync(root)) return [];
  const versions = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isVersion(entry.name))
    .map((entry) => entry.name);
  return sortVersions(versions)
    .reverse()
    .map((version) => {
      const dir = join(root, version);
      const sums = existsSync(join(dir, 'SHA256SUMS')) ? readFileSync(join(dir, 'SHA256SUMS'), 'utf8') : '';
      const listed = sums
        .split('\n')
        .map((line) => /^([0-9a-f]{64}) [ *]?(.+)$/.exec(line.trim()))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => ({ path: match[2]!.replace(/^\.\//, ''), sha256: match[1]! }));
      const whole = listed.filter((file) => !PER_DOCUMENT.test(file.path));
      const files = [...whole, ...(listed.length > 0 ? [{ path: 'SHA256SUMS', sha256: '' }] : [])].map(
        (file) => {
          const full = join(dir, file.path);
          return { ...file, bytes: existsSync(full) ? statSync(full).size : 0 };
        },
      );
      const changesFile = join(dir, 'CHANGES.md');
      const changes = existsSync(changesFile) ? readFileSync(changesFile, 'utf8') : null;
      const date = /(\d{4}-\d{2}-\d{2})/.exec(changes ?? '')?.[1] ?? null;
      const documentFiles = listed.length - whole.length;
      return { version, files, documentFiles, changes, date };
    });
}

/** Whether the releases folder has its own feed (releases/feed.xml). */
export function hasReleaseFeed(): boolean {
  return existsSync(join(releasesDir(), 'feed.xml'));
}

/** data/CHANGELOG.md (beside the releases folder), if there is one. */
export function changelog(): string | null {
  const file = join(releasesDir(), '..', 'CHANGELOG.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
