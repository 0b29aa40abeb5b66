// releases/: the frozen releases in data/releases/, published as they are.
import type { APIRoute } from 'astro';
import { releaseFiles, readReleaseFile } from '../../lib/downloads.ts';

export function getStaticPaths() {
  return releaseFiles().map((path) => ({ params: { path }, props: { path } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(readReleaseFile((props as { path: string }).path)));
