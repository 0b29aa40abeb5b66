import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { cleanToProvisions } from '../pipeline/cleanToProvisions.ts';
import { chineseNumber, readNumberedLine } from '../pipeline/numbering.ts';
import type { Provision } from '../pipeline/generated/model.ts';
import { SEED_PREFIXES, seedBody } from './support/seeds.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const parse = (text: string) => cleanToProvisions(text, 'doc');
const lines = (...parts: string[]) => parts.join('\n');
const byKind = (provisions: Provision[], kind: Provision['kind']) =>
  provisions.filter((p) => p.kind === kind);
const byId = (provisions: Provision[], id: string) => provisions.find((provision) => provision.id === id);

/** The structure as one line per provision: indented id, kind/numbering, label, heading. */
function outline(text: string): string {
  const { provisions, problems } = parse(text);
  const rows = provisions.map((p) => {
    const kind = p.numbering ? `${p.kind}/${p.numbering}` : p.kind;
    return `${'  '.repeat(p.depth)}${p.id} ${kind} ${p.label ?? '-'} ${p.heading ?? '-'}`;
  });
  return (
    [...rows, ...problems.map((problem) => `! ${problem.code} ${problem.provision_id}`)].join('\n') + '\n'
  );
}

/** What every parse must satisfy, whatever the input. */
function expectWellFormed(text: string, provisions: Provision[], problems: { provision_id?: string }[]) {
  expect(provisions.map((provision) => provision.text).join('')).toBe(text);
  const ids = provisions.map((provision) => provision.id);
  expect(new Set(ids).size).toBe(ids.length);
  provisions.forEach((provision, position) => {
    expect(provision.id).toMatch(/^[a-z0-9][a-z0-9-]*$/u);
    expect(provision.position).toBe(position);
    expect(provision.text).not.toBe('');
    const parent = provision.parent_id === null ? null : byId(provisions, provision.parent_id);
    if (parent) {
      expect(parent.position).toBeLessThan(position);
      expect(provision.depth).toBe(parent.depth + 1);
    } else {
      expect(provision.parent_id).toBeNull();
      expect(provision.depth).toBe(0);
    }
  });
  for (const problem of problems) expect(ids).toContain(problem.provision_id);
}

describe('cleanToProvisions: numbering styles', () => {
  it.each([
    ['第三章 合作机制', 'chapter', 'chapter', '第三章', 'ch3'],
    ['第二节 联席会议', 'section', 'section', '第二节', 'sec2'],
    ['第四十九条 协议落实', 'article', 'article', '第四十九条', 'art49'],
    ['第一百零二条 附则', 'article', 'article', '第一百零二条', 'art102'],
    ['第7条 施行', 'article', 'article', '第7条', 'art7'],
    ['十二、保障措施', 'item', 'han', '十二、', 's12'],
    ['(三)合作目标。', 'item', 'paren-han', '(三)', 'p3'],
    ['（十一）筹建合作资金。', 'item', 'paren-han', '（十一）', 'p11'],
    ['4.实施统一的市场规则。', 'item', 'arabic', '4.', 'n4'],
    ['3、深化与港澳合作。', 'item', 'arabic', '3、', 'n3'],
    ['2．推进合作。', 'item', 'arabic', '2．', 'n2'],
    ['(2)大气污染防治', 'item', 'paren-arabic', '(2)', 'pn2'],
    ['（12）其他事项', 'item', 'paren-arabic', '（12）', 'pn12'],
    ['③工业源', 'item', 'circled', '③', 'c3'],
  ])('%s', (line, kind, numbering, label, id) => {
    const [provision] = parse(`  ${line}\n`).provisions;
    expect(provision).toMatchObject({ kind, numbering, label, id, depth: 0, parent_id: null });
  });

  it('reads Chinese numerals to 九十九 and beyond', () => {
    const cases: [string, number][] = [
      ['一', 1],
      ['十', 10],
      ['十一', 11],
      ['二十', 20],
      ['四十九', 49],
      ['九十九', 99],
      ['一百', 100],
      ['一百零二', 102],
      ['一百一十', 110],
      ['两百', 200],
    ];
    for (const [numeral, value] of cases) expect(chineseNumber(numeral)).toBe(value);
    for (const bad of ['', '十十', '百十百', '甲', '一二三四五']) expect(chineseNumber(bad)).toBeNull();
  });

  it('leaves figures, dates, 一是 and quotations unnumbered', () => {
    for (const line of [
      '1.5亿元用于建设',
      '2016年12月30日',
      '一是加强合作',
      '——深化合作',
      '(此件主动公开)',
      '第十届论坛',
    ]) {
      expect(readNumberedLine(line)).toBeNull();
    }
  });

  it('nests by conventional rank and pops back out', () => {
    const text = lines(
      '第一章 总则',
      '第一条 目的',
      '一、甲',
      '（一）乙',
      '1.丙',
      '（1）丁',
      '①戊',
      '二、己',
      '第二条 范围',
      '',
    );
    const { provisions } = parse(text);
    expect(provisions.map((p) => `${p.id}@${p.depth}`)).toEqual([
      'ch1@0',
      'ch1-art1@1',
      'ch1-art1-s1@2',
      'ch1-art1-s1-p1@3',
      'ch1-art1-s1-p1-n1@4',
      'ch1-art1-s1-p1-n1-pn1@5',
      'ch1-art1-s1-p1-n1-pn1-c1@6',
      'ch1-art1-s2@2',
      'ch1-art2@1',
    ]);
  });

  it('puts 第X编 and 第X部分 above chapters, as chapters without a numbering style', () => {
    const { provisions, problems } = parse(
      lines('第一部分 总体要求', '第一章 目标', '第二部分 重点任务', ''),
    );
    expect(provisions.map((p) => [p.id, p.kind, p.label, p.depth])).toEqual([
      ['part1', 'chapter', '第一部分', 0],
      ['part1-ch1', 'chapter', '第一章', 1],
      ['part2', 'chapter', '第二部分', 0],
    ]);
    expect(provisions.map((provision) => provision.numbering)).toEqual([undefined, 'chapter', undefined]);
    expect(problems).toEqual([]);
  });

  it('makes unnumbered lines paragraphs of the innermost numbered provision, counted per parent', () => {
    const text = lines('开篇说明。', '第一条 目的', '第一款。', '第二款。', '一、甲', '甲的说明。', '');
    const { provisions } = parse(text);
    expect(provisions.map((p) => [p.id, p.kind, p.parent_id])).toEqual([
      ['para1', 'paragraph', null],
      ['art1', 'article', null],
      ['art1-para1', 'paragraph', 'art1'],
      ['art1-para2', 'paragraph', 'art1'],
      ['art1-s1', 'item', 'art1'],
      ['art1-s1-para1', 'paragraph', 'art1-s1'],
    ]);
    expect(byId(provisions, 'art1-para1')).toMatchObject({ label: null, heading: null });
  });
});

