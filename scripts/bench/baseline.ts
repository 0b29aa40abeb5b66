// The minimal baseline the build is compared with: a throwaway Astro project over the same records,
// with one data-driven route (every documents/*.json record → one page holding its title and its
// provisions' text, nothing else), and one Pagefind index with default settings over the result.
// The project uses this project's Astro (its node_modules, linked in), so both builds run the same
// versions.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const ASTRO = resolve('node_modules', 'astro', 'bin', 'astro.mjs');

/** The route: getStaticPaths reads every record; the page renders it plainly. */
export function baselineRoute(documents: string): string {
  return `---
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function getStaticPaths() {
  const folder = ${JSON.stringify(documents)};
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const record = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      return {
        params: { id: record.id },
        props: { title: record.title, texts: record.provisions.map((provision) => provision.text) },
      };
    });
}

const { title, texts } = Astro.props;
---
<html lang="zh">
  <head>
    <meta charset="utf-8" />
    <title>{title}</title>
  </head>
  <body>
    <main>
      <h1>{title}</h1>
      {texts.map((text) => <p>{text}</p>)}
    </main>
  </body>
</html>
`;
}

const CONFIG = `// The minimal baseline: one data-driven route, static output, Astro's defaults otherwise.
export default {
  srcDir: './src',
  outDir: './dist',
  cacheDir: './.astro-cache',
  build: { format: 'directory' },
};
`;

/** Writes the baseline project into `root` over the records in `data` (a pipeline output folder). */
export async function writeBaseline(root: string, data: string): Promise<{ dist: string }> {
  const pages = join(root, 'src', 'pages', 'documents');
  await mkdir(pages, { recursive: true });
  await writeFile(join(pages, '[id].astro'), baselineRoute(resolve(data, 'documents')));
  await writeFile(join(root, 'astro.config.mjs'), CONFIG);
  await writeFile(join(root, 'package.json'), JSON.stringify({ private: true, type: 'module' }) + '\n');
  // The generated page imports Astro's runtime; it resolves through this project's node_modules.
  await symlink(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return { dist: join(root, 'dist') };
}
