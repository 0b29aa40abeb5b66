// Responsibility statements to tasks: the work, the bodies responsible and their roles. Plans print
// the statement in one of three ways, in either script:
//   Sichuan: the work, then lines   牵头单位:省发展改革委 / 参与单位:省政府有关部门、…
//   Guangdong: closing a paragraph  (省發展改革委牽頭,省經濟和信息化委…等按職責分工負責)
//   Hunan: closing a sentence       (省发改委牵头负责,省水利厅等参与) — often several per paragraph
// A lead is 牵头; bodies listed after a lead (…等参与, …等按职责分工负责) participate; bodies that
// 按职责分工负责 with no lead share the work.
import type { Agency, Document, Provision, Task } from './generated/model.ts';
import { splitAgencyList, type AgencyMention } from './agencyNames.ts';
import { agencyResolver, type Gazetteer } from './resolveAgencies.ts';

type Role = Task['agencies'][number]['role'];
/** 负责 alone (or 责任单位:): the lead when one body is named, shared among several. */
type PrintedRole = Role | 'responsible';

interface RoleList {
  role: PrintedRole;
  /** The agencies before the role marker, as printed. */
  list: string;
}

interface TextPiece {
  text: string;
  provisionId: string;
}

export interface TaskContext {
  documentId: string;
  /** ISO 3166-2 code of the issuing region: whose 省发改委 the plan means. */
  jurisdiction: string;
}

export interface TaskResult {
  tasks: Task[];
  agencies: Agency[];
  problems: Document['problems'];
}

const LEAD = '[牵牽][头頭]';
const RESPONSIBLE = '[负負][责責]';
const PARTICIPATE = '[参參][与與]';
const ASSIST = `(?:${PARTICIPATE}|配合)`;
const ROLE_MARKER = new RegExp(
  `(${LEAD}(?:${RESPONSIBLE})?)|(等?按(?:[职職][责責])?分工${RESPONSIBLE})|(等?${ASSIST})|((?:共同)?${RESPONSIBLE})`,
  'gu',
);
const STATEMENT_END = new RegExp(`(?:${LEAD}|${RESPONSIBLE}|${ASSIST})$`, 'u');
/** 牵头单位:…, 参与单位:…, 责任单位:…, 配合单位:… lines of a division plan. */
const BLOCK_LINE = new RegExp(
  `^\\s*(${LEAD}|${PARTICIPATE}|[责責]任|配合)[单單]位\\s*[:：]\\s*(.*?)\\s*$`,
  'u',
);
const EDGE_PUNCTUATION = /^[\s\u3000。．.,，;；、:：]+|[\s\u3000,，;；、:：]+$/gu;

function clean(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '');
}

/** The role lists of a bracketed statement, or undefined when the brackets hold something else. */
export function parseStatement(content: string): RoleList[] | undefined {
  const trimmed = content.trim();
  if (!STATEMENT_END.test(trimmed)) return undefined;
  const lists: RoleList[] = [];
  let start = 0;
  let sawLead = false;
  for (const match of trimmed.matchAll(ROLE_MARKER)) {
    const list = clean(trimmed.slice(start, match.index));
    start = match.index + match[0].length;
    if (list === '') continue;
    const [, lead, byDivision, participate] = match;
    const role: PrintedRole = lead
      ? 'lead'
      : participate || sawLead
        ? 'participant'
        : byDivision
          ? 'shared'
          : 'responsible';
    sawLead ||= role === 'lead';
    lists.push({ role, list });
  }
  return lists.length > 0 && clean(trimmed.slice(start)) === '' ? lists : undefined;
}

/** Bracketed statements in a line, outermost brackets only, with their offsets. */
function findStatements(line: string): { start: number; end: number; lists: RoleList[] }[] {
  const found: { start: number; end: number; lists: RoleList[] }[] = [];
  let open = -1;
  let depth = 0;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '(' || char === '（') {
      if (depth === 0) open = i;
      depth += 1;
    } else if ((char === ')' || char === '）') && depth > 0) {
      depth -= 1;
      const lists = depth === 0 ? parseStatement(line.slice(open + 1, i)) : undefined;
      if (lists) found.push({ start: open, end: i + 1, lists });
    }
  }
  return found;
}

/** A numbered provision's own words: its text without the label and the heading. */
function bodyOf(provision: Provision): string {
  let text = provision.text.replace(/^[\s\u3000]+/u, '');
  if (provision.label && text.startsWith(provision.label)) text = text.slice(provision.label.length);
  const heading = provision.heading?.trim();
  if (heading && text.trimStart().startsWith(heading)) {
    text = text
      .trimStart()
      .slice(heading.length)
      .replace(/^[。．.:：]/u, '');
  }
  return text;
}

function roleOfBlockLine(marker: string): PrintedRole {
  if (/[牵牽]/u.test(marker)) return 'lead';
  return /[责責]/u.test(marker) ? 'responsible' : 'participant';
}

function labelOf(provision: Provision | undefined): string {
  if (!provision?.label) return '';
  const heading = provision.heading?.trim().replace(/[。．.:：]$/u, '');
  return heading ? `${provision.label} ${heading}` : provision.label;
}