describe('cleanToProvisions: text slices', () => {
  it('gives each provision its lines, indentation, and the blank lines up to the next; children excluded', () => {
    const text = lines('\n  第一条 目的', '', '  本条正文。', '', '', '  一、甲项。', '');
    const { provisions } = parse(text);
    expect(provisions.map((provision) => provision.text)).toEqual([
      '\n  第一条 目的\n\n',
      '  本条正文。\n\n\n',
      '  一、甲项。\n',
    ]);
  });

  it('returns nothing for an empty body and one paragraph for a blank one', () => {
    expect(parse('').provisions).toEqual([]);
    expect(parse('\n  \n').provisions).toMatchObject([{ id: 'para1', kind: 'paragraph', text: '\n  \n' }]);
  });
});

describe('cleanToProvisions: headings', () => {
  const heading = (line: string) => parse(line).provisions[0]!.heading;

  it('takes the rest of a 章/节/条 line, or the words before a space on a line that runs on', () => {
    expect(heading('  第一章 总 则')).toBe('总 则');
    expect(heading('第一条 合作宗旨')).toBe('合作宗旨');
    expect(heading('第一条 合作宗旨 按照科学发展观的要求,紧密结合两省实际,制定本协议。')).toBe('合作宗旨');
    expect(heading('第四十六条 两省(区)高层适时举行会晤,研究重大合作事项。')).toBeNull();
    expect(heading('第三条')).toBeNull();
  });

  it('takes a short first sentence of an item, or a short item line that is one sentence', () => {
    expect(heading('(一)指导思想。')).toBe('指导思想');
    expect(heading('一、总体要求')).toBe('总体要求');
    expect(heading('(一)指导思想。全面贯彻党的十八大精神。')).toBe('指导思想');
    expect(heading('1.优化区域经济发展格局。共同编制实施规划。')).toBe('优化区域经济发展格局');
    const long = '加强跨省区流域水资源水环境保护并共同实施水污染防治行动计划和重点流域水污染防治规划';
    expect(heading(`1.${long}。其余正文。`)).toBeNull();
    expect(heading(`1.${long}`)).toBeNull();
  });
});

