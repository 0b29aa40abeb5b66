// What a release says about itself: names, titles, licence and citation, in English and Chinese.

export const PACKAGE_NAME = 'pprd-cooperation-archive';
export const TITLE = 'Pan-Pearl River Delta Cooperation Archive';
export const TITLE_ZH = '泛珠三角区域合作文件库';
export const CREATOR = 'Pan-Pearl River Delta Cooperation Archive contributors';

export const DESCRIPTION =
  'The cooperation agreements of the Pan-Pearl River Delta (泛珠三角, "9+2": Guangdong, Fujian, ' +
  'Jiangxi, Guangxi, Hainan, Hunan, Sichuan, Yunnan, Guizhou, Hong Kong and Macau) as clean texts ' +
  'and linked tables: documents, their provisions, the tasks they assign and the agencies ' +
  'responsible, references between documents, dated commitments, and every repair made to the ' +
  'scraped source texts.';
export const DESCRIPTION_ZH =
  '泛珠三角（“9+2”：广东、福建、江西、广西、海南、湖南、四川、云南、贵州、香港、澳门）区域合作文件的' +
  '净化文本与关联数据表：文件、条款、分工任务及责任单位、文件间引用、有时限的承诺，以及对抓取原文所作的每一处修复。';

export const KEYWORDS = [
  'Pan-Pearl River Delta',
  '泛珠三角',
  'regional cooperation',
  '区域合作',
  'government documents',
  '政府文件',
  'China',
];

/** The data licence. The documents themselves are official documents of the issuing governments. */
export const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0 International',
};

export const LICENSE_NOTE =
  'The tables, identifiers, structure, links and repairs of this archive are licensed under ' +
  'CC BY 4.0 (Creative Commons Attribution 4.0 International): reuse them freely, crediting the ' +
  'archive as shown under "How to cite". The documents themselves are official documents of the ' +
  'governments that issued them, and the licence claims no rights in their texts ' +
  '(Article 5 of the Copyright Law of the PRC excludes official documents of a ' +
  'legislative, administrative or judicial nature from its protection).';
export const LICENSE_NOTE_ZH =
  '本文库的数据表、编号、结构、关联与修复记录以 CC BY 4.0（知识共享署名 4.0 国际）许可发布：可自由使用，' +
  '请按“引用方式”注明出处。文件本身是发文机关的官方文件，本许可不对其文本主张任何权利' +
  '（《中华人民共和国著作权法》第五条规定，该法不适用于具有立法、行政、司法性质的文件）。';

export function citation(version: string, date: string): string {
  return `${CREATOR} (${date.slice(0, 4)}). ${TITLE} · ${TITLE_ZH}, version ${version} (${date}) [data set]. Licensed under CC BY 4.0.`;
}

export function bibtex(version: string, date: string): string {
  return [
    `@dataset{pprd_cooperation_archive_${version.replace(/[^0-9a-zA-Z]+/gu, '_')},`,
    `  author    = {{${CREATOR}}},`,
    `  title     = {${TITLE} · ${TITLE_ZH}},`,
    `  version   = {${version}},`,
    `  year      = {${date.slice(0, 4)}},`,
    `  date      = {${date}},`,
    `  note      = {Licensed under CC BY 4.0},`,
    `}`,
  ].join('\n');
}
