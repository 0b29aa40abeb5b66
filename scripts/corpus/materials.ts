// Building materials for synthetic documents, harvested from the seeds' own records so the
// corpus reads like the real family: sentences, headings, article headings, and the agencies
// the gazetteer knows in each region.
import { readFileSync } from 'node:fs';
import type { Document } from '../../pipeline/generated/model.ts';
import { toSimplified } from '../../pipeline/chineseScript.ts';

export interface Materials {
  sentences: string[];
  headings: string[];
  articleHeadings: string[];
  /** Short forms of provincial agencies by region code, e.g. 省发展改革委 for CN-SC. */
  agencies: Map<string, string[]>;
}

const clean = (text: string) => toSimplified(text.replace(/\s+/gu, ''));

export function harvestMaterials(documents: readonly Document[], gazetteerJson: string): Materials {
  const sentences = new Set<string>();
  const headings = new Set<string>();
  const articleHeadings = new Set<string>();
  for (const document of documents) {
    for (const provision of document.provisions) {
      if (provision.kind === 'article' && provision.heading) articleHeadings.add(clean(provision.heading));
      else if (provision.kind === 'item' && provision.heading && provision.heading.length <= 20) {
        headings.add(clean(provision.heading));
      }
      if (provision.kind !== 'paragraph' && provision.kind !== 'item') continue;
      for (const sentence of clean(provision.text).split('。')) {
        // Plain sentences only: statements, labels and citations are composed, not copied.
        if (sentence.length < 16 || sentence.length > 110) continue;
        if (
          /牵头|负责|参与|单位[:：]|^[(（]?[一二三四五六七八九十\d]+[)）、.]|第.{1,3}[章条]|〔|\[/u.test(
            sentence,
          )
        )
          continue;
        sentences.add(`${sentence}。`);
      }
    }
  }
  const gazetteer = JSON.parse(gazetteerJson) as {
    agencies: { jurisdiction: string; kind: string; local_aliases?: string[] }[];
  };
  const agencies = new Map<string, string[]>();
  for (const agency of gazetteer.agencies) {
    if (agency.kind !== 'agency') continue;
    const short = agency.local_aliases?.find((alias) => alias.startsWith('省'));
    if (!short) continue;
    agencies.set(agency.jurisdiction, [...(agencies.get(agency.jurisdiction) ?? []), short]);
  }
  return {
    sentences: [...sentences].sort(),
    headings: [...headings].sort(),
    articleHeadings: [...articleHeadings].sort(),
    agencies,
  };
}

export function readGazetteer(): string {
  return readFileSync(new URL('../../pipeline/config/agencies.json', import.meta.url), 'utf8');
}
