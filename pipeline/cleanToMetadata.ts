// Document metadata from the parsed body and the chrome around it. Unknown stays unknown (null):
// a repost date is never taken for the issue date.
import { toSimplified, toTraditional } from './chineseScript.ts';
import type { Document, Provision } from './generated/model.ts';
import type { AppliedEdit } from './textEdits.ts';
import type { DocNumber } from './docNumbers.ts';
import { regionOfName, regionsInTitle } from './regions.ts';

export type Metadata = Pick<
  Document,
  | 'title'
  | 'notice_title'
  | 'doc_number'
  | 'doc_number_raw'
  | 'issuers'
  | 'issued_date'
  | 'repost'
  | 'status'
  | 'status_note'
  | 'doc_type'
  | 'script'
  | 'recipients'
  | 'regions'
>;

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** 二〇一六 → 2016, 二十四 → 24, 十二 → 12. */
function chineseNumber(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    return (tens ? CHINESE_DIGITS[tens]! : 1) * 10 + (ones ? CHINESE_DIGITS[ones]! : 0);
  }
  return Number([...text].map((char) => CHINESE_DIGITS[char]).join(''));
}

const NUMERAL = '[\\d〇零一二三四五六七八九十]';
const DATE = new RegExp(`(${NUMERAL}{4})\\s*年\\s*(${NUMERAL}{1,3})\\s*月\\s*(${NUMERAL}{1,3})\\s*日`, 'u');
const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})/u;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

