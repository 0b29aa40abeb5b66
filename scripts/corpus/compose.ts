// Composes synthetic cooperation documents of the four families in the seeds, each with the
// truth about it (number, tasks, chapters) so tests can check what the pipeline extracts.
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../../pipeline/chineseScript.ts';
import { twoByteCode } from '../../pipeline/gbkBytes.ts';
import type { Random } from './random.ts';
import type { Materials } from './materials.ts';
import { garble } from './garble.ts';

export interface Region {
  code: string;
  name: string;
  abbreviation: string;
  numberPrefix: string;
}

export const REGIONS: Region[] = [
  { code: 'CN-GD', name: '广东省', abbreviation: '粤', numberPrefix: '粤府' },
  { code: 'CN-SC', name: '四川省', abbreviation: '川', numberPrefix: '川办函' },
  { code: 'CN-HN', name: '湖南省', abbreviation: '湘', numberPrefix: '湘政发' },
  { code: 'CN-GX', name: '广西壮族自治区', abbreviation: '桂', numberPrefix: '桂政发' },
  { code: 'CN-FJ', name: '福建省', abbreviation: '闽', numberPrefix: '闽政' },
  { code: 'CN-YN', name: '云南省', abbreviation: '滇', numberPrefix: '云政发' },
];

export interface Truth {
  family: 'agreement' | 'division-plan' | 'opinion' | 'city-opinion';
  docNumber: string | null;
  title: string;
  script: 'zh-Hans' | 'zh-Hant';
  tasks: number;
  chapters: number;
  articles: number;
  cites: string[];
}

export interface Composed {
  text: string;
  truth: Truth;
}

const NUMERALS = '零一二三四五六七八九';
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n]!;
  if (n < 20) return `十${n % 10 ? NUMERALS[n % 10] : ''}`;
  return `${NUMERALS[Math.floor(n / 10)]}十${n % 10 ? NUMERALS[n % 10] : ''}`;
}

function paragraph(random: Random, materials: Materials, sentences: number): string {
  return Array.from({ length: sentences }, () => random.pick(materials.sentences)).join('');
}

function agencyList(random: Random, materials: Materials, region: Region, count: number): string[] {
  const known = materials.agencies.get(region.code) ?? [
    '省发展改革委',
    '省商务厅',
    '省交通运输厅',
    '省科技厅',
  ];
  return random.sample(known, count);
}

/** `(A牵头,B、C等按职责分工负责)` or `(A牵头负责,B等参与)`, in the 001 and 004 styles. */
function parenthetical(random: Random, materials: Materials, region: Region): string {
  const [lead, ...others] = agencyList(random, materials, region, random.int(1, 4));
  if (!others.length) return `(${lead}牵头负责)`;
  return random.chance(0.5)
    ? `(${lead}牵头,${others.join('、')}等按职责分工负责)`
    : `(${lead}牵头负责,${others.join('、')}等参与)`;
}

export interface Context {
  random: Random;
  materials: Materials;
  region: Region;
  year: number;
  serial: number;
  cite: { title: string; number: string } | undefined;
}

const dateLine = (year: number, random: Random) => `${year}年${random.int(1, 12)}月${random.int(1, 28)}日`;
const citation = (context: Context) =>
  context.cite ? `根据《${context.cite.title}》(${context.cite.number})精神,` : '';

export function agreement({ random, materials, region }: Context, partner: Region): Composed {
  const title = `${region.abbreviation}${partner.abbreviation}${random.pick(['战略合作框架协议', '区域合作框架协议'])}`;
  const lines = [
    title,
    '',
    `  为促进两省(区)更紧密合作,${region.name}人民政府与${partner.name}人民政府经协商一致,制定本框架协议。`,
  ];
  const chapters = random.int(3, 7);
  let article = 0;
  for (let chapter = 1; chapter <= chapters; chapter++) {
    lines.push('', `  第${chineseNumeral(chapter)}章 ${random.pick(materials.headings)}`);
    for (let k = random.int(2, 5); k > 0; k--) {
      article++;
      lines.push('', `  第${chineseNumeral(article)}条 ${random.pick(materials.articleHeadings)}`, '');
      if (random.chance(0.4)) {
        for (let item = 1; item <= random.int(2, 3); item++) {
          lines.push(`  ${chineseNumeral(item)}、${paragraph(random, materials, random.int(1, 2))}`, '');
        }
      } else lines.push(`  ${paragraph(random, materials, random.int(1, 3))}`);
    }
  }
  const truth: Truth = {
    family: 'agreement',
    docNumber: null,
    title,
    script: 'zh-Hans',
    tasks: 0,
    chapters,
    articles: article,
    cites: [],
  };
  return { text: lines.join('\n'), truth };
}

function notice(
  context: Context,
  issuer: string,
  documentTitle: string,
  number: string,
  signed: boolean,
): string[] {
  const { random, year } = context;
  return [
    issuer,
    `关于印发${documentTitle}的通知`,
    signed ? number : `${number} ${dateLine(year, random)}`,
    '各市(州)人民政府,省政府各部门、各直属机构:',
    `  《${documentTitle}》已经省政府同意,现印发给你们,请认真贯彻执行。`,
    ...(signed ? [`  ${issuer}`, `  ${dateLine(year, random)}`] : []),
    documentTitle,
    `  为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发〔2016〕18号),${citation(context)}结合实际,制定本方案。`,
  ];
}

