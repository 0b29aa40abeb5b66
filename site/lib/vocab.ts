// Labels for the records' coded values (types, statuses, levels, regions …).
import type { Ctx } from './ctx.ts';
import type { LabelKey } from './labels.ts';
import { LABELS } from './labels.ts';
import type { Agency, Document, ExternalReference, Repair } from '../../pipeline/generated/model.ts';
import type { Script } from './script.ts';
import type { FacetName } from './facets.ts';
import { regionSlug } from './data.ts';

const TYPES: Record<Document['doc_type'], LabelKey> = {
  agreement: 'typeAgreement',
  opinion: 'typeOpinion',
  plan: 'typePlan',
  'division-plan': 'typeDivisionPlan',
  notice: 'typeNotice',
  measures: 'typeMeasures',
  other: 'typeOther',
};
const STATUSES: Record<Document['status'], LabelKey> = {
  'in-force': 'statusInForce',
  'no-longer-in-force': 'statusExpired',
  unknown: 'statusUnknown',
};
const LEVELS: Record<Agency['level'], LabelKey> = {
  national: 'levelNational',
  provincial: 'levelProvincial',
  municipal: 'levelMunicipal',
  county: 'levelCounty',
  unknown: 'levelUnknown',
};
const KINDS: Record<Agency['kind'], LabelKey> = {
  agency: 'kindAgency',
  collective: 'kindCollective',
  enterprise: 'kindEnterprise',
};
const STAGES: Record<Repair['stage'], LabelKey> = {
  invisible: 'stageInvisible',
  normalise: 'stageNormalise',
  'gbk-shift': 'stageGbkShift',
  pinyin: 'stagePinyin',
  override: 'stageOverride',
  chrome: 'stageChrome',
};

export const DOC_TYPES = Object.keys(TYPES) as Document['doc_type'][];
export const STATUS_VALUES = Object.keys(STATUSES) as Document['status'][];

export const typeLabel = (ctx: Ctx, type: Document['doc_type']) => ctx.t(TYPES[type]);
export const statusLabel = (ctx: Ctx, status: Document['status']) => ctx.t(STATUSES[status]);
export const levelLabel = (ctx: Ctx, level: Agency['level']) => ctx.t(LEVELS[level]);
export const kindLabel = (ctx: Ctx, kind: Agency['kind']) => ctx.t(KINDS[kind]);
export const stageLabel = (ctx: Ctx, stage: Repair['stage']) => ctx.t(STAGES[stage]);

export function regionLabel(ctx: Ctx, code: string): string {
  const key = `region${code}`;
  return key in LABELS ? ctx.t(key as LabelKey) : code;
}

export function scriptLabel(ctx: Ctx, script: Script): string {
  return ctx.t(script === 'zh-Hans' ? 'scriptHans' : 'scriptHant');
}

const FACET_TITLES: Record<FacetName, LabelKey> = {
  type: 'facetType',
  issuer: 'facetIssuer',
  region: 'facetRegion',
  year: 'facetYear',
  status: 'facetStatus',
};

/** The heading of a facet (a filter of the documents index and of the search page). */
export function facetTitle(ctx: Ctx, facet: FacetName): string {
  return ctx.t(FACET_TITLES[facet]);
}

/** A facet's value as a reader sees it. */
export function facetValueLabel(ctx: Ctx, facet: FacetName, value: string): string {
  switch (facet) {
    case 'type':
      return typeLabel(ctx, value as Document['doc_type']);
    case 'status':
      return statusLabel(ctx, value as Document['status']);
    case 'region':
      return regionLabel(ctx, value);
    case 'year':
      return value === 'unknown' ? ctx.t('unknown') : value;
    case 'issuer':
      return ctx.c(value, 'zh-Hans');
  }
}

/** An external reference's name in the page's script, and as a heading (a title goes in 《》). */
export function referenceTitle(ctx: Ctx, reference: ExternalReference): { title: string; heading: string } {
  const title = reference.title ? ctx.c(reference.title) : (reference.doc_number ?? reference.id);
  return { title, heading: reference.title ? `《${title}》` : title };
}

/** An agency's place, for its pages' breadcrumb: the agencies, then its region. */
export function agencySteps(ctx: Ctx, agency: Agency): [string, string][] {
  return [
    ['agencies/', ctx.t('navAgencies')],
    [`regions/${regionSlug(agency.jurisdiction)}/`, regionLabel(ctx, agency.jurisdiction)],
  ];
}
