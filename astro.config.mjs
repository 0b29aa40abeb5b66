// The reading site. Sources live in site/; the pipeline's output in data/ is its only input.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  base: process.env.BASE_PATH ?? '/',
  trailingSlash: 'always',
  integrations: [mdx()],
});
