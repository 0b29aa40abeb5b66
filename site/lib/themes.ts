// Themes for comparing tasks side by side: the documents that implement one national opinion
// number and word their headings differently (优化区域经济发展格局 / 构建综合交通运输体系), so a
// task is placed by keywords in its heading, then in its text. A guide for readers, not data.
import { convert } from './script.ts';
import type { LabelKey } from './labels.ts';

export interface Theme {
  key: LabelKey;
  /** Simplified-script keywords; the first theme with a match in the heading wins, then the text. */
  words: string[];
}

export const THEMES: Theme[] = [
  {
    key: 'themeMechanisms',
    words: ['统筹协调', '组织领导', '合作机制', '资金', '督促落实', '责任落实', '协调指导'],
  },
  { key: 'themeHkMacao', words: ['港澳'] },
  { key: 'themeLayout', words: ['发展格局', '长江经济带', '经济带', '城市群'] },
  { key: 'themeIndustry', words: ['产业', '制造业'] },
  { key: 'themeMarket', words: ['市场', '信用'] },
  { key: 'themeCustoms', words: ['通关', '口岸'] },
  { key: 'themeTransport', words: ['交通', '铁路', '公路', '航道', '港口', '机场'] },
  { key: 'themeEnergy', words: ['能源', '电力', '电网', '油气'] },
  { key: 'themeWater', words: ['水利'] },
  { key: 'themeInformation', words: ['信息基础设施', '信息设施', '信息通信', '宽带', '互联网'] },
  { key: 'themeInnovation', words: ['创新', '科技'] },
  { key: 'themeEducation', words: ['教育', '文化', '科教'] },
  { key: 'themeHealth', words: ['医疗', '卫生'] },
  { key: 'themeLabour', words: ['人力资源', '社会保障'] },
  { key: 'themePoverty', words: ['扶贫'] },
  { key: 'themeTourism', words: ['旅游'] },
  { key: 'themeGovernance', words: ['社会治理', '社会事务'] },
  { key: 'themeEnvironment', words: ['生态', '环境', '污染', '大气', '水资源'] },
  { key: 'themeOpening', words: ['一带一路', '自由贸易', '开放', '国际'] },
  { key: 'themePlatforms', words: ['平台', '交流'] },
];

export const OTHER_THEME: LabelKey = 'themeOther';

/** The theme of a task from its heading (label) and text, in either script. */
export function themeOf(heading: string, text: string): LabelKey {
  const head = convert(heading, 'zh-Hans');
  const body = convert(text, 'zh-Hans');
  for (const source of [head, body]) {
    const theme = THEMES.find((candidate) => candidate.words.some((word) => source.includes(word)));
    if (theme) return theme.key;
  }
  return OTHER_THEME;
}

/** Theme keys in display order. */
export const THEME_ORDER: LabelKey[] = [
  'themeLayout',
  'themeIndustry',
  'themeMarket',
  'themeCustoms',
  'themeTransport',
  'themeEnergy',
  'themeWater',
  'themeInformation',
  'themeInnovation',
  'themeEducation',
  'themeHealth',
  'themeLabour',
  'themePoverty',
  'themeTourism',
  'themeGovernance',
  'themeOpening',
  'themeHkMacao',
  'themeEnvironment',
  'themePlatforms',
  'themeMechanisms',
  OTHER_THEME,
];
