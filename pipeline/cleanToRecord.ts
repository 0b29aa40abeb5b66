// One clean document to its full record: metadata, provisions, tasks, agencies, citations and
// commitments. References are linked across the corpus afterwards (linkReferences).
import type { Document } from './generated/model.ts';
import type { CleanDocument } from './rawToClean.ts';
import { changesToRepairs } from './changesToRepairs.ts';
import { cleanToProvisions } from './cleanToProvisions.ts';
import { cleanToMetadata } from './cleanToMetadata.ts';
import { provisionsToTasks } from './provisionsToTasks.ts';
import { provisionsToReferences, type CitedWork } from './provisionsToReferences.ts';
import { provisionsToCommitments } from './provisionsToCommitments.ts';
import type { Gazetteer } from './resolveAgencies.ts';
import { NATIONAL_CODE } from './regions.ts';
import { NO_CLOCK, type StageClock } from './stageClock.ts';

export interface UnlinkedRecord {
  record: Omit<Document, 'references'>;
  cited: CitedWork[];
}

export function cleanToRecord(
  clean: CleanDocument,
  sourceSha256: string,
  gazetteer: Gazetteer,
  clock: StageClock = NO_CLOCK,
): UnlinkedRecord {
  const body = clean.history.text;
  const { parsed, metadata } = clock.time('parse', () => {
    const parsed = cleanToProvisions(body, clean.id);
    const chrome = clean.history.stages.find((stage) => stage.stage === 'chrome')?.edits ?? [];
    return { parsed, metadata: cleanToMetadata(parsed.provisions, chrome, clean.docNumber, body) };
  });
  return clock.time('extract', () => extract(clean, sourceSha256, gazetteer, parsed, metadata));
}

function extract(
  clean: CleanDocument,
  sourceSha256: string,
  gazetteer: Gazetteer,
  parsed: ReturnType<typeof cleanToProvisions>,
  metadata: ReturnType<typeof cleanToMetadata>,
): UnlinkedRecord {
  const jurisdiction = metadata.regions.find((region) => region !== NATIONAL_CODE) ?? NATIONAL_CODE;
  const tasks = provisionsToTasks(parsed.provisions, { documentId: clean.id, jurisdiction }, gazetteer);
  return {
    record: {
      schema_version: '1.0',
      id: clean.id,
      ...metadata,
      source: {
        file: clean.sourceFile,
        sha256: sourceSha256,
        encoding: clean.decoded.encoding,
        bom: clean.decoded.bom,
        encoding_evidence: clean.decoded.evidence,
      },
      provisions: parsed.provisions,
      tasks: tasks.tasks,
      agencies: tasks.agencies,
      commitments: provisionsToCommitments(parsed.provisions, clean.id),
      repairs: changesToRepairs(clean),
      problems: [...parsed.problems, ...tasks.problems],
    },
    cited: provisionsToReferences(parsed.provisions, clean.id),
  };
}
