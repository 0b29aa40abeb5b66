// Body extraction: finds the document inside a scraped page and deletes the site chrome around it as
// whole-line edits. The document starts at its title and ends at its last text line before the
// page's trailer; chrome lines inside it (bylines, counters, site fields) are removed one by one.
import { DEFAULT_CHROME_RULES, type ChromeRules, type LineRule } from './chromeRules.ts';
import type { Edit } from './textEdits.ts';

export interface BodyResult {
  /** Non-overlapping, in text order, kind `chrome`, all deletions (replacement ''). The input is
   * normalised text, which always ends with a newline. */
  edits: Edit[];
  /** Human-readable reasons the body could not be found with confidence. */
  problems: string[];
  /** False when no document title was found: the page has no body the pipeline can publish. */
  found: boolean;
}

/** `end` is before the newline, `next` after it; `text` is trimmed. */
type Line = { start: number; end: number; next: number; text: string };
type RuleMatch = { rule: LineRule; note?: string };
/** `matches`: the first line rule each line matches, whatever its scope. */
type Page = { source: string; lines: Line[]; rules: ChromeRules; matches: (RuleMatch | undefined)[] };
/** Lines `first`…`last`; `text` is the title without whitespace. */
type TitleBlock = { first: number; last: number; text: string };
/** `heading`: a page heading repeating the title; `leadIn`: a repost lead-in line inside the body. */
type Located = { title: TitleBlock; heading?: TitleBlock; leadIn?: number };
/** `last`: the last body line; `trailer`: the first trailer line, if any. */
type BodyEnd = { last: number; trailer?: number };

// Structural rules rest on where the title was found, so they are less certain than line patterns.
// Runs of them make one edit; a line rule gets one edit per line so its text can be read as metadata.
const STRUCTURAL: Readonly<Record<string, number>> = {
  'before-title': 0.9,
  'page-heading': 0.85,
  'after-trailer': 0.9,
  'blank-line': 0.95,
  'trailing-blank': 1,
  'trailing-non-text': 0.8,
};
const LEAD_IN_RULE = 'repost-lead-in';
const HAN = /\p{Script=Han}/gu;

export function textToBody(text: string, rules: ChromeRules = DEFAULT_CHROME_RULES): BodyResult {
  const lines = splitLines(text);
  const matches = lines.map((line) => matchRule(line.text, rules));
  const page: Page = { source: text, lines, rules, matches };
  const edits = new EditList();
  const located = locateTitle(page);
  if (!located) {
    // Without a title nothing is known about where the document is: only remove unmistakable chrome.
    page.matches.forEach((match, i) => {
      if (match && (match.rule.scope === 'anywhere' || match.rule.endsDocument)) edits.line(lines[i]!, match);
    });
    const types = rules.documentTypes.slice(0, 4).join('/');
    const problem = `no document title found: no short line ending in a document type such as ${types}`;
    return { edits: edits.list, problems: [problem], found: false };
  }
  const problems: string[] = [];
  const end = locateEnd(page, located);
  if (end.last === located.title.last) problems.push(`no body text after the title ${located.title.text}`);
  removeBeforeTitle(page, located, edits);
  removeInsideBody(page, located, end.last, edits);
  removeAfterBody(page, end, edits);
  return { edits: edits.list, problems, found: end.last !== located.title.last };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const next = newline === -1 ? end : newline + 1;
    lines.push({ start, end, next, text: text.slice(start, end).trim() });
    start = next;
  }
  return lines;
}

function matchRule(text: string, rules: ChromeRules): RuleMatch | undefined {
  if (!text) return undefined;
  for (const rule of rules.lineRules) {
    const found = rule.pattern.exec(text);
    if (!found) continue;
    const note = rule.note ?? found[1];
    return note === undefined ? { rule } : { rule, note };
  }
  return undefined;
}

/** Chrome wherever it stands, even between body paragraphs. */
function isBodyChrome(page: Page, i: number): boolean {
  return page.matches[i]?.rule.scope === 'anywhere';
}

function isText(text: string, rules: ChromeRules): boolean {
  const han = text.match(HAN)?.length ?? 0;
  return han >= rules.minTextHan && !rules.nonText.some((pattern) => pattern.test(text));
}

function compact(text: string): string {
  return text.replace(/\s+/gu, '');
}

function endsTitle(text: string, rules: ChromeRules): boolean {
  if (!text || compact(text).length > rules.titleLength.max || rules.notInTitle.test(text)) return false;
  const unclose = (part: string) => {
    while (part && rules.titleClosers.includes(part.at(-1)!)) part = part.slice(0, -1);
    return part;
  };
  const core = unclose(unclose(text).replace(rules.titleSuffix, ''));
  return rules.documentTypes.some((word) => core.endsWith(word));
}

