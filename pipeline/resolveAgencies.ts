// The gazetteer of responsible bodies (config/agencies.json) and the lookup of printed names in it.
//
// Agency ids: the ISO 3166-2 code of the body's region in lower case, then the body's usual short
// name in toneless pinyin, words joined by hyphens: cn-gd-fagaiwei (广东省发展改革委), cn-sc-keji-ting
// (四川省科技厅), cn-hn-changsha-haiguan (长沙海关), cn-shuili-bu-zhujiang-shuili-weiyuanhui (national). Ids are
// written in the data file, never derived, so they stay put when names or romanisation change.
// Names the gazetteer does not know get `<region>-unknown-<the name in pinyin, a syllable a character>`.
//
// Lookup is by region: a short form such as 省发改委 or 教育厅 means the issuing region's own body
// (Sichuan's in Sichuan's plan), so those are `local_aliases`, found only from documents of that
// region. Names that carry their own place (长沙海关, 广州市政府, 四川银监局) are `aliases`, found
// from any document.
import { toTraditional as toHongKong, toTaiwanTraditional as toTaiwan } from './chineseScript.ts';
import type { Agency } from './generated/model.ts';
import { pinyin } from 'pinyin-pro';
import { isBareDepartment, normaliseName, type AgencyMention, type NameLexicon } from './agencyNames.ts';
import { NATIONAL_CODE, regionOfName } from './regions.ts';

export interface Gazetteer {
  readonly agencies: readonly Agency[];
  /** Simplified names that identify a body wherever printed; a name may stand for one body per region. */
  readonly byName: ReadonlyMap<string, readonly Agency[]>;
  /** `<region> <short form>`: names that identify a body only in its own region's documents. */
  readonly byLocalName: ReadonlyMap<string, Agency>;
}

interface GazetteerEntry {
  id: string;
  name: string;
  jurisdiction: string;
  level: Agency['level'];
  kind: Agency['kind'];
  aliases: string[];
  local_aliases: string[];
}

const LEVELS: readonly Agency['level'][] = ['national', 'provincial', 'municipal', 'county'];
const KINDS: readonly Agency['kind'][] = ['agency', 'collective', 'enterprise'];
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/u;
const JURISDICTION_PATTERN = /^CN(-[A-Z]{2})?$/u;

class GazetteerError extends Error {
  constructor(pointer: string, reason: string) {
    super(
      `agencies.json ${pointer}: ${reason}. Every entry needs id, name, jurisdiction, level, kind, aliases`,
    );
    this.name = 'GazetteerError';
  }
}

function checkEntry(entry: Record<string, unknown>, pointer: string): GazetteerEntry {
  const text = (key: string, pattern?: RegExp): string => {
    const value = entry[key];
    if (typeof value !== 'string' || value === '' || (pattern && !pattern.test(value))) {
      throw new GazetteerError(`${pointer}/${key}`, `${JSON.stringify(value)} is not a valid ${key}`);
    }
    return value;
  };
  const names = (key: string): string[] => {
    const value = entry[key] ?? [];
    if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name === '')) {
      throw new GazetteerError(`${pointer}/${key}`, 'expected an array of names');
    }
    return value as string[];
  };
  const id = text('id', ID_PATTERN);
  if (id.includes('-unknown-'))
    throw new GazetteerError(`${pointer}/id`, '"-unknown-" is kept for unknown names');
  const level = text('level') as Agency['level'];
  const kind = text('kind') as Agency['kind'];
  if (!LEVELS.includes(level))
    throw new GazetteerError(`${pointer}/level`, `must be one of ${LEVELS.join(', ')}`);
  if (!KINDS.includes(kind))
    throw new GazetteerError(`${pointer}/kind`, `must be one of ${KINDS.join(', ')}`);
  return {
    id,
    name: text('name'),
    jurisdiction: text('jurisdiction', JURISDICTION_PATTERN),
    level,
    kind,
    aliases: names('aliases'),
    local_aliases: names('local_aliases'),
  };
}

/** Both traditional forms of a simplified name (Hong Kong 衞, Taiwan 衛), when they differ from it. */
function traditionalForms(name: string): string[] {
  return [toHongKong(name), toTaiwan(name)].filter((form) => form !== name);
}

/** Every name of a body in both scripts, except its official simplified name. */
function allAliases(name: string, names: readonly string[]): string[] {
  const forms = [name, ...names].flatMap((form) => [form, ...traditionalForms(form)]);
  return [...new Set(forms)].filter((form) => form !== name);
}

