// Emits the reading site's thin MDX pages: one per agreement, generated from the validated
// records in the pipeline output, never hand-edited. A page holds the document id and one
// component call; the text reaches the page as data rendered by the site's components, so a `<`,
// `{`, `}` or `import` in a document is never MDX source. An optional hand-written commentary,
// site/notes/<id>.mdx, is imported into the page and survives every regeneration.
//
//   tsx pipeline/recordsToPages.ts [--data data/build] [--out site/content/documents] [--notes site/notes]
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stageOutput } from './outputFolder.ts';

/** Document ids as the pipeline makes them: lowercase pinyin words and digits joined by `-`. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The import prefixes the site's Vite config resolves to its sources and to the commentary. */
const SITE = '~site';
const NOTES = '~notes';

export interface PageRecord {
  id: string;
}

export interface PagesResult {
  /** File name → MDX source. */
  files: Map<string, string>;
  /** Notes that name no document (kept, but not shown anywhere). */
  orphanNotes: string[];
}

/** The MDX page for one document. Only the id goes into the source, and only a safe one. */
export function recordToPage(id: string, hasNotes: boolean): string {
  if (!SAFE_ID.test(id))
    throw new Error(`refusing to emit a page for document id ${JSON.stringify(id)}: not a safe id`);
  const lines = [
    '---',
    `# Generated from the record ${id}.json by pipeline/recordsToPages.ts; the build regenerates it.`,
    `# Do not edit. Commentary goes in site/notes/${id}.mdx.`,
    `id: ${id}`,
    `notes: ${hasNotes}`,
    '---',
    `import DocumentPage from '${SITE}/components/DocumentPage.astro';`,
  ];
  if (hasNotes) lines.push(`import Notes from '${NOTES}/${id}.mdx';`);
  lines.push('');
  lines.push(
    hasNotes
      ? `<DocumentPage id="${id}" view={props.view}>\n  <Notes />\n</DocumentPage>`
      : `<DocumentPage id="${id}" view={props.view} />`,
  );
  return lines.join('\n') + '\n';
}

/** One page per record; `notes` holds the ids that have a commentary file. */
export function recordsToPages(records: readonly PageRecord[], notes: ReadonlySet<string>): PagesResult {
  const files = new Map<string, string>();
  for (const { id } of records) {
    const name = `${id}.mdx`;
    if (files.has(name)) throw new Error(`two records with the id ${id}`);
    files.set(name, recordToPage(id, notes.has(id)));
  }
  const ids = new Set(records.map((record) => record.id));
  const orphanNotes = [...notes].filter((id) => !ids.has(id)).sort();
  return { files, orphanNotes };
}

async function readRecords(dataDir: string): Promise<PageRecord[]> {
  const folder = join(dataDir, 'documents');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  const records: PageRecord[] = [];
  for (const name of names) {
    const record: unknown = JSON.parse(await readFile(join(folder, name), 'utf8'));
    const id = (record as { id?: unknown }).id;
    if (typeof id !== 'string') throw new Error(`${join(folder, name)}: the record has no id`);
    if (`${id}.json` !== name) throw new Error(`${join(folder, name)}: the record's id is ${id}`);
    records.push({ id });
  }
  return records;
}

async function readNoteIds(notesDir: string): Promise<Set<string>> {
  const names = await readdir(notesDir).catch(() => [] as string[]);
  return new Set(names.filter((name) => name.endsWith('.mdx')).map((name) => name.slice(0, -'.mdx'.length)));
}

export async function emitPages(options: { data: string; out: string; notes: string }): Promise<PagesResult> {
  const records = await readRecords(options.data);
  const result = recordsToPages(records, await readNoteIds(options.notes));
  const output = await stageOutput(options.out);
  try {
    for (const [name, content] of result.files) await output.write(name, content);
    await output.commit();
  } catch (error) {
    await output.abandon();
    throw error;
  }
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env['SITE_DATA'] ?? 'data/build' },
      out: { type: 'string', default: process.env['SITE_PAGES'] ?? 'site/content/documents' },
      notes: { type: 'string', default: process.env['SITE_NOTES'] ?? 'site/notes' },
    },
  });
  const result = await emitPages({
    data: resolve(values.data),
    out: resolve(values.out),
    notes: resolve(values.notes),
  });
  for (const id of result.orphanNotes) console.error(`warning: site/notes/${id}.mdx names no document`);
  console.log(`${result.files.size} page(s) → ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
