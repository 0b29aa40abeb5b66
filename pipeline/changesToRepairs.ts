// The change log as Repair records: every edit with its position in the decoded raw text.
import { lineColumn, lineStartOffsets, mapToRaw } from './textEdits.ts';
import type { Repair } from './generated/model.ts';
import type { CleanDocument } from './rawToClean.ts';

export function changesToRepairs(document: CleanDocument): Repair[] {
  const { raw, stages } = document.history;
  const lineStarts = lineStartOffsets(raw);
  return stages.flatMap((log, stageIndex) =>
    log.edits.map((edit) => {
      const position = lineColumn(raw, mapToRaw(edit.start, stages, stageIndex), lineStarts);
      return {
        stage: log.stage as Repair['stage'],
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