/** A line that may be part of a title split over several lines. */
function isFragment(text: string, rules: ChromeRules): boolean {
  return (
    text.length <= rules.fragmentMaxLength &&
    !rules.notInTitle.test(text) &&
    isText(text, rules) &&
    !rules.notFragment.some((pattern) => pattern.test(text)) &&
    !endsTitle(text, rules)
  );
}

/** Issuer names and `关于…` lines open a title; other short lines above it are page furniture. */
function opensTitle(text: string, rules: ChromeRules): boolean {
  const isIssuer = (part: string) =>
    /^\p{Script=Han}+$/u.test(part) && rules.issuerEndings.some((ending) => part.endsWith(ending));
  return rules.aboutWords.some((word) => text.includes(word)) || text.split(/\s+/u).every(isIssuer);
}

function unbalanced(text: string): boolean {
  return (text.match(/《/gu)?.length ?? 0) > (text.match(/》/gu)?.length ?? 0);
}

/** The title block whose document-type word is on line `end`, looking no higher than line `floor`. */
function titleBlockAt(page: Page, end: number, floor: number): TitleBlock | undefined {
  const { lines, rules } = page;
  if (page.matches[end] || !endsTitle(lines[end]!.text, rules)) return undefined;
  let first = end;
  let fragments = 0;
  let blanks = 0;
  for (let i = end - 1; i >= floor && fragments < rules.maxFragments; i--) {
    const text = lines[i]!.text;
    if (!text) {
      if (++blanks > 2) break;
      continue;
    }
    if (page.matches[i] || !isFragment(text, rules)) break;
    blanks = 0;
    fragments++;
    if (opensTitle(text, rules)) first = i;
  }
  // A title broken inside 《…》 goes on until the mark is closed.
  let last = end;
  const joined = () => compact(lines.slice(first, last + 1).reduce((all, line) => all + line.text, ''));
  while (unbalanced(joined())) {
    let next = last + 1;
    while (next < lines.length && next <= last + 3 && !lines[next]!.text) next++;
    const text = lines[next]?.text;
    if (!text || page.matches[next] || !(isFragment(text, rules) || endsTitle(text, rules))) return undefined;
    last = next;
  }
  const text = joined();
  if (text.length < rules.titleLength.min || !endsTitle(lines[last]!.text, rules)) return undefined;
  return { first, last, text };
}

/** Up to `max` title blocks starting at or after `from`, within `window` non-blank lines. */
function titlesFrom(page: Page, from: number, window = Infinity, max = Infinity): TitleBlock[] {
  const found: TitleBlock[] = [];
  let seen = 0;
  for (let i = from; i < page.lines.length && seen < window && found.length < max; i++) {
    if (!page.lines[i]!.text) continue;
    seen++;
    const block = titleBlockAt(page, i, from);
    if (block && block.first >= from) found.push(block);
  }
  return found;
}

function repeatsTitle(heading: string, title: string, minLength: number): boolean {
  const long = Math.min(heading.length, title.length) >= minLength;
  return heading === title || (long && (title.endsWith(heading) || heading.endsWith(title)));
}

function locateTitle(page: Page): Located | undefined {
  const { rules, lines } = page;
  const first = titlesFrom(page, 0, Infinity, 1)[0];
  if (!first) return undefined;
  // A page heading followed by the document's own title block saying the same: the block is the title.
  const repeat = titlesFrom(page, first.last + 1, rules.headingRepeatWindow).find((block) =>
    repeatsTitle(first.text, block.text, rules.titleLength.min),
  );
  const located: Located = repeat ? { title: repeat, heading: first } : { title: first };
  let content = located.title.last + 1;
  while (content < lines.length && (!lines[content]!.text || isBodyChrome(page, content))) content++;
  if (page.matches[content]?.rule.rule !== LEAD_IN_RULE) return located;
  // A lead-in introducing a reposted text: the reposted document's own title, if it has one, is the title.
  const reposted = titlesFrom(page, content + 1, rules.leadInWindow, 1)[0];
  return reposted ? { title: reposted } : { ...located, leadIn: content };
}

