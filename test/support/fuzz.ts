// Property tests over the repair, parse and extract stages, shared by the test suite (a small
// budget) and `npm run fuzz` (a large one). Generated texts mix the corpus's own constructs: lines
// of the real seeds, `?` and GBK-shift runs, pinyin readings, private-use characters, numbering
// (第X条, 一、, （一）, ①), 牵头 statements and blocks, 《titles》, 发文字号, dates, site chrome,
// markup payloads, invisible characters, every kind of line break, and random Unicode.
// Each property holds for any input: no stage throws anything but an InputError naming the file,
// and the nothing-lost invariant holds on every stage's log.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { bytesToText } from '../../pipeline/bytesToText.ts';
import { removeInvisible, INVISIBLE } from '../../pipeline/removeInvisible.ts';
import { normaliseText } from '../../pipeline/normaliseText.ts';
import { repairGbkShift } from '../../pipeline/repairGbkShift.ts';
import { removePinyin } from '../../pipeline/removePinyin.ts';
import { textToBody } from '../../pipeline/textToBody.ts';
import { cleanToProvisions } from '../../pipeline/cleanToProvisions.ts';
import { provisionsToTasks } from '../../pipeline/provisionsToTasks.ts';
import { provisionsToReferences } from '../../pipeline/provisionsToReferences.ts';
import { provisionsToCommitments } from '../../pipeline/provisionsToCommitments.ts';
import { rawToClean, DEFAULT_CLEAN_CONFIG } from '../../pipeline/rawToClean.ts';
import { loadGazetteer } from '../../pipeline/resolveAgencies.ts';
import { InputError } from '../../pipeline/inputError.ts';
import { applyEdits, recordStage, startHistory, undoAll, type Edit } from '../../pipeline/textEdits.ts';
import type { Provision } from '../../pipeline/generated/model.ts';
import { encodeLegacy } from './encodings.ts';
import { buildSeeds } from './build.ts';

const gazetteer = loadGazetteer(JSON.parse(readFileSync('pipeline/config/agencies.json', 'utf8')));
const ID = /^[a-z0-9][a-z0-9-]*$/u;
const DUE = /^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}(;--\d{2}-\d{2})*)$/u;
const DOC_NUMBER = /^\p{Script=Han}+〔\d{4}〕\d+号$/u;
const INVISIBLE_CHAR = new RegExp(INVISIBLE.source, 'u');

// ---- Generated text ---------------------------------------------------------------------------

const seedTexts = readdirSync('seeds')
  .filter((name) => /^\d{3}_.*\.txt$/u.test(name))
  .sort()
  .map((name) => bytesToText(readFileSync(`seeds/${name}`), name).text);
/** Every line of the seeds, and every sentence, as printed. */
const SEED_LINES = [
  ...new Set(
    seedTexts.flatMap((text) => text.split('\n').flatMap((line) => [line, ...line.split(/(?<=[。；，])/u)])),
  ),
].filter((line) => line.length > 0 && line.length <= 160);
const AGENCY_NAMES = gazetteer.agencies.flatMap((agency) => [agency.name, ...agency.aliases.slice(0, 2)]);

const numeral = fc.oneof(
  fc.constantFrom('一', '二', '三', '九', '十', '十一', '二十三', '一百零二', '两', '〇', '零', '千'),
  fc.integer({ min: 0, max: 120 }).map(String),
  fc.constantFrom('０', '１２', '99999', ''),
);
const numbered = fc.oneof(
  fc
    .tuple(fc.constantFrom('第', '第 '), numeral, fc.constantFrom('条', '章', '节', '編', '部分', '條'))
    .map((parts) => parts.join('')),
  fc.tuple(numeral, fc.constantFrom('、', '.', '．', '.5')).map((parts) => parts.join('')),
  fc
    .tuple(fc.constantFrom('（', '(', '( '), numeral, fc.constantFrom('）', ')', ' )'))
    .map((parts) => parts.join('')),
  fc.constantFrom('①', '⑳', '㉑', '㊿', '⑴', '⒇', '⒈', '⒛'),
);
const agencyName = fc.oneof(
  fc.constantFrom(...AGENCY_NAMES),
  fc.constantFrom(
    '省有关单位',
    '各市(州)人民政府',
    '省政府有关部门',
    '广东、深圳、珠海出入境检验检疫局',
    '教育厅',
  ),
  fc.stringMatching(/^[省市县]?[\u4e00-\u9fa5]{1,6}[厅局委办]$/u),
);
const agencyList = fc
  .tuple(fc.array(agencyName, { maxLength: 4 }), fc.constantFrom('、', '，', ',', '和', '及', '；'))
  .map(([names, separator]) => names.join(separator));
