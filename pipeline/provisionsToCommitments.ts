// Dated targets: 到2020年, 2013年前建成通车, 2011年底, 2015年6月底前, 到“十二五”期末, 每年6月底和12月底前.
// Only expressions that look forward count. Dates of events (2011年2月…达成的共识), issue dates in
// signature blocks, years inside 发文字号 (〔2016〕) and ranges inside cited titles (《…(2008—2020年)》)
// are history, not targets: signatures are skipped and titles and numbers are blanked out first.
// Relative deadlines (力争用3年时间) have no anchor in the text and are left out.
import { findDocNumbers } from './docNumbers.ts';
import { CITED_TITLE } from './provisionsToReferences.ts';
import type { Commitment, Provision } from './generated/model.ts';

/** Provisions that name the document or sign it off; their dates are not targets. */
const NOT_BODY: ReadonlySet<Provision['kind']> = new Set(['title', 'doc-number', 'signature', 'recipients']);

const SENTENCE = /[^。；;！!？?\n]+/gu;
const BLANK = '□';

const YEAR = '(?<!\\d)((?:19|20)\\d{2})\\s*年';
const MONTH = '(\\d{1,2})\\s*月';
const BY = '(?:(?:到|至)\\s*)';
const BEFORE = '(?:之前|以前|前)';
/** 年前 that means "before the year", not 前后 (around) or 前三季度 (the first three quarters). */
const BEFORE_NOT_PART = `${BEFORE}(?![后後半一二三两兩四五六七八九十\\d])`;
const QUOTE_OPEN = '["“”\'‘’「『]?';
const QUOTE_CLOSE = '["“”\'‘’」』]?';
/** Five-year plans end in these years: 十一五 2010, 十二五 2015, 十三五 2020, 十四五 2025. */
const PLAN_END: Record<string, number> = { 一: 2010, 二: 2015, 三: 2020, 四: 2025 };
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 截至2015年底 reports the state reached by then: history, not a target. */
const AS_OF_BEFORE = /(?:截至|截止|截止到|截止至)\s*[至到]?$/u;

type Due = Pick<Commitment, 'due' | 'due_kind'>;

interface DuePattern {
  pattern: RegExp;
  read: (match: RegExpExecArray) => Due | undefined;
}

const pad = (value: number) => String(value).padStart(2, '0');
const monthOf = (text: string) => {
  const month = Number(text);
  return month >= 1 && month <= 12 ? month : undefined;
};
const yearMonth = (year: string, month: string) => {
  const valid = monthOf(month);
  return valid === undefined ? undefined : `${year}-${pad(valid)}`;
};

