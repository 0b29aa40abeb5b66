// The parse stage: a clean body → its provisions. Front matter (titles, 发文字号, 主送, a covering
// notice, signatures) first, then the numbered hierarchy with running text as 款 under it.
// Every character belongs to exactly one provision, so the provisions' text, in order, is the body.
import type { Provision, Document } from './generated/model.ts';
import { DOC_NUMBER } from './docNumbers.ts';
import {
  ID_PREFIX,
  KIND_OF_STYLE,
  RANK,
  headingOf,
  readNumberedLine,
  sequenceGap,
  type NumberedLine,
  type Style,
} from './numbering.ts';

export type Problem = Document['problems'][number];

interface Line {
  /** Offset of the line's first character in the body. */
  start: number;
  /** The line without its line break. */
  content: string;
}

/** A provision before its text is cut out of the body: where it starts and where it hangs. */
interface Draft {
  kind: Provision['kind'];
  firstLine: number;
  id: string;
  parent: Draft | null;
  depth: number;
  numbered: NumberedLine | null;
}

const isBlank = (content: string) => content.trim() === '';
const SPACE = '[\\s\\u3000]*';

// ---- Front-matter lines -------------------------------------------------------------------------

const DOCUMENT_TYPE =
  /(?:通知|通告|公告|通报|通報|意见|意見|方案|协议|協議|规划|規劃|决定|決定|决议|決議|办法|辦法|规定|規定|纲要|綱要|细则|細則|条例|條例|章程|计划|計劃|备忘录|備忘錄|议定书|議定書|宣言|倡议|倡議|共识|共識|报告|報告|批复|批復|函|措施|要点|要點|指引|规则|規則|安排|公约|公約|声明|聲明)(?:[(（](?:试行|試行|暂行|暫行|草案|修订|修訂)[)）])?[》」』”"']*$/u;
const DATE = `(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})${SPACE}年${SPACE}(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})${SPACE}月${SPACE}(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})${SPACE}日`;
const DATE_LINE = new RegExp(`^${SPACE}[(（]?${DATE}[)）]?${SPACE}$`, 'u');
const PUBLICATION_NOTE = new RegExp(`^${SPACE}[(（]此件[^)）]{0,12}[)）]${SPACE}$`, 'u');
const ISSUER_LINE =
  /^[\s\u3000]*[\p{Script=Han}()（）·、\s\u3000]{2,40}(?:政府|办公厅|辦公廳|办公室|辦公室|委员会|委員會|厅|廳|局|委|部|院|会|會|署|办|辦|处|處|中心|小组|小組)[\s\u3000]*$/u;
const LEADING_DOC_NUMBER = new RegExp(`^${SPACE}(?:${DOC_NUMBER.source})`, 'u');

/** 川办函〔2016〕212号, optionally followed by the date, on a line of its own. */
function isDocNumberLine(content: string): boolean {
  const match = LEADING_DOC_NUMBER.exec(content);
  if (!match) return false;
  const after = content.slice(match[0].length);
  return isBlank(after) || DATE_LINE.test(after);
}

/** 主送: 各市(州)人民政府,省政府各部门、各直属机构,有关单位: — addressees, not a sentence leading into a list. */
function isRecipientsLine(content: string): boolean {
  const trimmed = content.trim();
  return (
    /[:：]$/.test(trimmed) &&
    trimmed.length <= 200 &&
    !/[。；;]/.test(trimmed) &&
    !/如下[:：]$/.test(trimmed) &&
    /^各|政府|部门|部門|单位|單位|机构|機構|委员会|委員會|厅|廳|局/.test(trimmed)
  );
}

type SignatureLine = 'issuer' | 'date' | 'note';

function signatureLine(content: string): SignatureLine | null {
  if (DATE_LINE.test(content)) return 'date';
  if (PUBLICATION_NOTE.test(content)) return 'note';
  if (ISSUER_LINE.test(content) && !readNumberedLine(content)) return 'issuer';
  return null;
}

/** Short lines that can make up a title block: no sentence ends in them, no number starts them. */
function isTitleLine(content: string): boolean {
  const trimmed = content.trim();
  return (
    trimmed.length > 0 &&
    trimmed.length <= 60 &&
    !/[。；;：:，,]/.test(trimmed.at(-1)!) &&
    !trimmed.includes('。') &&
    !readNumberedLine(trimmed) &&
    !isDocNumberLine(trimmed) &&
    signatureLine(trimmed) !== 'date' &&
    signatureLine(trimmed) !== 'note'
  );
}

// ---- Reading the document ---------------------------------------------------------------------------

class Reader {
  readonly drafts: Draft[] = [];
  readonly problems: Problem[] = [];
  private readonly ids = new Set<string>();
  private readonly frontCounts = new Map<string, number>();

  private readonly lines: readonly Line[];

  constructor(lines: readonly Line[]) {
    this.lines = lines;
  }

  private nextNonBlank(index: number, limit = this.lines.length): number {
    while (index < limit && isBlank(this.lines[index]!.content)) index += 1;
    return index;
  }

  /** The first line of the signature lines that end the body, or `limit` if it has none. */
  trailingSignatureStart(limit: number): number {
    let start = limit;
    let dated = false;
    for (let index = limit - 1; index >= 0; index -= 1) {
      const content = this.lines[index]!.content;
      if (isBlank(content)) continue;
      const line = signatureLine(content);
      if (!line) break;
      dated ||= line !== 'issuer';
      start = index;
    }
    return dated ? start : limit;
  }

  /** The last line of a title block starting at `index` (blank lines allowed inside), or -1. */
  private titleBlockEnd(index: number, limit: number): number {
    for (let line = index, count = 0; line < limit && count < 6; count += 1) {
      const content = this.lines[line]!.content;
      if (!isTitleLine(content)) return -1;
      if (DOCUMENT_TYPE.test(content.trim())) return line;
      line = this.nextNonBlank(line + 1, limit);
    }
    return -1;
  }

  /** Reads front matter from `index`; returns the line the document's own body starts at. */
  readFrontMatter(index: number, limit: number): number {
    let inNotice = false;
    let sawRecipients = false;
    while ((index = this.nextNonBlank(index, limit)) < limit) {
      const content = this.lines[index]!.content;
      if (readNumberedLine(content)) break;
      const titleEnd = this.titleBlockEnd(index, limit);
      const signatureEnd = this.signatureBlockEnd(index, limit);
      let last = index;
      if (titleEnd >= 0) {
        this.addFront('title', index);
        last = titleEnd;
        inNotice = false;
      } else if (isDocNumberLine(content)) {
        this.addFront('doc-number', index);
      } else if (!sawRecipients && isRecipientsLine(content)) {
        this.addFront('recipients', index);
        sawRecipients = inNotice = true;
      } else if (signatureEnd >= 0) {
        this.addFront('signature', index);
        last = signatureEnd;
        inNotice = false;
      } else if (inNotice) {
        this.addFront('notice', index);
      } else {
        break;
      }
      index = last + 1;
    }
    return index;
  }

  /** The last line of consecutive signature lines from `index`, if they include a date or note. */
  private signatureBlockEnd(index: number, limit: number): number {
    let last = -1;
    let dated = false;
    for (let line = index; line < limit; line = this.nextNonBlank(line + 1, limit)) {
      const kind = signatureLine(this.lines[line]!.content);
      if (!kind) break;
      dated ||= kind !== 'issuer';
      last = line;
    }
    return dated ? last : -1;
  }

  /** Numbered lines open provisions on a stack by rank; other lines are paragraphs (款) of the innermost. */
  readBody(from: number, to: number): void {
    const open: Draft[] = [];
    const paragraphCounts = new Map<Draft | null, number>();
    const previousSibling = new Map<Draft | null, Map<Style, NumberedLine>>();
    const previousInDocument = new Map<Style, NumberedLine>();
    for (let index = from; index < to; index += 1) {
      const content = this.lines[index]!.content;
      if (isBlank(content)) continue;
      const numbered = readNumberedLine(content);
      if (numbered) {
        while (open.length > 0 && RANK[open.at(-1)!.numbered!.style] >= RANK[numbered.style]) open.pop();
      }
      const parent = open.at(-1) ?? null;
      if (!numbered) {
        const count = (paragraphCounts.get(parent) ?? 0) + 1;
        paragraphCounts.set(parent, count);
        this.addDraft('paragraph', index, parent, null, `para${count}`);
        continue;
      }
      const siblings = previousSibling.get(parent) ?? new Map<Style, NumberedLine>();
      previousSibling.set(parent, siblings);
      const gap = sequenceGap(numbered, siblings.get(numbered.style), previousInDocument.get(numbered.style));
      const draft = this.addDraft(
        KIND_OF_STYLE[numbered.style],
        index,
        parent,
        numbered,
        `${ID_PREFIX[numbered.style]}${numbered.number}`,
      );
      if (gap) this.problems.push({ code: gap.code, message: gap.message, provision_id: draft.id });
      siblings.set(numbered.style, numbered);
      previousInDocument.set(numbered.style, numbered);
      open.push(draft);
    }
  }

  /** Front-matter ids: the first of a kind is `title`, later ones `title-2`; notices are always numbered. */
  addFront(kind: 'title' | 'doc-number' | 'recipients' | 'notice' | 'signature', firstLine: number): void {
    const count = (this.frontCounts.get(kind) ?? 0) + 1;
    this.frontCounts.set(kind, count);
    this.addDraft(kind, firstLine, null, null, kind === 'notice' || count > 1 ? `${kind}-${count}` : kind);
  }

  addDraft(
    kind: Provision['kind'],
    firstLine: number,
    parent: Draft | null,
    numbered: NumberedLine | null,
    segment: string,
  ): Draft {
    const wanted = parent ? `${parent.id}-${segment}` : segment;
    const id = this.claimId(wanted);
    if (id !== wanted) {
      this.problems.push({
        code: 'duplicate-number',
        message: `${numbered?.label ?? segment} repeats a number already used here; its id is ${id}`,
        provision_id: id,
      });
    }
    const draft: Draft = { kind, firstLine, id, parent, depth: parent ? parent.depth + 1 : 0, numbered };
    this.drafts.push(draft);
    return draft;
  }

  /** The id itself if free, else the first free of `id-b`, `id-c`, …, so ids stay unique and stable. */
  private claimId(id: string): string {
    let candidate = id;
    for (let attempt = 1; this.ids.has(candidate); attempt += 1) {
      candidate = attempt < 26 ? `${id}-${String.fromCharCode(97 + attempt)}` : `${id}-z${attempt}`;
    }
    this.ids.add(candidate);
    return candidate;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const content of text.split('\n')) {
    lines.push({ start, content });
    start += content.length + 1;
  }
  return lines;
}

/** The provisions of a clean body, in order, with what could not be settled as problems. Never throws. */
export function cleanToProvisions(
  text: string,
  documentId: string,
): { provisions: Provision[]; problems: Problem[] } {
  const lines = splitLines(text);
  const reader = new Reader(lines);
  const bodyEnd = reader.trailingSignatureStart(lines.length);
  const bodyStart = reader.readFrontMatter(0, bodyEnd);
  reader.readBody(bodyStart, bodyEnd);
  if (bodyEnd < lines.length) reader.addFront('signature', bodyEnd);
  // A body of blank lines still has to be reproduced by its provisions.
  if (reader.drafts.length === 0 && text !== '') reader.addDraft('paragraph', 0, null, null, 'para1');
  const { drafts, problems } = reader;
  const provisions = drafts.map((draft, position): Provision => {
    // The first provision also takes any blank lines before it; each runs up to the next one.
    const start = position === 0 ? 0 : lines[draft.firstLine]!.start;
    const next = drafts[position + 1];
    const end = next ? lines[next.firstLine]!.start : text.length;
    const style = draft.numbered?.style;
    return {
      id: draft.id,
      document_id: documentId,
      parent_id: draft.parent?.id ?? null,
      kind: draft.kind,
      ...(style && style !== 'part' ? { numbering: style } : {}),
      label: draft.numbered?.label ?? null,
      heading: draft.numbered ? headingOf(draft.numbered) : null,
      text: text.slice(start, end),
      position,
      depth: draft.depth,
    };
  });
  return { provisions, problems };
}