const statement = fc
  .tuple(
    fc.constantFrom('(', '（', ''),
    agencyList,
    fc.constantFrom('牵头', '牵头负责', '牽頭', '负责', '共同负责', ''),
    fc.constantFrom('，', ',', '；', ''),
    agencyList,
    fc.constantFrom('等按职责分工负责', '按分工负责', '等参与', '参与', '配合', '等', ''),
    fc.constantFrom(')', '）', ''),
  )
  .map((parts) => parts.join(''));
const block = fc
  .tuple(
    fc.constantFrom('牵头单位', '参与单位', '责任单位', '配合单位', '牽頭單位'),
    fc.constantFrom('：', ':', ''),
    agencyList,
  )
  .map(([label, colon, list]) => `${label}${colon}${list}`);
const citation = fc.oneof(
  fc.constantFrom(
    '《国务院关于深化泛珠三角区域合作的指导意见》(国发〔2016〕18号)',
    '《指导意见》',
    '《《》》',
    '《',
    '》',
  ),
  fc
    .tuple(
      fc.constantFrom('国发', '粤府', '川办函', '粵府辦', '𠀀', ''),
      fc.constantFrom('〔', '[', '（', '【', '﹝'),
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom('〕', ']', '）', '】', '年'),
      fc.integer({ min: 0, max: 99_999 }),
      fc.constantFrom('号', '號', ''),
    )
    .map(([prefix, open, year, close, serial, mark]) => `${prefix}${open}${year}${close}${serial}${mark}`),
  fc
    .tuple(fc.constantFrom(...SEED_LINES), fc.boolean())
    .map(([line, closed]) => `《${line.slice(0, 30)}${closed ? '》' : ''}`),
);
const date = fc.oneof(
  fc.constantFrom(
    '到2020年',
    '2020年底前',
    '每年6月底和12月底前',
    '“十三五”期末',
    '到十四五末',
    '截至2015年底',
    '2015年6月底前',
  ),
  fc
    .tuple(
      fc.constantFrom('到', '至', '', '力争', '截至'),
      fc.integer({ min: 1800, max: 2200 }),
      fc.constantFrom('年', '年底', '年前', '年内'),
      fc.integer({ min: 0, max: 14 }),
      fc.constantFrom('月', '月底前', '月30日前', ''),
    )
    .map(([by, year, unit, month, end]) => `${by}${year}${unit}${end ? `${month}${end}` : ''}`),
);
const chrome = fc.constantFrom(
  '首页 | 政务公开 | 政策文件',
  '来源:华容县政府   2016-10-24 13:56',
  '浏览量:1 | | | |',
  '发布时间：2017-01-05 10:00 来源：四川省人民政府网站 字体：[大 中 小]',
  '发布文号: 穗府办[2005]48号',
  '(已失效)',
  '【打印本页】【关闭窗口】',
  '相关新闻',
  '扫一扫，分享到微信朋友圈',
  '(此件主动公开)',
  '当前位置:首页 > 政策文件',
);
const frontMatter = fc.oneof(
  fc.constantFrom(
    '各市州、县市区人民政府，省政府各厅委、各直属机构：',
    '各地级以上市人民政府,省政府各部门、各直属机构:',
    '湖南省人民政府',
    '四川省人民政府办公厅',
    '附件：1.分工方案',
    '抄送：省委各部门',
    '（此件主动公开）',
    '现将《实施方案》印发给你们，请认真贯彻执行。',
  ),
  fc
    .tuple(
      fc.constantFrom('二〇一六', '2016', '二零一七', '１９９９', '0000', '9999'),
      fc.constantFrom('十月', '10月', '13月', '二月', '0月'),
      fc.constantFrom('二十四日', '24日', '30日', '31日', '三十一日', '0日'),
    )
    .map(([year, month, day]) => `${year}年${month}${day}`),
);
const title = fc
  .tuple(
    fc.constantFrom('', '广东省人民政府', '四川省人民政府办公厅', '湖南省人民政府\n', '廣東省人民政府'),
    fc.constantFrom('关于', '關於', '关于印发《', '印发'),
    fc.constantFrom(...SEED_LINES).map((line) => line.slice(0, 20)),
    fc.constantFrom(
      '的通知',
      '》的通知',
      '实施方案',
      '合作框架协议',
      '意见',
      '分工方案的通知',
      '办法（试行）',
    ),
  )
  .map((parts) => parts.join(''));