describe('cleanToProvisions: problems', () => {
  it('suffixes a repeated number and reports it', () => {
    const { provisions, problems } = parse(lines('第一条 甲', '第二条 乙', '第二条 乙', '第二条 乙', ''));
    expect(provisions.map((provision) => provision.id)).toEqual(['art1', 'art2', 'art2-b', 'art2-c']);
    expect(problems.map((problem) => [problem.code, problem.provision_id])).toEqual([
      ['duplicate-number', 'art2-b'],
      ['duplicate-number', 'art2-c'],
    ]);
  });

  it('reports a gap but parses the provision', () => {
    const { provisions, problems } = parse(lines('第一条 甲', '第三条 丙', '第五条 戊', ''));
    expect(provisions.map((provision) => provision.id)).toEqual(['art1', 'art3', 'art5']);
    expect(problems).toEqual([
      {
        code: 'numbering-gap',
        message: expect.stringContaining('第三条 follows 第一条'),
        provision_id: 'art3',
      },
      { code: 'numbering-gap', message: expect.stringContaining('第五条'), provision_id: 'art5' },
    ]);
  });

  it('accepts lists that restart under a new parent or carry on across parents', () => {
    const restart = lines('一、甲', '1、a', '2、b', '二、乙', '1、c', '');
    const carryOn = lines(
      '第一章 甲',
      '第一条 a',
      '第二条 b',
      '第二章 乙',
      '第三条 c',
      '（一）x',
      '1.y',
      '（二）z',
      '2.w',
      '',
    );
    expect(parse(restart).problems).toEqual([]);
    expect(parse(carryOn).problems).toEqual([]);
  });

  it('flags a list that opens past its first number', () => {
    expect(parse(lines('正文。', '二、乙', '')).problems).toMatchObject([
      { code: 'numbering-gap', provision_id: 's2' },
    ]);
  });

  it('gives the same ids for the same input', () => {
    const text = readFileSync('test/fixtures/provisions/regulation.txt', 'utf8');
    expect(parse(text)).toEqual(parse(text));
  });
});

describe('cleanToProvisions: fixtures', () => {
  it.each(['regulation', 'notice'])('%s', (name) => {
    const text = readFileSync(`test/fixtures/provisions/${name}.txt`, 'utf8');
    expect(outline(text)).toBe(readFileSync(`test/fixtures/provisions/${name}.outline.txt`, 'utf8'));
    const { provisions, problems } = parse(text);
    expectWellFormed(text, provisions, problems);
  });

  it('puts a covering notice’s parts and both signatures where they belong', () => {
    const { provisions } = parse(readFileSync('test/fixtures/provisions/notice.txt', 'utf8'));
    expect(byId(provisions, 'doc-number')!.text).toBe('某办发〔2018〕7号 2018年3月2日\n\n');
    expect(byId(provisions, 'signature')!.text).toBe(
      '某某省人民政府办公厅\n\n2018年3月2日\n\n（此件主动公开）\n\n',
    );
    expect(byId(provisions, 'title-2')!.text).toBe('某某省深化区域合作实施方案\n\n');
    expect(byId(provisions, 'signature-2')!.text).toBe('某某省发展和改革委员会\n2018年3月1日\n');
  });
});

describe('cleanToProvisions: seeds', () => {
  const validate = new Ajv2020({ strict: false }).compile(
    JSON.parse(readFileSync('schemas/provision.schema.json', 'utf8')) as object,
  );

  it.each(SEED_PREFIXES)('seed %s reproduces its body and fits the schema', (prefix) => {
    const { id, text } = seedBody(prefix);
    const { provisions, problems } = cleanToProvisions(text, id);
    expectWellFormed(text, provisions, problems);
    for (const provision of provisions) {
      expect(validate(provision), JSON.stringify(validate.errors)).toBe(true);
      expect(provision.document_id).toBe(id);
    }
  });

  it('000 has 13 chapters and 第一条…第四十九条 in order, each inside a chapter, and no problems', () => {
    const { provisions, problems } = parse(seedBody('000').text);
    expect(byKind(provisions, 'chapter')).toHaveLength(13);
    const articles = byKind(provisions, 'article');
    expect(articles.map((article) => chineseNumber(article.label!.slice(1, -1)))).toEqual(
      Array.from({ length: 49 }, (_, index) => index + 1),
    );
    for (const article of articles) expect(byId(provisions, article.parent_id!)?.kind).toBe('chapter');
    expect(byId(provisions, 'ch1-art1')!.heading).toBe('合作宗旨');
    expect(byId(provisions, 'ch2-art4-s1')).toMatchObject({ kind: 'item', numbering: 'han', label: '一、' });
    expect(problems).toEqual([]);
  });

  it('001: the opinion’s 一、总体要求 is at depth 0 and （一）指导思想 under it', () => {
    const { provisions } = parse(seedBody('001').text);
    const first = provisions.find((provision) => provision.label === '一、')!;
    expect(first).toMatchObject({ id: 's1', depth: 0, parent_id: null });
    expect(toSimplified(first.heading!)).toBe('总体要求');
    const guiding = byId(provisions, 's1-p1')!;
    expect(guiding).toMatchObject({ label: '(一)', numbering: 'paren-han', parent_id: 's1', depth: 1 });
    expect(toSimplified(guiding.heading!)).toBe('指导思想');
    expect(provisions.slice(0, 5).map((provision) => provision.kind)).toEqual([
      'title',
      'recipients',
      'notice',
      'signature',
      'title',
    ]);
  });

  it('002–004: 发文字号, 主送 and signatures, including one at the very end', () => {
    const kinds = (prefix: string) =>
      parse(seedBody(prefix).text).provisions.map((provision) => provision.kind);
    expect(kinds('002').slice(0, 5)).toEqual(['title', 'doc-number', 'recipients', 'notice', 'title']);
    expect(kinds('003').at(-1)).toBe('signature');
    expect(kinds('004').slice(0, 6)).toEqual([
      'title',
      'doc-number',
      'recipients',
      'notice',
      'signature',
      'title',
    ]);
    const leads = byKind(parse(seedBody('002').text).provisions, 'paragraph').filter((p) =>
      /牵头单位/u.test(p.text),
    );
    expect(leads.every((paragraph) => paragraph.parent_id?.startsWith('s'))).toBe(true);
  });
});