/** In order of precedence: a match that overlaps an earlier pattern's match is dropped. */
const PATTERNS: DuePattern[] = [
  {
    // 每年6月底和12月底前报送: the same deadlines every year, as ISO month-days.
    pattern: /每年((?:\d{1,2}\s*月\s*(?:底|末|\d{1,2}\s*[日号號])\s*[和及、与與或]?\s*)+)(?:之前|以前|前)?/gu,
    read: (match) => {
      const days = [...match[1]!.matchAll(/(\d{1,2})\s*月\s*(底|末|\d{1,2})/gu)].map((day) => {
        const month = monthOf(day[1]!);
        if (month === undefined) return undefined;
        const date = /\d/u.test(day[2]!) ? Number(day[2]) : DAYS_IN_MONTH[month - 1]!;
        return `--${pad(month)}-${pad(date)}`;
      });
      if (days.some((day) => day === undefined)) return undefined;
      return { due: days.join(';'), due_kind: 'recurring' };
    },
  },
  {
    pattern: new RegExp(
      `${BY}?${QUOTE_OPEN}十([一二三四])五${QUOTE_CLOSE}\\s*(期末|末期|末|期间|期間|时期|時期)`,
      'gu',
    ),
    read: (match) => ({
      due: String(PLAN_END[match[1]!]),
      due_kind: /末/u.test(match[2]!) ? 'end' : 'by',
    }),
  },
  {
    pattern: new RegExp(`${BY}?${YEAR}${MONTH}(?:底|末)${BEFORE}?`, 'gu'),
    read: (match) => withDue(yearMonth(match[1]!, match[2]!), 'end'),
  },
  {
    pattern: new RegExp(`(${BY})?${YEAR}${MONTH}(\\d{1,2})\\s*[日号號](${BEFORE})?`, 'gu'),
    read: (match) => {
      // A full date is a deadline only when marked as one; otherwise it dates an event.
      if (!match[1] && !match[5]) return undefined;
      const month = yearMonth(match[2]!, match[3]!);
      return withDue(month && `${month}-${pad(Number(match[4]))}`, match[5] ? 'before' : 'by');
    },
  },
  {
    pattern: new RegExp(`(${BY})?${YEAR}${MONTH}(${BEFORE_NOT_PART})?`, 'gu'),
    read: (match) => {
      if (!match[1] && !match[4]) return undefined;
      return withDue(yearMonth(match[2]!, match[3]!), match[4] ? 'before' : 'by');
    },
  },
  {
    pattern: new RegExp(`${BY}?${YEAR}(?:底|末)${BEFORE}?`, 'gu'),
    read: (match) => ({ due: `${match[1]}-12`, due_kind: 'end' }),
  },
  {
    pattern: new RegExp(`${YEAR}${BEFORE_NOT_PART}`, 'gu'),
    read: (match) => ({ due: match[1]!, due_kind: 'before' }),
  },
  {
    pattern: new RegExp(`${BY}${YEAR}(?:左右)?`, 'gu'),
    read: (match) => ({ due: match[1]!, due_kind: 'by' }),
  },
  {
    // 力争2015年建成 / 2012年内完成: a year set as a goal without 到.
    pattern: new RegExp(
      `(?:(?<=(?:力争|力爭|争取|爭取|确保|確保|计划|計劃|预计|預計)(?:在|于|於)?\\s*)${YEAR}|${YEAR}(?:内|內)(?![地容外]))`,
      'gu',
    ),
    read: (match) => ({ due: (match[1] ?? match[2])!, due_kind: 'by' }),
  },
];

function withDue(due: string | undefined, kind: Commitment['due_kind']): Due | undefined {
  return due === undefined ? undefined : { due, due_kind: kind };
}

/** The text with cited titles and 发文字号 blanked out, offsets unchanged. */
function blankCitations(text: string): string {
  let blanked = text.replace(CITED_TITLE, (title) => BLANK.repeat(title.length));
  for (const number of findDocNumbers(blanked)) {
    blanked =
      blanked.slice(0, number.index) +
      BLANK.repeat(number.raw.length) +
      blanked.slice(number.index + number.raw.length);
  }
  return blanked;
}

interface Found extends Due {
  start: number;
  end: number;
}

function findDues(text: string): Found[] {
  const found: Found[] = [];
  // Every deadline names a year, a month or the end or span of a plan period (“十一五”末, 期间);
  // most sentences name none.
  if (!/[年月期末]/u.test(text)) return found;
  for (const { pattern, read } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((earlier) => start < earlier.end && earlier.start < end)) continue;
      if (AS_OF_BEFORE.test(text.slice(0, start) + (/^[至到]/u.test(match[0]) ? match[0][0] : ''))) continue;
      const due = read(match as RegExpExecArray);
      if (due) found.push({ ...due, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function provisionsToCommitments(provisions: Provision[], documentId: string): Commitment[] {
  const commitments: Commitment[] = [];
  for (const provision of provisions) {
    if (NOT_BODY.has(provision.kind)) continue;
    const blanked = blankCitations(provision.text);
    for (const sentence of blanked.matchAll(SENTENCE)) {
      const original = provision.text.slice(sentence.index, sentence.index + sentence[0].length);
      for (const due of findDues(sentence[0])) {
        commitments.push({
          document_id: documentId,
          provision_id: provision.id,
          due: due.due,
          due_kind: due.due_kind,
          due_text: original.slice(due.start, due.end).trim(),
          text: original.trim(),
        });
      }
    }
  }
  return commitments;
}