/** The truth about a plan issued with a covering notice: its number, title, tasks and citation. */
function planTruth(
  family: 'division-plan' | 'opinion',
  context: Context,
  docNumber: string,
  title: string,
  tasks: number,
): Truth {
  const cites = context.cite ? [context.cite.number] : [];
  return { family, docNumber, title, script: 'zh-Hans', tasks, chapters: 0, articles: 0, cites };
}

export function divisionPlan(context: Context): Composed {
  const { random, materials, region, year, serial } = context;
  const number = `${region.numberPrefix}〔${year}〕${serial}号`;
  const title = `${region.name}深化泛珠三角区域合作重点工作分工方案`;
  const lines = notice(context, `${region.name}人民政府办公厅`, title, number, false);
  let tasks = 0;
  let item = 0;
  for (let section = 1; section <= random.int(2, 5); section++) {
    lines.push(`${chineseNumeral(section)}、${random.pick(materials.headings)}`);
    for (let k = random.int(1, 4); k > 0; k--) {
      item++;
      lines.push(
        `(${chineseNumeral(item)})${random.pick(materials.headings)}。${paragraph(random, materials, random.int(1, 3))}`,
      );
      const [lead, ...others] = agencyList(random, materials, region, random.int(2, 5));
      lines.push(`牵头单位:${lead}`, `参与单位:${[...others, '各市(州)人民政府'].join('、')}`);
      tasks++;
    }
  }
  return { text: lines.join('\n'), truth: planTruth('division-plan', context, number, title, tasks) };
}

export function opinion(context: Context): Composed {
  const { random, materials, region, year, serial } = context;
  const number = `${region.numberPrefix}〔${year}〕${serial}号`;
  const title = `${region.name}深化泛珠三角区域合作实施意见`;
  const lines = notice(context, `${region.name}人民政府`, title, number, true).map(
    (line) => `  ${line.trim()}`,
  );
  let tasks = 0;
  for (let section = 1; section <= random.int(2, 4); section++) {
    lines.push('', `  ${chineseNumeral(section)}、${random.pick(materials.headings)}`);
    for (let item = 1; item <= random.int(1, 3); item++) {
      lines.push('', `  (${chineseNumeral(item)})${random.pick(materials.headings)}。`);
      for (let point = 1; point <= random.int(1, 3); point++) {
        lines.push(
          '',
          `  ${point}.${random.pick(materials.headings)}。${paragraph(random, materials, random.int(1, 2))}${parenthetical(random, materials, region)}`,
        );
        tasks++;
      }
    }
  }
  return { text: lines.join('\n'), truth: planTruth('opinion', context, number, title, tasks) };
}

export function cityOpinion(context: Context): Composed {
  const { random, materials, year, serial } = context;
  const number = `穗府办[${year}]${serial}号`;
  const title = '关于推进我市与泛珠三角省会城市合作与发展的意见';
  const lines = [
    `广州市人民政府办公厅印发${title.replace('的意见', '意见')}的通知`,
    `发布文号: ${number}`,
    '各区、县级市人民政府,市政府各部门、各直属机构:',
    `  《${title}》业经市人民政府同意,现印发给你们,请认真贯彻实施。`,
    title,
  ];
  for (let section = 1; section <= random.int(2, 5); section++) {
    lines.push(
      `  ${chineseNumeral(section)}、${random.pick(materials.headings)}。`,
      `  ${paragraph(random, materials, random.int(2, 4))}`,
    );
  }
  lines.push('广州市人民政府办公厅', dateLine(year, random));
  const truth: Truth = {
    family: 'city-opinion',
    docNumber: number.replace('[', '〔').replace(']', '〕'),
    title,
    script: 'zh-Hans',
    tasks: 0,
    chapters: 0,
    articles: 0,
    cites: [],
  };
  return { text: lines.join('\n'), truth };
}

/** Characters a garbled run must not touch, so the truth about statements and structure holds. */
const KEEP_CLEAR = /[\n()?、,。:牵负参与单位责头]/u;

/**
 * Traditional script as some sites serve it: readings inserted after characters outside GB 2312
 * (as `區(qū)`), and a few runs decoded one byte off.
 */
export function traditionalScrape(text: string, random: Random, garbledRuns: number): string {
  const annotated = [...toTraditional(text)]
    .map((char) => {
      const code = twoByteCode(char);
      const outsideGb2312 = code && (code[0] < 0xa1 || code[1] < 0xa1) && /\p{Script=Han}/u.test(char);
      return outsideGb2312 && char.charCodeAt(0) % 3 === 0 ? `${char}(${pinyin(char)})` : char;
    })
    .join('');
  let scraped = annotated;
  for (let tries = 0, done = 0; done < garbledRuns && tries < 200; tries++) {
    const chars = [...scraped];
    const start = random.int(1, chars.length - 12);
    const end = start + random.int(3, 10);
    if (KEEP_CLEAR.test(chars.slice(start - 1, end + 1).join(''))) continue;
    const garbled = garble(scraped, start, end);
    if (garbled) {
      scraped = garbled;
      done++;
    }
  }
  return scraped;
}
