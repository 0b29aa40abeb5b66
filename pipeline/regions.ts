// Region lookup for the 9+2: which ISO 3166-2 code a name, an issuer or an abbreviation stands for.
import { toSimplified } from './chineseScript.ts';
import regionsData from './config/regions.json' with { type: 'json' };

export interface Region {
  code: string;
  name: string;
  names: string[];
  abbreviations: string[];
  cities: string[];
}

export const REGIONS: readonly Region[] = regionsData.regions;
export const NATIONAL_CODE = regionsData.national.code;

/** The region an issuer or agency name belongs to, by the first place name in it. */
export function regionOfName(name: string): string | undefined {
  const simplified = toSimplified(name);
  if (regionsData.national.names.some((prefix) => simplified.startsWith(prefix))) return NATIONAL_CODE;
  let best: { code: string; index: number } | undefined;
  for (const region of REGIONS) {
    for (const place of [...region.names, ...region.cities]) {
      const index = simplified.indexOf(place);
      if (index >= 0 && (!best || index < best.index)) best = { code: region.code, index };
    }
  }
  return best?.code;
}

/**
 * Regions named in a title: full names, and runs of one-character abbreviations such as 粤桂 or
 * 粤港澳 (a run of two or more, so that a lone 港 in 港口 does not count).
 */
export function regionsInTitle(title: string): string[] {
  const simplified = toSimplified(title);
  const codes = new Set<string>();
  for (const region of REGIONS) {
    if (region.names.some((name) => simplified.includes(name))) codes.add(region.code);
  }
  const abbreviations = REGIONS.flatMap((region) => region.abbreviations).join('');
  for (const run of simplified.match(new RegExp(`[${abbreviations}]{2,}`, 'gu')) ?? []) {
    for (const char of run) {
      const region = REGIONS.find((candidate) => candidate.abbreviations.includes(char));
      if (region) codes.add(region.code);
    }
  }
  return [...codes];
}