function locateEnd(page: Page, located: Located): BodyEnd {
  const { lines, rules } = page;
  const isBodyText = (i: number) =>
    isText(lines[i]!.text, rules) && !isBodyChrome(page, i) && i !== located.leadIn;
  let seenText = false;
  let trailer: number | undefined;
  for (let i = located.title.last + 1; i < lines.length && trailer === undefined; i++) {
    const match = page.matches[i];
    const marker =
      rules.trailerMarkers.some((pattern) => pattern.test(lines[i]!.text)) || match?.rule.endsDocument;
    // A widget line just below the title (`【打印】`) is removed on its own and does not end the page.
    if (marker && (seenText || match?.rule.scope !== 'anywhere')) trailer = i;
    else if (isBodyText(i)) seenText = true;
  }
  let last = (trailer ?? lines.length) - 1;
  while (last > located.title.last && !isBodyText(last)) last--;
  return trailer === undefined ? { last } : { last, trailer };
}

function removeBeforeTitle(page: Page, { title, heading }: Located, edits: EditList): void {
  const { lines } = page;
  for (let i = 0; i < title.first; i++) {
    const line = lines[i]!;
    const match = page.matches[i];
    if (heading && i >= heading.first && i <= heading.last) {
      const span = { start: lines[heading.first]!.start, next: lines[heading.last]!.next };
      if (i === heading.first) edits.add(span, 'page-heading');
    } else if (match) {
      edits.line(line, match);
    } else {
      edits.add(line, 'before-title');
    }
  }
  // The body starts at the title's first character: its indentation goes with the chrome.
  const titleLine = lines[title.first]!;
  const indent = page.source.slice(titleLine.start, titleLine.end).search(/\S/u);
  if (indent > 0) edits.add({ start: titleLine.start, next: titleLine.start + indent }, 'before-title');
}

function removeInsideBody(page: Page, { title, leadIn }: Located, last: number, edits: EditList): void {
  const { lines } = page;
  const chrome = (i: number): RuleMatch | undefined => {
    if (i === leadIn) return page.matches[i];
    return isBodyChrome(page, i) ? page.matches[i] : undefined;
  };
  for (let i = title.last + 1; i < last;) {
    if (lines[i]!.text && !chrome(i)) {
      i++;
      continue;
    }
    // A gap between two text lines: blank lines and chrome lines.
    let gapEnd = i;
    while (gapEnd < last && (!lines[gapEnd]!.text || chrome(gapEnd))) gapEnd++;
    const chromeLines = [];
    for (let k = i; k < gapEnd; k++) if (chrome(k)) chromeLines.push(k);
    if (chromeLines.length > 0) {
      // Keep the blank lines above the chrome if there are any, else those below it: one separation survives.
      const from = chromeLines[0]!;
      const to = from > i ? gapEnd - 1 : chromeLines.at(-1)!;
      for (let k = from; k <= to; k++) {
        const match = chrome(k);
        if (match) edits.line(lines[k]!, match);
        else edits.add(lines[k]!, 'blank-line');
      }
    }
    i = gapEnd;
  }
}

function removeAfterBody(page: Page, end: BodyEnd, edits: EditList): void {
  const { lines, source } = page;
  const lastLine = lines[end.last]!;
  const textEnd = lastLine.start + source.slice(lastLine.start, lastLine.end).trimEnd().length;
  edits.add({ start: textEnd, next: lastLine.end }, 'trailing-blank');
  const stop = end.trailer ?? lines.length;
  for (let i = end.last + 1; i < stop; i++) {
    const line = lines[i]!;
    const match = page.matches[i];
    if (match) edits.line(line, match);
    else edits.add(line, line.text ? 'trailing-non-text' : 'trailing-blank');
  }
  if (end.trailer === undefined) return;
  const trailer = lines[end.trailer]!;
  const match = page.matches[end.trailer];
  if (match) edits.line(trailer, match);
  const rest = { start: match ? trailer.next : trailer.start, next: source.length };
  edits.add(rest, 'after-trailer', `marker: ${trailer.text.slice(0, 20)}`);
}

/** Collects edits in text order, merging adjacent runs of a structural rule. */
class EditList {
  readonly list: Edit[] = [];

  line(line: Line, { rule, note }: RuleMatch): void {
    this.push({ start: line.start, end: line.next, rule: rule.rule, confidence: rule.confidence }, note);
  }

  /** Removes `start`…`next` (a whole line, or any span) under a structural rule. */
  add({ start, next }: { start: number; next: number }, rule: string, note?: string): void {
    const previous = this.list.at(-1);
    if (previous?.rule === rule && previous.end === start) previous.end = Math.max(previous.end, next);
    else this.push({ start, end: next, rule, confidence: STRUCTURAL[rule] ?? 0.5 }, note);
  }

  push(fields: Pick<Edit, 'start' | 'end' | 'rule' | 'confidence'>, note?: string): void {
    if (fields.end <= fields.start) return;
    const edit: Edit = { ...fields, replacement: '', kind: 'chrome' };
    this.list.push(note === undefined ? edit : { ...edit, note });
  }
}
