// The change log as rows for repairs.csv: every edit with its position in the decoded raw text.
import { lineColumn, lineStartOffsets, mapToRaw } from './textEdits.ts';
import type { CleanDocument } from './rawToClean.ts';

export const REPAIR_COLUMNS = [
  'document_id',
  'source_file',
  'stage',
  'kind',
  'rule',
  'line',
  'column',
  'original',
  'replacement',
  'confidence',
  'note',
] as const;

export type RepairRow = Record<(typeof REPAIR_COLUMNS)[number], string | number>;

export function changesToRows(document: CleanDocument): RepairRow[] {
  const { raw, stages } = document.history;
  const lineStarts = lineStartOffsets(raw);
  return stages.flatMap((log, stageIndex) =>
    log.edits.map((edit) => {
      const position = lineColumn(raw, mapToRaw(edit.start, stages, stageIndex), lineStarts);
      return {
        document_id: document.id,
        source_file: document.sourceFile,
        stage: log.stage,
        kind: edit.kind,
        rule: edit.rule,
        line: position.line,
        column: position.column,
        original: edit.original,
        replacement: edit.replacement,
        confidence: edit.confidence,
        note: edit.note ?? '',
      };
    }),
  );
}
