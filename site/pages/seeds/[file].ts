// seeds/: the raw scraped file of every document, byte for byte, checked against its SHA-256.
import type { APIRoute } from 'astro';
import { getArchive, type Document } from '../../lib/data.ts';
import { seedBytes, seedName } from '../../lib/downloads.ts';

export function getStaticPaths() {
  return getArchive().documents.map((document) => ({ params: { file: seedName(document) }, props: { document } }));
}

export const GET: APIRoute = ({ props }) => new Response(new Uint8Array(seedBytes((props as { document: Document }).document)));
