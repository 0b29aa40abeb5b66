// Every change the pipeline makes to a text is an Edit. Stages return edits against their own
// input; the history of applied edits can be undone to give back the decoded raw text exactly.

export type EditKind = 'invisible' | 'normalise' | 'gbk-shift' | 'pinyin' | 'override' | 'chrome';

export interface Edit {
  /** Start offset (UTF-16 code units) in the stage's input text. */
  start: number;
  /** End offset (exclusive) in the stage's input text. */
  end: number;
  replacement: string;
  kind: EditKind;
  /** The rule that made the edit, e.g. `crlf`, `nav-line`, `pinyin-reading`. */
  rule: string;
  /** 0…1: how sure the rule is. Human overrides are 1. */
  confidence: number;
  note?: string;
}

export interface AppliedEdit extends Edit {
  original: string;
  /** Start offset of the replacement in the stage's output text. */
  outStart: number;
}

export interface StageLog {
  stage: string;
  edits: AppliedEdit[];
}

export interface TextHistory {
  /** The decoded text before any edit. */
  raw: string;
  stages: StageLog[];
  /** The text after every stage. */
  text: string;
}

/** Applies non-overlapping edits (any order) to `input`. Throws on overlap: that is a bug in a stage. */
export function applyEdits(input: string, edits: readonly Edit[]): { text: string; applied: AppliedEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: AppliedEdit[] = [];
  const parts: string[] = [];
  let cursor = 0;
  let outLength = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > input.length) {
      throw new Error(
        `Edit ${edit.kind}/${edit.rule} at ${edit.start}–${edit.end} overlaps another edit or leaves the text`,
      );
    }
    if (edit.start === edit.end && edit.replacement === '') continue;
    const kept = input.slice(cursor, edit.start);
    parts.push(kept, edit.replacement);
    outLength += kept.length;
    applied.push({ ...edit, original: input.slice(edit.start, edit.end), outStart: outLength });
    outLength += edit.replacement.length;
    cursor = edit.end;
  }
  parts.push(input.slice(cursor));
  return { text: parts.join(''), applied };
}

export function startHistory(raw: string): TextHistory {
  return { raw, stages: [], text: raw };
}

/** Runs one stage's edits on the history's current text. */
export function recordStage(history: TextHistory, stage: string, edits: readonly Edit[]): TextHistory {
  const { text, applied } = applyEdits(history.text, edits);
  return { raw: history.raw, stages: [...history.stages, { stage, edits: applied }], text };
}

/** Undoes one stage: from its output text back to its input text. */
export function undoStage(output: string, log: StageLog): string {
  let text = output;
  for (let i = log.edits.length - 1; i >= 0; i--) {
    const edit = log.edits[i]!;
    text = text.slice(0, edit.outStart) + edit.original + text.slice(edit.outStart + edit.replacement.length);
  }
  return text;
}

/** Undoes every logged stage: gives back the decoded raw text. */
export function undoAll(text: string, stages: readonly StageLog[]): string {
  return stages.reduceRight((current, log) => undoStage(current, log), text);
}

/** Maps an offset in a stage's output back to the matching offset in its input. */
export function mapToInput(offset: number, log: StageLog): number {
  let delta = 0;
  for (const edit of log.edits) {
    if (offset < edit.outStart) break;
    if (offset < edit.outStart + edit.replacement.length) return edit.start;
    delta = edit.end - (edit.outStart + edit.replacement.length);
  }
  return offset + delta;
}

/** mapToInput for offsets in ascending order, in one pass over the log's edits. */
function mapSortedToInput(offsets: readonly number[], log: StageLog): number[] {
  const { edits } = log;
  let next = 0;
  let delta = 0;
  return offsets.map((offset) => {
    while (next < edits.length && offset >= edits[next]!.outStart + edits[next]!.replacement.length) {
      const passed = edits[next]!;
      delta = passed.end - (passed.outStart + passed.replacement.length);
      next++;
    }
    const edit = edits[next];
    return edit && offset >= edit.outStart ? edit.start : offset + delta;
  });
}

/**
 * mapToRaw for many offsets of one stage's input, given in ascending order (as a stage's edits
 * are): linear in the number of edits, where mapping each offset alone is quadratic.
 */
export function mapSortedToRaw(
  offsets: readonly number[],
  stages: readonly StageLog[],
  stageIndex: number,
): number[] {
  let positions = [...offsets];
  for (let i = stageIndex - 1; i >= 0; i--) positions = mapSortedToInput(positions, stages[i]!);
  return positions;
}

/** Maps an offset in the input of stage `stageIndex` back to an offset in the raw text. */
export function mapToRaw(offset: number, stages: readonly StageLog[], stageIndex: number): number {
  let position = offset;
  for (let i = stageIndex - 1; i >= 0; i--) position = mapToInput(position, stages[i]!);
  return position;
}

export interface LineColumn {
  line: number;
  column: number;
}

/** 1-based line and column (in code points) of an offset. */
export function lineColumn(text: string, offset: number, lineStarts = lineStartOffsets(text)): LineColumn {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  const column = [...text.slice(lineStarts[low]!, offset)].length + 1;
  return { line: low + 1, column };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** lineColumn for offsets in ascending order, in one pass: no line is counted twice. */
export function lineColumns(
  text: string,
  offsets: readonly number[],
  lineStarts = lineStartOffsets(text),
): LineColumn[] {
  let line = 0;
  let cursor = 0;
  let column = 1;
  return offsets.map((offset) => {
    if (offset < cursor) return lineColumn(text, offset, lineStarts);
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) {
      line++;
      cursor = lineStarts[line]!;
      column = 1;
    }
    // Code points from the cursor: a surrogate pair counts once, even split by the cursor.
    column += offset - cursor;
    for (let k = Math.max(cursor, lineStarts[line]! + 1); k < offset; k++) {
      if (isLow(text.charCodeAt(k)) && isHigh(text.charCodeAt(k - 1))) column--;
    }
    cursor = offset;
    return { line: line + 1, column };
  });
}

export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
