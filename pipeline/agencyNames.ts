// Agency lists as printed in responsibility statements, split into one name per body and written
// the way the gazetteer knows them (simplified script, 省 prefix and shared suffixes restored):
//   省發展改革委、經濟和信息化委            → 省发展改革委, 省经济和信息化委
//   廣東、深圳、珠海出入境檢驗檢疫局        → 广东…, 深圳…, 珠海出入境检验检疫局
//   省有關單位及有關地級以上市政府等        → 省有关单位, 有关地级以上市政府
// 和 and 及 also occur inside names (经济和信息化委, 人力资源和社会保障厅), so a list is only cut
// there when the part before is a whole name: one the gazetteer knows, or one that ends the way
// body names end (厅, 局, 委, 单位…).
import { toSimplified } from './chineseScript.ts';
import { REGIONS, regionOfName } from './regions.ts';

/** What splitting needs to know about names; resolveAgencies supplies it from the gazetteer. */
export interface NameLexicon {
  /** Whether a simplified name (or 省 + it) is a body the gazetteer knows for this document. */
  isKnown(name: string): boolean;
}

export interface AgencyMention {
  /** The piece of the list as printed, script kept, without a trailing 等 or a 以下简称 note. */
  printed: string;
  /** Simplified, with a carried 省 prefix or a shared suffix restored: the name to look up. */
  name: string;
  /** A short form the document defines for the body, e.g. 省铁投集团 from (以下简称省铁投集团). */
  shortForm?: string;
}

const LIST_SEPARATORS = new Set(['、', ',', '，', ';', '；']);
const OPENING = new Set(['(', '（']);
const CLOSING = new Set([')', '）']);
/** Characters that join two names but also occur inside one. */
const INNER_JOINERS = ['和', '及', '等'];
/** How the names of bodies, collectives and companies end. */
const WHOLE_NAME_ENDING =
  /(?:厅|局|委|办|署|院|会|行|司|部|府|团|组|队|位|处|馆|所|站|中心|公司|集团|海关|成员单位|有关单位)$/u;
/** Names that carry their own qualifier and so never take a carried 省 prefix. */
const OWN_QUALIFIER = /^(?:省|各|有关|相关|国家|国务院|中国|中共|中央|团|共青团|民航|人行|人民银行|开发行)/u;
/** A ministry's or administration's own office: 交通运输部珠江航务管理局, 海关总署广东分署. */
const MINISTRY_BRANCH = /^\p{Script=Han}{2,6}(?:部(?!门)|总署|总局)(?=\p{Script=Han})/u;
const SHORT_FORM_NOTE = /[(（](?:以下简称|以下簡稱|简称|簡稱)[:：]?([^()（）]+)[)）]/u;

/** Simplified script, ASCII brackets, no spaces: the form names are compared in. */
export function normaliseName(printed: string): string {
  return toSimplified(printed)
    .replace(/（/gu, '(')
    .replace(/）/gu, ')')
    .replace(/[\s\u3000]+/gu, '');
}

/** Cuts at the list separators that are not inside brackets (各市(州)人民政府 stays whole). */
function splitOutsideBrackets(list: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (OPENING.has(char)) depth += 1;
    if (CLOSING.has(char)) depth = Math.max(0, depth - 1);
    if (depth === 0 && LIST_SEPARATORS.has(char)) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces.map((piece) => piece.trim()).filter((piece) => piece !== '');
}

function stripTrailingDeng(printed: string): string {
  return printed.replace(/(?:等)+$/u, '').trim();
}

function isWholeName(name: string, lexicon: NameLexicon): boolean {
  return lexicon.isKnown(name) || WHOLE_NAME_ENDING.test(name);
}

/** Cuts a piece at 和/及/等 where the part before is a whole name and the rest is not part of it. */
function splitJoined(printed: string, lexicon: NameLexicon): string[] {
  if (lexicon.isKnown(normaliseName(printed))) return [printed];
  const chars = [...printed];
  for (let i = 2; i < chars.length - 2; i += 1) {
    if (!INNER_JOINERS.includes(chars[i]!)) continue;
    const before = chars.slice(0, i).join('');
    if (isWholeName(normaliseName(before), lexicon)) {
      return [before, ...splitJoined(chars.slice(i + 1).join(''), lexicon)];
    }
  }
  return [printed];
}

const PLACE_NAMES = REGIONS.flatMap((region) => [...region.names, ...region.cities]).sort(
  (a, b) => b.length - a.length,
);

/** The place name (广东, 深圳…) a name starts with, longest first. */
function leadingPlace(name: string): string | undefined {
  return PLACE_NAMES.find((place) => name.startsWith(place));
}

/** 广东、深圳、珠海出入境检验检疫局: bare place names take the suffix of the next full name. */
function expandSharedSuffixes(mentions: AgencyMention[]): AgencyMention[] {
  const expanded = [...mentions];
  for (let end = 0; end < expanded.length; end += 1) {
    const place = leadingPlace(expanded[end]!.name);
    if (!place || place === expanded[end]!.name) continue;
    const suffix = expanded[end]!.name.slice(place.length);
    for (let i = end - 1; i >= 0 && leadingPlace(expanded[i]!.name) === expanded[i]!.name; i -= 1) {
      expanded[i] = { ...expanded[i]!, name: expanded[i]!.name + suffix };
    }
  }
  return expanded;
}

/** Whether a name says whose body it is: a place, 省/各/有关, a national prefix or a ministry. */
function hasOwnQualifier(name: string): boolean {
  return OWN_QUALIFIER.test(name) || MINISTRY_BRANCH.test(name) || regionOfName(name) !== undefined;
}

/** A department named without its government (教育厅, 发展改革委): in a provincial plan, the province's. */
export function isBareDepartment(name: string): boolean {
  return /(?:厅|局|委|办)$/u.test(name) && !hasOwnQualifier(name);
}

/** 省发展改革委、经济和信息化委: once a list has named a provincial body, bare departments are provincial too. */
function carryProvincePrefix(mentions: AgencyMention[], lexicon: NameLexicon): AgencyMention[] {
  let provincial = false;
  return mentions.map((mention) => {
    const { name } = mention;
    if (name.startsWith('省')) provincial = true;
    if (!provincial || hasOwnQualifier(name)) return mention;
    const carried = `省${name}`;
    if (lexicon.isKnown(carried) || (!lexicon.isKnown(name) && isBareDepartment(name))) {
      return { ...mention, name: carried };
    }
    return mention;
  });
}

/** One mention per body named in `list` (the agencies before one role marker of a statement). */
export function splitAgencyList(list: string, lexicon: NameLexicon): AgencyMention[] {
  const mentions: AgencyMention[] = [];
  for (const piece of splitOutsideBrackets(list)) {
    const note = SHORT_FORM_NOTE.exec(piece);
    const withoutNote = note ? piece.replace(note[0], '') : piece;
    const parts = splitJoined(stripTrailingDeng(withoutNote), lexicon).map(stripTrailingDeng);
    for (const [index, printed] of parts.entries()) {
      if (printed === '') continue;
      const mention: AgencyMention = { printed, name: normaliseName(printed) };
      // A note follows the name it abbreviates: the last part of the piece.
      if (note && index === parts.length - 1) mention.shortForm = normaliseName(note[1]!);
      mentions.push(mention);
    }
  }
  return carryProvincePrefix(expandSharedSuffixes(mentions), lexicon);
}