const markup = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[点击](javascript:alert(1))',
  '{process.exit(1)}',
  "import fs from 'node:fs'",
  'export const x = 1',
  '<Component />',
  '{/* */}',
  '=HYPERLINK("http://evil.example")',
  '+cmd',
  '-1+1',
  '@SUM(1+1)',
  '&lt;b&gt;',
  '`code`',
  '# 标题',
);
const invisible = fc.constantFrom(
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u00ad',
  '\ufffe',
  '\uffff',
  '\ufdd0',
  '\u{1fffe}',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u{e0041}',
);
const lineBreak = fc.constantFrom('\n', '\n', '\n', '\n\n', '\r\n', '\r', '\u2028', '\u2029');
const space = fc.constantFrom(' ', '  ', '\u3000', '\u00a0', '\t', '\f');
const gbkShift = fc.oneof(
  fc.constantFrom('?;浉郯拇鬄硡^', '?qū)', '?(qū)', '粵?;浉郯拇鬄硡^', '區(qū)域', '區(qū', '?', '??', '〓'),
  fc.integer({ min: 0xe000, max: 0xf8ff }).map((code) => String.fromCharCode(code)),
  fc.stringMatching(/^[\u4e00-\u9fa5]\?[\u4e00-\u9fa5!-~]{0,6}$/u),
);
const pinyin = fc.oneof(
  fc.constantFrom('(qū)', '(qu)', '( qū )', '(shěng)', '(CEPA)', '(zhōng)', '(以下简称“指导意见”)'),
  fc
    .tuple(
      fc.stringMatching(/^[\u4e00-\u9fa5]$/u),
      fc.stringMatching(/^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}$/u),
    )
    .map(([char, reading]) => `${char}(${reading})`),
);

/** Text that can be written in any encoding: no lone surrogates. */
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SEED_LINES) },
  { weight: 3, arbitrary: numbered },
  { weight: 3, arbitrary: statement },
  { weight: 2, arbitrary: block },
  { weight: 2, arbitrary: citation },
  { weight: 2, arbitrary: date },
  { weight: 1, arbitrary: chrome },
  { weight: 2, arbitrary: frontMatter },
  { weight: 2, arbitrary: title },
  { weight: 2, arbitrary: markup },
  { weight: 2, arbitrary: invisible },
  { weight: 6, arbitrary: lineBreak },
  { weight: 2, arbitrary: space },
  { weight: 3, arbitrary: gbkShift },
  { weight: 2, arbitrary: pinyin },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Any mix of the pieces. */
export const text = fc.array(piece, { maxLength: 60, size: 'medium' }).map((pieces) => pieces.join(''));
/** Any mix, lone surrogates included: for the stages, which take any string. */
export const anyString = fc
  .array(fc.oneof({ weight: 12, arbitrary: piece }, { weight: 1, arbitrary: loneSurrogate }), {
    maxLength: 60,
    size: 'medium',
  })
  .map((pieces) => pieces.join(''));
/** A page: chrome, a title, then lines of pieces; most such pages reach the later stages. */
export const page = fc
  .tuple(
    fc.array(chrome, { maxLength: 2 }),
    title,
    fc.array(
      fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('')),
      { minLength: 1, maxLength: 25 },
    ),
    fc.array(chrome, { maxLength: 2 }),
  )
  .map(([before, heading, lines, after]) => [...before, heading, ...lines, ...after, ''].join('\n'));
