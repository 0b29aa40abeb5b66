// Citations of other documents: every cited title 《…》 and every 发文字号 in a document's provisions.
// A title directly followed by its number in parentheses is one citation. Linking to a target is
// linkReferences' job; this stage only reads what the text says.
import { toSimplified } from './chineseScript.ts';
import { findDocNumbers } from './docNumbers.ts';
import { ownDocNumber } from './documentId.ts';
import type { Provision, Reference } from './generated/model.ts';

export type CitedWork = Omit<Reference, 'target_document_id' | 'target_external_id'>;

/** A cited title; nested 〈…〉 stays inside it. Titles may break across lines in a scrape. */
export const CITED_TITLE = /《([^《》]+)》/gu;

/** Provisions that state the document's own title and number rather than cite anything. */
const FRONT_MATTER: ReadonlySet<Provision['kind']> = new Set(['title', 'doc-number']);

/** Simplified script and no whitespace: how a cited work's title is recorded. */
export function simplifiedTitle(title: string): string {
  return toSimplified(title).replace(/\s/gu, '');
}

/** Without title brackets as well: the form titles are compared in. */
export function titleKey(title: string): string {
  return simplifiedTitle(title).replace(/[《》〈〉]/gu, '');
}

/** A title as printed, without the line breaks and indentation a scrape puts into long titles. */
function printedTitle(inner: string): string {
  return inner.replace(/\s*\n\s*/gu, '').trim();
}

interface Citation {
  start: number;
  end: number;
  title: string | null;
  numberRaw: string | null;
  number: string | null;
}

/** Titles and numbers in one text, a title and the number in parentheses after it merged. */
export function findCitations(text: string): Citation[] {
  const titles: Citation[] = [...text.matchAll(CITED_TITLE)]
    .map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      title: printedTitle(match[1]!),
      numberRaw: null as string | null,
      number: null as string | null,
    }))
    .filter((citation) => citation.title !== '');
  const numbersAlone: Citation[] = [];
  for (const number of findDocNumbers(text)) {
    const numberEnd = number.index + number.raw.length;
    // 《…》(国发〔2016〕18号) or 《…》(国发〔2016〕18号,以下简称《指导意见》)
    const closing = /^\s*(?:[)）]|[,，;；])/u.exec(text.slice(numberEnd));
    const owner = closing
      ? titles.find(
          (title) => title.numberRaw === null && /^\s*[(（]\s*$/u.test(text.slice(title.end, number.index)),
        )
      : undefined;
    if (owner && closing) {
      owner.numberRaw = number.raw;
      owner.number = number.canonical;
      owner.end = numberEnd + (/[)）]/u.test(closing[0]) ? closing[0].length : 0);
    } else if (!titles.some((title) => number.index >= title.start && number.index < title.end)) {
      numbersAlone.push({
        start: number.index,
        end: numberEnd,
        title: null,
        numberRaw: number.raw,
        number: number.canonical,
      });
    }
  }
  return [...titles, ...numbersAlone].sort((a, b) => a.start - b.start);
}

// Relation cues are read on the sentence with every citation replaced by §, so that a list of
// citations (《A》(n)、《B》) shares the cue in front of it.
const MARK = '§';
const SENTENCE_END = /[。；;！!？?\n]/u;
/** Words between the cue and the citation: an issuer such as 省政府, never a clause break. */
const BETWEEN = `[^，,。；;：:！!？?\\n${MARK}]{0,10}`;
const LIST = `(?:${MARK}\\s*(?:、|和|及|以及|与|與)?${BETWEEN})*`;
const CARRIES_OUT_BEFORE = new RegExp(
  `(?:贯彻落实|貫徹落實|贯彻执行|貫徹執行|贯彻|貫徹)${BETWEEN}${LIST}$`,
  'u',
);
const ACCORDING_TO_BEFORE = new RegExp(`(?:根据|根據|依据|依據|按照)${BETWEEN}${LIST}$`, 'u');
const SPIRIT_AFTER = new RegExp(
  `^(?:\\s*(?:、|和|及|以及|与|與)\\s*${MARK})*\\s*(?:有关|有關)?(?:的)?精神`,
  'u',
);
// 现将《…》印发给你们 / 《…》已经…同意,现印发你们: the covering notice naming the document it issues,
// i.e. this one. The title must be what is issued (the sentence's subject or 将's object), so that
// 根据《X》精神,现将方案印发给你们 does not drop X.
const ISSUED_HERE_BEFORE = new RegExp(`^\\s*(?:现将|現將|将|將)?\\s*(?:${MARK}\\s*(?:、|和|及)\\s*)*$`, 'u');
const ISSUED_HERE_AFTER = /^[^。；;\n]*?(?:印发|印發)(?:给|給)?(?:你们|你們)/u;
/** (以下简称《指导意见》) names the work just cited; it is not another citation. */
const ALIAS_BEFORE = /(?:简称|簡稱)[为為]?[:：]?\s*$/u;