/** Checks the parsed data file and indexes it; errors name the entry by JSON pointer. */
export function loadGazetteer(data: unknown): Gazetteer {
  const entries = (data as { agencies?: unknown } | null)?.agencies;
  if (!Array.isArray(entries)) throw new GazetteerError('/', 'expected an object with an "agencies" array');
  const agencies: Agency[] = [];
  const byName = new Map<string, Agency[]>();
  const byLocalName = new Map<string, Agency>();
  const ids = new Set<string>();
  entries.forEach((raw: Record<string, unknown>, index) => {
    const entry = checkEntry(raw, `/agencies/${index}`);
    if (ids.has(entry.id)) throw new GazetteerError(`/agencies/${index}/id`, `duplicate id ${entry.id}`);
    ids.add(entry.id);
    const agency: Agency = {
      id: entry.id,
      name: entry.name,
      jurisdiction: entry.jurisdiction,
      level: entry.level,
      kind: entry.kind,
      aliases: allAliases(entry.name, [...entry.aliases, ...entry.local_aliases]),
      in_gazetteer: true,
    };
    agencies.push(agency);
    for (const name of new Set([entry.name, ...entry.aliases].map(normaliseName))) {
      const sameName = byName.get(name) ?? [];
      if (sameName.some((other) => other.jurisdiction === agency.jurisdiction)) {
        throw new GazetteerError(
          `/agencies/${index}`,
          `"${name}" already names another body of ${agency.jurisdiction}`,
        );
      }
      byName.set(name, [...sameName, agency]);
    }
    for (const name of entry.local_aliases.map(normaliseName)) {
      const key = `${agency.jurisdiction} ${name}`;
      const other = byLocalName.get(key);
      if (other && other.id !== agency.id) {
        throw new GazetteerError(
          `/agencies/${index}`,
          `"${name}" already names ${other.id} in ${agency.jurisdiction}`,
        );
      }
      byLocalName.set(key, agency);
    }
  });
  return { agencies, byName, byLocalName };
}

const COLLECTIVE = /^(?:各|有关|相关)|(?:有关|相关|成员)(?:单位|部门)$|有关.*政府$/u;
const ENTERPRISE = /(?:集团|公司|银行|分行|支行)/u;

/** One toneless syllable per character (no word segmentation, whose output varies with ICU data). */
function romanise(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((syllable) =>
      syllable
        .toLowerCase()
        .replace(/ü/gu, 'v')
        .replace(/[^a-z0-9]+/gu, ''),
    )
    .filter((syllable) => syllable !== '')
    .join('-');
}

/** A name the gazetteer lacks: kept, with a stable id, so that it is counted and can be added. */
export function unknownAgency(mention: AgencyMention, jurisdiction: string): Agency {
  const region = regionOfName(mention.name) ?? jurisdiction;
  // 教育厅 and 省教育厅 in one provincial plan are one body, so they get one id.
  const name =
    isBareDepartment(mention.name) && region !== NATIONAL_CODE ? `省${mention.name}` : mention.name;
  return {
    id: `${region.toLowerCase()}-unknown-${romanise(name)}`,
    name,
    jurisdiction: region,
    level: region === NATIONAL_CODE ? 'national' : 'unknown',
    kind: COLLECTIVE.test(name) ? 'collective' : ENTERPRISE.test(name) ? 'enterprise' : 'agency',
    aliases: [...new Set([mention.printed, ...traditionalForms(name)])].filter((alias) => alias !== name),
    in_gazetteer: false,
  };
}

export interface Resolution {
  agency: Agency;
  inGazetteer: boolean;
}

export interface AgencyResolver extends NameLexicon {
  resolve(mention: AgencyMention): Resolution;
}

/** Looks names up as a document of `jurisdiction` means them. */
export function agencyResolver(gazetteer: Gazetteer, jurisdiction: string): AgencyResolver {
  const lookupOne = (name: string): Agency | undefined => {
    const local = gazetteer.byLocalName.get(`${jurisdiction} ${name}`);
    if (local) return local;
    const named = gazetteer.byName.get(name) ?? [];
    // The same full name in several regions (a 省… name written as an alias) means this region's.
    return named.length === 1
      ? named[0]
      : (named.find((agency) => agency.jurisdiction === jurisdiction) ??
          named.find((agency) => agency.jurisdiction === NATIONAL_CODE));
  };
  // A bare department (教育厅, 发展改革委) in a provincial plan is the province's own.
  const lookup = (name: string): Agency | undefined =>
    lookupOne(name) ?? (name.startsWith('省') ? undefined : lookupOne(`省${name}`));
  return {
    isKnown: (name) => lookup(normaliseName(name)) !== undefined,
    resolve(mention) {
      const agency = lookup(mention.name);
      return agency
        ? { agency, inGazetteer: true }
        : { agency: unknownAgency(mention, jurisdiction), inGazetteer: false };
    },
  };
}