const encoded = fc
  .tuple(page, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gbk', 'crlf'))
  .map(([body, encoding]): [string, Uint8Array] => {
    const bytes = (() => {
      switch (encoding) {
        case 'utf-8-bom':
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
        case 'utf-16le':
          return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
        case 'utf-16be':
          return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()]);
        case 'gbk':
          try {
            return Buffer.from(encodeLegacy(body, 'gbk'));
          } catch {
            return Buffer.from(body, 'utf8'); // a character GBK cannot hold: the page stays UTF-8
          }
        case 'crlf':
          return Buffer.from(body.replace(/\n/gu, '\r\n'), 'utf8');
        default:
          return Buffer.from(body, 'utf8');
      }
    })();
    return [encoding, new Uint8Array(bytes)];
  });

// ---- Properties ---------------------------------------------------------------------------------

/** The stage's edits apply (no overlap, inside the text) and undo to the input exactly. */
function logsLosslessly(input: string, edits: readonly Edit[]): string {
  const history = recordStage(startHistory(input), 'stage', edits);
  if (undoAll(history.text, history.stages) !== input)
    throw new Error('undoing the stage does not give back its input');
  return history.text;
}

const normalised = (input: string) =>
  applyEdits(input, normaliseText(applyEdits(input, removeInvisible(input)).text)).text;

function checkProvisions(body: string, provisions: Provision[]): void {
  if (provisions.map((provision) => provision.text).join('') !== body)
    throw new Error('provisions do not reproduce the body');
  const ids = new Set<string>();
  provisions.forEach((provision, position) => {
    if (!ID.test(provision.id) || ids.has(provision.id))
      throw new Error(`bad or repeated provision id ${provision.id}`);
    if (provision.parent_id !== null && !ids.has(provision.parent_id))
      throw new Error(`parent ${provision.parent_id} not before ${provision.id}`);
    if (provision.position !== position) throw new Error(`position ${provision.position} of ${provision.id}`);
    ids.add(provision.id);
  });
}

export interface FuzzProperty {
  name: string;
  /** Relative cost of one run: the suite and the fuzz script divide their budget by it. */
  cost: number;
  check(parameters: { numRuns: number; seed?: number; path?: string }): fc.RunDetails<unknown>;
}

function define<T>(name: string, cost: number, property: fc.IProperty<[T]>): FuzzProperty {
  return { name, cost, check: (parameters) => fc.check(property, parameters) as fc.RunDetails<unknown> };
}