interface Cue {
  relation: Reference['relation'];
  /** The citation names this document or repeats one just made, so it is not a reference. */
  skip: boolean;
}

function readCues(text: string, citations: Citation[]): Cue[] {
  let marked = '';
  let cursor = 0;
  const marks: number[] = [];
  for (const citation of citations) {
    marked += text.slice(cursor, citation.start);
    marks.push(marked.length);
    marked += MARK;
    cursor = citation.end;
  }
  marked += text.slice(cursor);
  return marks.map((mark) => {
    const sentenceStart = lastSentenceEnd(marked, mark) + 1;
    const before = marked.slice(sentenceStart, mark);
    const after = marked.slice(mark + 1);
    const carriesOut =
      CARRIES_OUT_BEFORE.test(before) || (ACCORDING_TO_BEFORE.test(before) && SPIRIT_AFTER.test(after));
    const issuedHere = ISSUED_HERE_BEFORE.test(before) && ISSUED_HERE_AFTER.test(after);
    return { relation: carriesOut ? 'implements' : 'cites', skip: issuedHere || ALIAS_BEFORE.test(before) };
  });
}

function lastSentenceEnd(text: string, before: number): number {
  for (let index = before - 1; index >= 0; index--) {
    if (SENTENCE_END.test(text[index]!)) return index;
  }
  return -1;
}

/** The document's own titles: its title blocks, and X in a covering notice's title 印发X的通知. */
function ownTitleKeys(provisions: Provision[]): Set<string> {
  const keys = new Set<string>();
  for (const provision of provisions.filter((candidate) => candidate.kind === 'title')) {
    const key = titleKey(provision.text);
    keys.add(key);
    const issued = /(?:印发|印發)(.+?)的通知$/u.exec(key);
    if (issued) keys.add(issued[1]!);
  }
  return keys;
}

/** The numbers in the document's number lines, and the number standing on a line of its own
 * (as ownDocNumber reads it), in case the number line was not recognised as one. */
function ownNumbers(provisions: Provision[]): Set<string> {
  const numbers = new Set(
    provisions
      .filter((provision) => provision.kind === 'doc-number')
      .flatMap((provision) => findDocNumbers(provision.text).map((number) => number.canonical)),
  );
  const standing = ownDocNumber(provisions.map((provision) => provision.text).join('\n'));
  if (standing) numbers.add(standing.canonical);
  return numbers;
}

export function provisionsToReferences(provisions: Provision[], documentId: string): CitedWork[] {
  const ownTitles = ownTitleKeys(provisions);
  const ownNumberSet = ownNumbers(provisions);
  const cited: CitedWork[] = [];
  for (const provision of provisions) {
    if (FRONT_MATTER.has(provision.kind)) continue;
    const citations = findCitations(provision.text);
    const cues = readCues(provision.text, citations);
    citations.forEach((citation, index) => {
      // A title like the document's own is a self-reference only when no other number comes with
      // it: a new plan may cite the earlier one of the same name by its number.
      const isSelf =
        cues[index]!.skip ||
        (citation.number !== null
          ? ownNumberSet.has(citation.number)
          : citation.title !== null && ownTitles.has(titleKey(citation.title)));
      if (isSelf) return;
      cited.push({
        document_id: documentId,
        provision_id: provision.id,
        relation: cues[index]!.relation,
        cited_title: citation.title,
        cited_doc_number: citation.number,
        cited_doc_number_raw: citation.numberRaw,
      });
    });
  }
  return cited;
}
