// downloads/: every file of the current build (tables, one JSON and one text per document, the
// ingest report) and each document's rows of every table as CSV (downloads/documents/<id>/*.csv).
import type { APIRoute } from 'astro';
import { buildFiles, readBuildFile, documentTables } from '../../lib/downloads.ts';
import { getArchive } from '../../lib/data.ts';

export function getStaticPaths() {
  const files = buildFiles().map((file) => ({
    params: { path: file.path },
    props: { path: file.path, body: '' },
  }));
  const extracts = getArchive().documents.flatMap((document) =>
    documentTables(document).map((table) => ({
      params: { path: `documents/${document.id}/${table.name}` },
      props: { path: '', body: table.csv },
    })),
  );
  return [...files, ...extracts];
}

export const GET: APIRoute = ({ props }) => {
  const { path, body } = props as { path: string; body: string };
  return new Response(path ? new Uint8Array(readBuildFile(path)) : body);
};