export function provisionsToTasks(
  provisions: Provision[],
  context: TaskContext,
  gazetteer: Gazetteer,
): TaskResult {
  const resolver = agencyResolver(gazetteer, context.jurisdiction);
  const byId = new Map(provisions.map((provision) => [provision.id, provision]));
  const numberedOwner = (provision: Provision | undefined): Provision | undefined => {
    let current = provision;
    while (current && current.label === null) current = byId.get(current.parent_id ?? '');
    return current;
  };
  const tasks: Task[] = [];
  const agencies = new Map<string, Agency>();
  const problems: Document['problems'] = [];
  const unknownNames = new Set<string>();
  const shortForms = new Map<string, string>();

  // Unknown bodies' ids are their names in toneless pinyin, so two names can share one (水利局 and
  // 税利局 are both shui-li-ju): the second name gets the next free id, so no body is merged into another.
  const unknownIdOfName = new Map<string, string>();
  const unknownIdsTaken = new Set<string>();
  const distinctUnknown = (agency: Agency): Agency => {
    let id = unknownIdOfName.get(agency.name);
    if (id === undefined) {
      id = agency.id;
      for (let suffix = 2; unknownIdsTaken.has(id); suffix++) id = `${agency.id}-${suffix}`;
      unknownIdOfName.set(agency.name, id);
      unknownIdsTaken.add(id);
    }
    return id === agency.id ? agency : { ...agency, id };
  };

  const toTaskAgencies = (lists: RoleList[], provisionId: string): Task['agencies'][number][] => {
    const entries: Task['agencies'][number][] = [];
    for (const { role, list } of lists) {
      const mentions: AgencyMention[] = splitAgencyList(list, resolver).map((mention) => {
        if (mention.shortForm) shortForms.set(mention.shortForm, mention.name);
        const full = shortForms.get(mention.name);
        return full ? { ...mention, name: full } : mention;
      });
      const settled: Role = role === 'responsible' ? (mentions.length === 1 ? 'lead' : 'shared') : role;
      for (const mention of mentions) {
        const resolved = resolver.resolve(mention);
        const { inGazetteer } = resolved;
        const agency = inGazetteer ? resolved.agency : distinctUnknown(resolved.agency);
        if (!inGazetteer && !unknownNames.has(agency.name)) {
          unknownNames.add(agency.name);
          problems.push({
            code: 'unknown-agency',
            message: `"${mention.printed}" (${agency.name}) is not in the gazetteer; kept as ${agency.id}`,
            provision_id: provisionId,
          });
        }
        const seen = agencies.get(agency.id);
        // An unknown body printed two ways (教育厅, 省教育厅) keeps both as aliases.
        const aliases =
          seen && !seen.in_gazetteer ? [...new Set([...seen.aliases, ...agency.aliases])] : undefined;
        agencies.set(agency.id, seen ? { ...seen, ...(aliases && { aliases }) } : agency);
        // The same body named twice in one statement keeps its first (stronger) role.
        if (!entries.some((entry) => entry.agency_id === agency.id)) {
          entries.push({ agency_id: agency.id, name_as_printed: mention.printed, role: settled });
        }
      }
    }
    return entries;
  };

  const addTask = (pieces: TextPiece[], provision: Provision, responsibility: string, lists: RoleList[]) => {
    const owner = numberedOwner(provision);
    let text = pieces.map((piece) => piece.text).join('\n');
    // A heading alone (（六）构建区域大通关体制。 then 牵头单位:…) is the work itself.
    if (text === '') text = owner?.heading?.trim() || labelOf(owner);
    const provisionId = pieces[0]?.provisionId ?? (text !== '' && owner ? owner.id : provision.id);
    const taskAgencies = toTaskAgencies(lists, provisionId);
    if (text === '' || taskAgencies.length === 0) {
      problems.push({
        code: text === '' ? 'task-without-text' : 'task-without-agency',
        message: `responsibility statement ${responsibility} has no ${text === '' ? 'work before it' : 'agency'}`,
        provision_id: provisionId,
      });
      return;
    }
    const [first, ...rest] = taskAgencies;
    tasks.push({
      id: `${context.documentId}-t${tasks.length + 1}`,
      document_id: context.documentId,
      provision_id: provisionId,
      label: labelOf(owner),
      text,
      responsibility,
      agencies: [first!, ...rest],
    });
  };

  // The work of a 牵头单位 block is everything since the previous statement in the same numbered provision.
  let pending: TextPiece[] = [];
  let block: { lines: string[]; lists: RoleList[]; provision: Provision } | undefined;
  const closeBlock = () => {
    if (!block) return;
    addTask(pending, block.provision, block.lines.join('\n'), block.lists);
    pending = [];
    block = undefined;
  };

  for (const provision of [...provisions].sort((a, b) => a.position - b.position)) {
    const numbered = provision.label !== null;
    if (numbered) {
      closeBlock();
      pending = [];
    }
    for (const line of (numbered ? bodyOf(provision) : provision.text).split('\n')) {
      if (line.trim() === '') continue;
      const blockLine = BLOCK_LINE.exec(line);
      if (blockLine) {
        block ??= { lines: [], lists: [], provision };
        block.lines.push(line.trim());
        if (blockLine[2]) block.lists.push({ role: roleOfBlockLine(blockLine[1]!), list: blockLine[2] });
        continue;
      }
      closeBlock();
      let cursor = 0;
      for (const statement of findStatements(line)) {
        const before = clean(line.slice(cursor, statement.start));
        const pieces = before === '' ? pending : [{ text: before, provisionId: provision.id }];
        addTask(pieces, provision, line.slice(statement.start, statement.end), statement.lists);
        pending = [];
        cursor = statement.end;
      }
      const rest = clean(line.slice(cursor));
      if (rest !== '') pending.push({ text: rest, provisionId: provision.id });
    }
  }
  closeBlock();
  return {
    tasks,
    agencies: [...agencies.values()].sort((a, b) => a.id.localeCompare(b.id)),
    problems,
  };
}
