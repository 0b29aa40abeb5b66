// Shared access to the seeds for tests: the real files, run through the real stages.
import { readFileSync, readdirSync } from 'node:fs';
import {
  DEFAULT_CLEAN_CONFIG,
  rawToClean,
  type CleanConfig,
  type CleanDocument,
} from '../../pipeline/rawToClean.ts';
import { parseOverrides } from '../../pipeline/applyOverrides.ts';
import { bytesToText } from '../../pipeline/bytesToText.ts';
import { cleanToProvisions } from '../../pipeline/cleanToProvisions.ts';
import type { Provision } from '../../pipeline/generated/model.ts';

export const SEEDS_DIR = 'seeds';

export const SEED_FILES = readdirSync(SEEDS_DIR)
  .filter((name) => /^\d{3}_.*\.txt$/u.test(name))
  .sort();

/** The three-digit prefix of each seed, in file order. */
export const SEED_PREFIXES = SEED_FILES.map((name) => name.slice(0, 3));

/** The document id each seed is published under (the goldens in test/output/records hold them). */
export const SEED_IDS = {
  d000: 'shier-wu-yue-gui-zhanlve-hezuo-kuangjia-xieyi',
  d001: 'yuefu-2017-8',
  d002: 'chuanbanhan-2016-212',
  d003: 'suifuban-2005-48',
  d004: 'xiangzhengfa-2016-21',
} as const;

export function seedPath(prefix: string): string {
  const name = SEED_FILES.find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seed starting with ${prefix}`);
  return `${SEEDS_DIR}/${name}`;
}

export function seedBytes(prefix: string): Uint8Array {
  return readFileSync(seedPath(prefix));
}

/** A seed's raw text, decoded but not yet cleaned. */
export function seedText(prefix: string): string {
  return bytesToText(seedBytes(prefix), seedPath(prefix)).text;
}

export const cleanConfig: CleanConfig = {
  ...DEFAULT_CLEAN_CONFIG,
  overrides: parseOverrides(
    readFileSync(`${SEEDS_DIR}/overrides.json`, 'utf8'),
    `${SEEDS_DIR}/overrides.json`,
  ),
};

export function cleanSeed(prefix: string, bytes = seedBytes(prefix), path = seedPath(prefix)): CleanDocument {
  return rawToClean(bytes, path, cleanConfig);
}

/** A seed's id and clean body, from the real stages. */
export function seedBody(prefix: string): { id: string; text: string } {
  const { id, history } = cleanSeed(prefix);
  return { id, text: history.text };
}

/** A seed's id, clean body and the provisions parsed from it. */
export function seedProvisions(prefix: string): { id: string; text: string; provisions: Provision[] } {
  const { id, text } = seedBody(prefix);
  return { id, text, provisions: cleanToProvisions(text, id).provisions };
}

/** Site chrome that must never be left in a seed's body. */
export const SITE_CHROME: readonly string[] = [
  '首页 资讯中心',
  '扫一扫',
  '咨询电话',
  '瀏覽次數',
  '浏览量',
  '相关新闻',
  '摘要摘要',
  '律师',
  '(编辑:',
  '全真版',
  '日期:2016-07-12',
  '发布文号',
  '(已失效)',
  '日本天堂',
];
