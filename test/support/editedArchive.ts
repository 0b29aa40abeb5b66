// An archive as the site reads it, with some documents' records changed (and their versions with
// them), for tests of what a rebuild does when a record changes.
import { createHash } from 'node:crypto';
import type { Archive, Document } from '../../site/lib/data.ts';
import { summaryOf } from '../../site/lib/recordFiles.ts';

export function editedArchive(
  archive: Archive,
  changes: Record<string, (document: Document) => Document>,
): Archive {
  const change = <T extends Document>(document: T): T =>
    (changes[document.id] ? changes[document.id]!(document) : document) as T;
  const documents = archive.documents.map((summary) =>
    changes[summary.id] ? summaryOf(change(archive.load(summary.id))) : summary,
  );
  const recordVersions = new Map(archive.recordVersions);
  // A version of the record's content, as the records' index hashes it.
  for (const id of Object.keys(changes))
    recordVersions.set(
      id,
      createHash('sha256')
        .update(JSON.stringify(change(archive.load(id))))
        .digest('hex'),
    );
  return {
    ...archive,
    documents,
    byId: new Map(documents.map((document) => [document.id, document])),
    recordVersions,
    load: (id) => change(archive.load(id)),
  };
}
