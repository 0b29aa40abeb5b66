// One seed file from bytes to clean body, with the full history of what changed and why.
// Pure: the caller reads the bytes and writes the results.
import { bytesToText, type DecodedText } from './bytesToText.ts';
import { normaliseText } from './normaliseText.ts';
import { removeInvisible, countRemoved } from './removeInvisible.ts';
import { repairGbkShift, GETA, DEFAULT_GBK_SHIFT_CONFIG, type GbkShiftConfig } from './repairGbkShift.ts';
import { removePinyin } from './removePinyin.ts';
import { applyOverrides, overridesFor, type Override } from './applyOverrides.ts';
import { textToBody } from './textToBody.ts';
import { DEFAULT_CHROME_RULES, type ChromeRules } from './chromeRules.ts';
import { InputError } from './inputError.ts';
import { recordStage, startHistory, type Edit, type TextHistory } from './textEdits.ts';
import { ownDocNumber, idFromDocNumber, idFromTitle } from './documentId.ts';
import type { DocNumber } from './docNumbers.ts';
import { NO_CLOCK, type StageClock } from './stageClock.ts';

export interface CleanConfig {
  gbkShift: GbkShiftConfig;
  chrome: ChromeRules;
  overrides: readonly Override[];
  /** Most logged changes a document may need; a file needing more is mostly unreadable. */
  maxChanges: number;
}

export const DEFAULT_CLEAN_CONFIG: CleanConfig = {
  gbkShift: DEFAULT_GBK_SHIFT_CONFIG,
  chrome: DEFAULT_CHROME_RULES,
  overrides: [],
  // The seeds need at most a few thousand; a hostile file could need one per character, and its
  // change log would then be a hundred times the size of the file.
  maxChanges: 100_000,
};

export interface CleanDocument {
  id: string;
  sourceFile: string;
  decoded: Omit<DecodedText, 'text'>;
  /** The page's own 发文字号, from the body or the chrome around it. */
  docNumber: DocNumber | undefined;
  history: TextHistory;
  /** Characters lost in the scrape that no reviewed override settles yet. */
  unresolved: number;
  /** Invisible and control characters removed from the text (README: Invisible and control characters). */
  invisible: number;
}

export function rawToClean(
  bytes: Uint8Array,
  sourceFile: string,
  config: CleanConfig,
  clock: StageClock = NO_CLOCK,
): CleanDocument {
  const decoded = clock.time('ingest', () => bytesToText(bytes, sourceFile));
  return clock.time('repair', () => repair(decoded, sourceFile, config));
}

function repair(decoded: DecodedText, sourceFile: string, config: CleanConfig): CleanDocument {
  let history = startHistory(decoded.text);
  let changes = 0;
  const record = (stage: string, edits: readonly Edit[]) => {
    history = recordStage(history, stage, edits);
    changes += edits.length;
    if (changes > config.maxChanges) {
      throw new InputError(
        sourceFile,
        undefined,
        `the text needs more than ${config.maxChanges} logged changes (${changes} after the ${stage} stage): it is mostly unreadable`,
        'Check the file is the text of one document, and scrape it again',
      );
    }
  };
  record('invisible', removeInvisible(history.text));
  record('normalise', normaliseText(history.text));
  record('gbk-shift', repairGbkShift(history.text, config.gbkShift));
  record('pinyin', removePinyin(history.text));
  record('override', applyOverrides(history.text, overridesFor(config.overrides, sourceFile), sourceFile));
  const repaired = history.text;
  const body = textToBody(repaired, config.chrome);
  record('chrome', body.edits);
  if (!body.found || history.text.trim() === '') {
    throw new InputError(
      sourceFile,
      undefined,
      `no document body found${body.problems.length ? ` (${body.problems.join('; ')})` : ''}`,
      'Check the file is a scraped agreement; a page without a document title cannot be published',
    );
  }
  const docNumber = ownDocNumber(repaired);
  const id = docNumber ? idFromDocNumber(docNumber) : idFromTitle(history.text.split('\n')[0]!);
  const { text: _decodedText, ...decodedInfo } = decoded;
  return {
    id,
    sourceFile,
    decoded: decodedInfo,
    docNumber,
    history,
    unresolved: [...history.text].filter((char) => char === GETA).length,
    invisible: countRemoved(history.stages.find((stage) => stage.stage === 'invisible')?.edits ?? []),
  };
}
