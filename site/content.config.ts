// One collection: the hand-written commentary, one optional site/notes/<id>.mdx per agreement,
// shown on that agreement's page. The agreements themselves are data (site/lib/data.ts).
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { notesDir } from './lib/paths.ts';

export const collections = {
  notes: defineCollection({ loader: glob({ pattern: '[a-z0-9]*.mdx', base: notesDir() }) }),
};
