// npm run corpus -- --docs N [--seed S] --out <dir>
// A deterministic synthetic corpus of N documents that look like the real family, each file with
// its truth in corpus.json, for benchmarks and for tests on documents the code was not tuned on.
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Document } from '../../pipeline/generated/model.ts';
import { seededRandom, type Random } from './random.ts';
import { harvestMaterials, readGazetteer, type Materials } from './materials.ts';
import {
  REGIONS,
  agreement,
  cityOpinion,
  divisionPlan,
  opinion,
  traditionalScrape,
  type Composed,
  type Context,
  type Truth,
} from './compose.ts';

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  truth: Truth;
}

/** Site chrome around the document: header lines and footer lines, as different sites have it. */
const SITES: { header: (date: string) => string[]; footer: string[] }[] = [
  {
    header: (d) => ['首页 资讯中心 专题 经贸产业 泛珠概况', '', `日期:${d} 作者: 来源:南宁日报`, ''],
    footer: ['', '(编辑:李明)', '扫一扫,分享到微信朋友圈', '相关新闻'],
  },
  {
    header: (d) => [
      '网站首页 | 政务公开 | 政策文件',
      '当前位置:首页 > 政策文件',
      `发布时间:${d} 10:00 来源:省人民政府网站 字体:[大 中 小]`,
    ],
    footer: ['【打印本页】【关闭窗口】', '主办:省人民政府办公厅 版权所有'],
  },
  {
    header: (d) => [
      '咨询电话:13370533038',
      '您当前位置: 首页 律师文集 知产法规',
      `${d.replace(/-0?(\d+)-0?(\d+)$/u, '年$1月$2日')}  某某律师事务所 http://www.example.com/`,
    ],
    footer: [],
  },
  {
    header: (d) => [`来源:某县政府   ${d} 13:56`, '浏览量:1 | | | |', ''],
    footer: ['', '扫一扫在手机打开当前页'],
  },
  { header: () => [], footer: [] },
];

function compose(random: Random, materials: Materials, index: number, cites: Truth[]): Composed {
  const region = random.pick(REGIONS);
  const cited = cites.filter((truth) => truth.docNumber).at(-1 - random.int(0, 3));
  const context: Context = {
    random,
    materials,
    region,
    year: random.int(2005, 2020),
    serial: 100 + index,
    cite: cited && random.chance(0.5) ? { title: cited.title, number: cited.docNumber! } : undefined,
  };
  const family = random.int(0, 9);
  if (family < 2) {
    const composed = agreement(context, random.pick(REGIONS.filter((other) => other !== region)));
    const title = `${composed.truth.title}(${context.year}年第${context.serial}号)`;
    return { text: composed.text.replace(composed.truth.title, title), truth: { ...composed.truth, title } };
  }
  if (family < 5) return divisionPlan(context);
  if (family < 9) {
    const composed = opinion(context);
    if (!random.chance(0.3)) return composed;
    return {
      text: traditionalScrape(composed.text, random, random.int(0, 3)),
      truth: { ...composed.truth, script: 'zh-Hant' },
    };
  }
  return cityOpinion(context);
}

export function generateCorpus(docs: number, seed: number, materials: Materials): CorpusFile[] {
  const random = seededRandom(seed);
  const files: CorpusFile[] = [];
  for (let index = 0; index < docs; index++) {
    const composed = compose(
      random,
      materials,
      index,
      files.map((file) => file.truth),
    );
    const site = random.pick(SITES);
    const date = `20${random.int(10, 24)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    const page = [...site.header(date), composed.text, ...site.footer, ''].join('\n');
    const crlf = random.chance(0.2);
    const bytes = new Uint8Array(Buffer.from(crlf ? page.replace(/\n/gu, '\r\n') : page, 'utf8'));
    files.push({ name: `${String(index).padStart(6, '0')}.txt`, bytes, truth: composed.truth });
  }
  return files;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '100' },
      seed: { type: 'string', default: '2016' },
      out: { type: 'string' },
      records: { type: 'string', default: 'test/output/records' },
    },
  });
  if (!values.out) throw new Error('--out <dir> is required');
  const { readdir } = await import('node:fs/promises');
  const documents: Document[] = [];
  for (const name of (await readdir(values.records)).filter(
    (file) => file.endsWith('.json') && !file.includes('-changed'),
  )) {
    documents.push(JSON.parse(await readFile(join(values.records, name), 'utf8')));
  }
  const materials = harvestMaterials(documents, readGazetteer());
  const files = generateCorpus(Number(values.docs), Number(values.seed), materials);
  await mkdir(values.out, { recursive: true });
  for (const file of files) await writeFile(join(values.out, file.name), file.bytes);
  // The truth sits beside the folder, not in it: everything in a seeds folder is a seed.
  const truth = Object.fromEntries(files.map((file) => [file.name, file.truth]));
  await writeFile(`${values.out.replace(/\/$/u, '')}.truth.json`, `${JSON.stringify(truth, null, 1)}\n`);
  console.log(`${files.length} documents → ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
