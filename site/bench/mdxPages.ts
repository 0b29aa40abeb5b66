// Benchmark: why the generated MDX pages stay thin. Builds a scratch Astro project twice with the
// same N agreement pages (the seeds' records, repeated): once as thin MDX pages that render the
// record by id (what the site does), once as full-text MDX pages with every provision written
// into the MDX source (text as escaped expressions). Each is built at N/4 and N pages; the
// difference gives the cost of one more page (time and peak memory), without Astro's start-up.
//
//   npm run bench:site [-- <pages, default 400>]
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface Provision {
  id: string;
  text: string;
}
interface RecordLike {
  id: string;
  title: string;
  provisions: Provision[];
}

const PAGES = Number(process.argv[2] ?? 400);
const DATA = resolve(process.env['SITE_DATA'] ?? 'data/build');
const records: RecordLike[] = readdirSync(join(DATA, 'documents'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(DATA, 'documents', name), 'utf8')) as RecordLike);

const CONFIG = `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
export default defineConfig({ srcDir: './site', outDir: './dist', integrations: [mdx()] });
`;
const COLLECTION = `import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
export const collections = { pages: defineCollection({ loader: glob({ pattern: '*.mdx', base: './site/content' }) }) };
`;
const ROUTE = `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('pages')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { Content } = await render(Astro.props.entry);
---
<html lang="zh"><body><Content /></body></html>
`;
/** The data-driven page body: the record's provisions rendered from JSON, text escaped by Astro. */
const COMPONENT = `---
import { readFileSync } from 'node:fs';
const record = JSON.parse(readFileSync(process.cwd() + '/records/' + Astro.props.id + '.json', 'utf8'));
---
<article><h1>{record.title}</h1>{record.provisions.map((p) => <div id={p.id}><p>{p.text}</p></div>)}</article>
`;

function project(kind: 'thin' | 'full', pages: number): string {
  const root = mkdtempSync(join(tmpdir(), `mdx-bench-${kind}-`));
  mkdirSync(join(root, 'site', 'content'), { recursive: true });
  mkdirSync(join(root, 'site', 'pages'), { recursive: true });
  mkdirSync(join(root, 'site', 'components'), { recursive: true });
  mkdirSync(join(root, 'records'));
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  writeFileSync(join(root, 'astro.config.mjs'), CONFIG);
  writeFileSync(join(root, 'site', 'content.config.ts'), COLLECTION);
  writeFileSync(join(root, 'site', 'pages', '[id].astro'), ROUTE);
  writeFileSync(join(root, 'site', 'components', 'Record.astro'), COMPONENT);
  for (let i = 0; i < pages; i += 1) {
    const record = records[i % records.length]!;
    const id = `p${i}`;
    writeFileSync(join(root, 'records', `${id}.json`), JSON.stringify(record));
    const body =
      kind === 'thin'
        ? `import Record from '../components/Record.astro';\n\n<Record id="${id}" />\n`
        : `# {${JSON.stringify(record.title)}}\n\n` +
          record.provisions
            .map((p) => `<div id=${JSON.stringify(p.id)}>\n<p>{${JSON.stringify(p.text)}}</p>\n</div>`)
            .join('\n\n') +
          '\n';
    writeFileSync(join(root, 'site', 'content', `${id}.mdx`), `---\nid: ${id}\n---\n${body}`);
  }
  return root;
}

function build(root: string): { ms: number; maxRssMb: number } {
  const script = `const t=Date.now();const {build}=await import('astro');await build({root:${JSON.stringify(root)},logLevel:'error'});console.log(JSON.stringify({ms:Date.now()-t,maxRssMb:Math.round(process.resourceUsage().maxRSS/1024)}));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMb: number };
}

const small = Math.max(1, Math.floor(PAGES / 4));
console.log(`${small} and ${PAGES} pages from ${records.length} records`);
for (const kind of ['thin', 'full'] as const) {
  const runs = [small, PAGES].map((pages) => {
    const root = project(kind, pages);
    try {
      return build(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  const [a, b] = runs as [{ ms: number; maxRssMb: number }, { ms: number; maxRssMb: number }];
  const perPage = (b.ms - a.ms) / (PAGES - small);
  const memory = (b.maxRssMb - a.maxRssMb) / (PAGES - small);
  console.log(
    `${kind.padEnd(5)} MDX: ${a.ms} ms / ${b.ms} ms in all; one more page costs ${perPage.toFixed(2)} ms ` +
      `and ${memory.toFixed(2)} MB of peak memory (peak ${b.maxRssMb} MB)`,
  );
}