describe('cleanToProvisions: seed variants it was not written against', () => {
  const counts = (text: string) => {
    const { provisions, problems } = parse(text);
    expectWellFormed(text, provisions, problems);
    const articles = byKind(provisions, 'article');
    return {
      chapters: byKind(provisions, 'chapter').length,
      articles: articles.map((article) => article.id.replace(/^ch\d+-/u, '')),
      inChapters: articles.every((article) => byId(provisions, article.parent_id!)?.kind === 'chapter'),
      problems,
    };
  };
  const original = seedBody('000').text;
  const expected = counts(original);

  it('000 re-wrapped: no blank lines or indentation, headings run into their text, （一） items', () => {
    const joined = original
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) =>
        line
          .trim()
          .replace(/\(/gu, '（')
          .replace(/\)/gu, '）')
          .replace(/^([一二三四五六七八九十]+)、/u, '（$1）'),
      )
      .join('\n')
      .replace(/^(第[一二三四五六七八九十]+[章条] \S+)\n(?![第（])/gmu, '$1 ');
    expect(joined).toMatch(/^第一条 合作宗旨 按照/mu);
    expect(counts(joined)).toEqual(expected);
    const { provisions } = parse(joined);
    expect(byId(provisions, 'ch1-art1')).toMatchObject({ heading: '合作宗旨', label: '第一条' });
    expect(byId(provisions, 'ch1-art1')!.text).toMatch(/按照科学发展观/u);
    expect(byId(provisions, 'ch1-art3-p1')).toMatchObject({
      numbering: 'paren-han',
      heading: '优势互补,互利共赢',
    });
  });

  it('000 in traditional script, with full-width indentation, arabic article numbers and CRLF', () => {
    let article = 0;
    const variant = toTraditional(original)
      .replace(/^ {2}/gmu, '\u3000\u3000')
      .replace(
        /^([ \u3000]*)第[一二三四五六七八九十]+條/gmu,
        (_match: string, indent: string) => `${indent}第${(article += 1)}條`,
      )
      .replace(/\n/gu, '\r\n');
    expect(variant).toMatch(/第49條/u);
    expect(counts(variant)).toEqual(expected);
    expect(parse(variant).provisions[0]).toMatchObject({ kind: 'title', id: 'title' });
  });

  it('001 in simplified script with （一） and 1、, without blank lines, keeps its outline', () => {
    const text = seedBody('001').text;
    const variant = toSimplified(text)
      .replace(/\n\n/gu, '\n')
      .replace(/^(\s*)\(([一二三四五六七八九十]+)\)/gmu, '$1（$2）')
      .replace(/^(\s*)(\d+)\./gmu, '$1$2、');
    const shape = (body: string) => parse(body).provisions.map((p) => `${p.id} ${p.kind} ${p.depth}`);
    expect(shape(variant)).toEqual(shape(text));
    expect(byId(parse(variant).provisions, 's2-p2-n4')).toMatchObject({
      label: '4、',
      heading: '实施统一的市场规则',
    });
  });
});

describe('cleanToProvisions: any input', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      '第一条',
      '第四十九条 ',
      '第一百零二条',
      '第三章 总则',
      '第二节',
      '第一编',
      '一、',
      '十二、',
      '(一)',
      '（二）',
      '1.',
      '2、',
      '（1）',
      '①',
      '\n',
      '\n\n',
      '\r\n',
      '  ',
      '\u3000',
      '合作发展',
      '。',
      ',',
      '：',
      '的通知',
      '实施意见',
      '各市人民政府:',
      '广东省人民政府',
      '2016年1月1日',
      '(此件主动公开)',
      '川办函〔2016〕212号',
    ),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );

  it('never throws and always reproduces the body', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { provisions, problems } = parse(text);
        expectWellFormed(text, provisions, problems);
      }),
      { numRuns: 500 },
    );
  });
});
