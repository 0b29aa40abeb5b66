// One collection: the thin MDX pages the pipeline generates (pipeline/recordsToPages.ts), one per
// agreement. They hold an id and a component call, never document text.
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { pagesDir } from './lib/paths.ts';

export const collections = {
  documents: defineCollection({ loader: glob({ pattern: '*.mdx', base: pagesDir() }) }),
};