export const PROPERTIES: FuzzProperty[] = [
  define(
    'removeInvisible: leaves no invisible character, loses nothing',
    1,
    fc.property(anyString, (input) => {
      const output = logsLosslessly(input, removeInvisible(input));
      if (INVISIBLE_CHAR.test(output)) throw new Error('an invisible character is left');
    }),
  ),
  define(
    'normaliseText: LF line ends, NFC, loses nothing',
    1,
    fc.property(anyString, (input) => {
      const output = logsLosslessly(input, normaliseText(input));
      if (/[\r\u2028\u2029\u0085]/u.test(output)) throw new Error('a line break other than LF is left');
      if (output !== '' && !output.endsWith('\n')) throw new Error('no final newline');
    }),
  ),
  define(
    'repairGbkShift: loses nothing',
    2,
    fc.property(anyString, (input) => {
      logsLosslessly(input, repairGbkShift(input));
      logsLosslessly(normalised(input), repairGbkShift(normalised(input)));
    }),
  ),
  define(
    'removePinyin: removes only readings, loses nothing',
    1,
    fc.property(anyString, (input) => {
      const edits = removePinyin(input);
      logsLosslessly(input, edits);
      for (const edit of edits) {
        if (!/^\( *[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+ *\)$/u.test(input.slice(edit.start, edit.end))) {
          throw new Error(`removed ${JSON.stringify(input.slice(edit.start, edit.end))}`);
        }
      }
    }),
  ),
  define(
    'textToBody: only deletes, loses nothing',
    2,
    fc.property(anyString, (input) => {
      const body = textToBody(normalised(input));
      logsLosslessly(normalised(input), body.edits);
      if (body.edits.some((edit) => edit.replacement !== '' || edit.kind !== 'chrome'))
        throw new Error('not a deletion');
    }),
  ),
  define(
    'cleanToProvisions: the provisions are the body, ids valid and unique',
    2,
    fc.property(anyString, (input) => {
      const body = normalised(input);
      checkProvisions(body, cleanToProvisions(body, 'doc').provisions);
      checkProvisions(input, cleanToProvisions(input, 'doc').provisions);
    }),
  ),
  define(
    'provisionsToTasks / References / Commitments: well-formed on any provisions',
    3,
    fc.property(anyString, (input) => {
      const { provisions } = cleanToProvisions(normalised(input), 'doc');
      const { tasks, agencies } = provisionsToTasks(
        provisions,
        { documentId: 'doc', jurisdiction: 'CN-GD' },
        gazetteer,
      );
      const agencyIds = new Set(agencies.map((agency) => agency.id));
      if (agencyIds.size !== agencies.length) throw new Error('repeated agency id');
      for (const agency of agencies) if (!ID.test(agency.id)) throw new Error(`bad agency id ${agency.id}`);
      for (const task of tasks) {
        if (!ID.test(task.id) || task.agencies.length === 0 || task.text === '')
          throw new Error(`bad task ${task.id}`);
        for (const entry of task.agencies)
          if (!agencyIds.has(entry.agency_id)) throw new Error(`unlisted agency ${entry.agency_id}`);
        if (new Set(task.agencies.map((entry) => entry.agency_id)).size !== task.agencies.length)
          throw new Error('agency twice in a task');
      }
      for (const cited of provisionsToReferences(provisions, 'doc')) {
        if (cited.cited_title === null && cited.cited_doc_number === null)
          throw new Error('a citation of nothing');
        if (cited.cited_doc_number !== null && !DOC_NUMBER.test(cited.cited_doc_number))
          throw new Error(`number ${cited.cited_doc_number}`);
      }
      const byId = new Map(provisions.map((provision) => [provision.id, provision]));
      for (const commitment of provisionsToCommitments(provisions, 'doc')) {
        if (!DUE.test(commitment.due)) throw new Error(`due ${commitment.due}`);
        if (!byId.get(commitment.provision_id)!.text.includes(commitment.text))
          throw new Error('commitment text not in its provision');
        if (!commitment.text.includes(commitment.due_text)) throw new Error('due text not in the commitment');
      }
    }),
  ),
  define(
    'rawToClean: an InputError or a clean text that undoes to the decoded raw text',
    3,
    fc.property(encoded, ([encoding, bytes]) => {
      let document;
      try {
        document = rawToClean(bytes, `fuzz/${encoding}.txt`, DEFAULT_CLEAN_CONFIG);
      } catch (error) {
        if (error instanceof InputError && error.file === `fuzz/${encoding}.txt`) return;
        throw error;
      }
      const raw = bytesToText(bytes, 'fuzz.txt').text;
      if (undoAll(document.history.text, document.history.stages) !== raw) throw new Error('characters lost');
      if (INVISIBLE_CHAR.test(document.history.text)) throw new Error('an invisible character is left');
    }),
  ),
  define(
    'buildArchive: valid records or messages naming the file, never an internal error',
    8,
    fc.property(fc.array(encoded, { minLength: 1, maxLength: 3 }), (files) => {
      const result = buildSeeds(
        files.map(([encoding, bytes], index) => ({ path: `fuzz/${index}-${encoding}.txt`, bytes })),
      );
      for (const failure of result.failures) {
        if (!/^fuzz\/\d+-/u.test(failure.file))
          throw new Error(`failure without its file: ${failure.message}`);
        if (/internal error|breaks the schema/u.test(failure.reason)) throw new Error(failure.message);
      }
      for (const path of result.files.keys()) {
        if (
          !/^(?:(?:text|documents)\/[a-z0-9][a-z0-9-]*\.(?:txt|json)|[a-z_]+\.csv|ingest\.json)$/u.test(path)
        )
          throw new Error(`unsafe path ${path}`);
      }
    }),
  ),
];