export function findDate(text: string): string | null {
  const chinese = DATE.exec(text);
  if (chinese)
    return isoDate(chineseNumber(chinese[1]!), chineseNumber(chinese[2]!), chineseNumber(chinese[3]!));
  const iso = ISO_DATE.exec(text);
  return iso ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

const squash = (text: string) => text.replace(/\s+/gu, '');

function titleText(provision: Provision): string {
  return squash(provision.text);
}

const DOC_TYPES: [RegExp, Document['doc_type']][] = [
  [/分工方案$/u, 'division-plan'],
  [/协议书?$|协定$|备忘录$/u, 'agreement'],
  [/意见$/u, 'opinion'],
  [/方案$|规划$|纲要$|计划$/u, 'plan'],
  [/办法$|细则$|规定$|条例$/u, 'measures'],
  [/通知$/u, 'notice'],
];

function docType(title: string): Document['doc_type'] {
  const simplified = toSimplified(title).replace(/[》」』”"]+$/u, '');
  return DOC_TYPES.find(([pattern]) => pattern.test(simplified))?.[1] ?? 'other';
}

/** +1 for a character only traditional text uses, -1 for one only simplified text uses, else 0. */
const scriptLean = new Map<string, number>();

function leanOf(char: string): number {
  let lean = scriptLean.get(char);
  if (lean === undefined) {
    lean = (toSimplified(char) !== char ? 1 : 0) - (toTraditional(char) !== char ? 1 : 0);
    scriptLean.set(char, lean);
  }
  return lean;
}

/**
 * zh-Hant when more characters are traditional-only than simplified-only. Characters are judged
 * one at a time (cached: the vocabulary is small), which is all script detection needs.
 */
export function detectScript(text: string): Document['script'] {
  let balance = 0;
  // The first few thousand characters settle it; long documents need not be read to the end.
  for (const char of text.slice(0, 4000)) if (char.charCodeAt(0) >= 0x3400) balance += leanOf(char);
  return balance > 0 ? 'zh-Hant' : 'zh-Hans';
}

/**
 * Splits a 主送 line into its groups at commas outside parentheses. Within a group, 、 shares a
 * suffix (各区、县级市人民政府 = the district and the county-level city governments), so the group
 * stays whole.
 */
export function splitRecipients(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of squash(line).replace(/[:：]$/u, '')) {
    if ('(（'.includes(char)) depth++;
    if (')）'.includes(char)) depth = Math.max(0, depth - 1);
    if (depth === 0 && ',，;；'.includes(char)) {
      if (current) parts.push(current);
      current = '';
    } else current += char;
  }
  if (current) parts.push(current);
  return parts;
}

const STATUS: [RegExp, Document['status']][] = [
  [/已失效|失效|废止|廢止|已废止|已修订|已修訂/u, 'no-longer-in-force'],
  [/现行有效|現行有效|有效/u, 'in-force'],
];

const ISSUER_SUFFIX =
  /(人民政府办公厅|人民政府辦公廳|人民政府|办公厅|辦公廳|委员会|委員會|厅|廳|局|委|办|辦)$/u;

function issuersFrom(
  provisions: readonly Provision[],
  noticeOrTitle: string,
  chrome: readonly AppliedEdit[],
): string[] {
  const signature = provisions.find((provision) => provision.kind === 'signature');
  if (signature) {
    const names = signature.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !DATE.test(line) && ISSUER_SUFFIX.test(line) && !/^[(（]/u.test(line));
    if (names.length) return names;
  }
  const prefix = /^(.+?)(?:关于|關于|關於|印发|印發)/u.exec(noticeOrTitle)?.[1];
  if (prefix && ISSUER_SUFFIX.test(prefix)) return [prefix];
  const field = chrome.find((edit) => /发布部门|發布部門|发文机关|發文機關/u.test(edit.original));
  if (field) return [field.original.replace(/^.*?[:：]\s*/u, '').trim()].filter(Boolean);
  // Agreements name their parties in the preamble: 甲人民政府与乙人民政府经协商一致…
  const first = provisions.find((provision) => provision.kind === 'paragraph');
  const parties = first?.text.match(
    /[^与與和及、,，。\s]{2,10}?(?:省|自治区|自治區|市|特别行政区|特別行政區)人民政府(?=与|與|和|及|、|经|經|共同|签|簽)/gu,
  );
  return parties ? [...new Set(parties)] : [];
}

const REPOST_FIELD = /(?:发布|發布|发表|發表)(?:日期|时间|時間)|来源|來源/u;

/** The repost date and site: from the page's byline, or from its publication fields. */
function repostFrom(chrome: readonly AppliedEdit[]): Document['repost'] {
  const lines = chrome.filter(
    (edit) =>
      edit.rule === 'repost-byline' || (edit.rule === 'site-field' && REPOST_FIELD.test(edit.original)),
  );
  if (lines.length === 0) return { date: null, site: null };
  const date = lines.map((line) => findDate(line.original)).find((found) => found !== null) ?? null;
  const source = lines
    .map((line) => /(?:来源|來源)\s*[:：]\s*([^\s|]+)/u.exec(line.original)?.[1])
    .find(Boolean);
  const byline = lines.find((line) => line.rule === 'repost-byline');
  const site =
    source ??
    (byline?.original
      .replace(DATE, '')
      .replace(ISO_DATE, '')
      .replace(/\d{1,2}:\d{2}/u, '')
      .trim() ||
      null);
  return { date, site };
}

export function cleanToMetadata(
  provisions: readonly Provision[],
  chrome: readonly AppliedEdit[],
  docNumber: DocNumber | undefined,
  body: string,
): Metadata {
  const titles = provisions.filter((provision) => provision.kind === 'title').map(titleText);
  const title = titles.at(-1) ?? squash(body.split('\n')[0] ?? '');
  const noticeTitle = titles.length > 1 ? titles[0]! : null;
  const issuers = issuersFrom(provisions, noticeTitle ?? title, chrome);
  const numberLine = provisions.find((provision) => provision.kind === 'doc-number');
  const signature = provisions.filter((provision) => provision.kind === 'signature');
  const issuedDate =
    signature.map((provision) => findDate(provision.text)).find((date) => date !== null) ??
    (numberLine ? findDate(numberLine.text) : null);
  const statusEdit = chrome.find((edit) => edit.rule === 'status-annotation');
  const status = statusEdit
    ? (STATUS.find(([pattern]) => pattern.test(statusEdit.original))?.[1] ?? 'unknown')
    : 'unknown';
  const recipientsLine = provisions.find((provision) => provision.kind === 'recipients');
  const regions = new Set<string>();
  for (const issuer of issuers) {
    const region = regionOfName(issuer);
    if (region) regions.add(region);
  }
  for (const region of regionsInTitle(title)) regions.add(region);
  return {
    title,
    notice_title: noticeTitle,
    doc_number: docNumber?.canonical ?? null,
    doc_number_raw: docNumber?.raw ?? null,
    issuers,
    issued_date: issuedDate,
    repost: repostFrom(chrome),
    status,
    status_note: statusEdit ? statusEdit.original.trim() : null,
    doc_type: docType(title),
    script: detectScript(body),
    recipients: recipientsLine ? splitRecipients(recipientsLine.text) : [],
    regions: [...regions].sort(),
  };
}
