// The change log as Repair records: every edit with its position in the decoded raw text.
import { lineColumns, lineStartOffsets, mapSortedToRaw } from './textEdits.ts';
import type { Repair } from './generated/model.ts';
import type { CleanDocument } from './rawToClean.ts';

export function changesToRepairs(document: CleanDocument): Repair[] {
  const { raw, stages } = document.history;
  const lineStarts = lineStartOffsets(raw);
  return stages.flatMap((log, stageIndex) => {
    // A stage's edits are in text order, so their positions are found in one pass.
    const offsets = mapSortedToRaw(
      log.edits.map((edit) => edit.start),
      stages,
      stageIndex,
    );
    const positions = lineColumns(raw, offsets, lineStarts);
    return log.edits.map((edit, index) => {
      const position = positions[index]!;
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
    });
  });
}
