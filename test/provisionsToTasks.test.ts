// Tasks from responsibility statements: each printed form on small fixtures, then the real seeds
// through the real stages, then variants of the seeds the code was not written against.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Provision } from '../pipeline/generated/model.ts';
import { cleanToProvisions } from '../pipeline/cleanToProvisions.ts';
import { provisionsToTasks, type TaskResult } from '../pipeline/provisionsToTasks.ts';
import { gazetteer } from './support/gazetteer.ts';
import { seedBody } from './support/seeds.ts';

// --- fixtures: provisions as the parser makes them -------------------------------------------

const base = { document_id: 'doc', position: 0, depth: 0 };
const item = (id: string, label: string, heading: string | null, text: string): Provision => ({
  ...base,
  ...{ id, parent_id: null, kind: 'item', label, heading, text },
});
const paragraph = (id: string, parent: string | null, text: string): Provision => ({
  ...base,
  ...{ id, parent_id: parent, kind: 'paragraph', label: null, heading: null, text },
});
const inOrder = (...provisions: Provision[]) =>
  provisions.map((provision, position) => ({ ...provision, position }));
const run = (provisions: Provision[], jurisdiction = 'CN-GD') =>
  provisionsToTasks(provisions, { documentId: 'doc', jurisdiction }, gazetteer);
/** Who does what, independent of how it was printed. */
const roles = (result: TaskResult) =>
  result.tasks.map((task) => task.agencies.map((agency) => `${agency.role}:${agency.agency_id}`));

describe('牵头单位/参与单位 lines (Sichuan)', () => {
  const provisions = inOrder(
    item('p6', '(六)', '构建区域大通关体制', '(六)构建区域大通关体制。加快建立大通关电子口岸信息平台。\n'),
    paragraph('p6-1', 'p6', '牵头单位:成都海关\n'),
    paragraph('p6-2', 'p6', '参与单位:省质监局、四川出入境检验检疫局、各市(州)人民政府\n'),
    paragraph('p6-3', 'p6', '加强与长江经济带海关区域通关一体化衔接。\n'),
    paragraph('p6-4', 'p6', '进一步扩大通关一体化范围。\n'),
    paragraph('p6-5', 'p6', '牵头单位:商务厅、省发展改革委\n'),
    paragraph('p6-6', 'p6', '参与单位:人行成都分行等省社会信用体系建设联席会议成员单位\n'),
    item('p7', '(七)', '建设现代化综合交通运输体系', '(七)建设现代化综合交通运输体系。\n'),
    paragraph('p7-1', 'p7', '牵头单位:省发展改革委、交通运输厅\n'),
  );
  const result = run(provisions, 'CN-SC');

  it('takes the work since the previous block in the same numbered provision', () => {
    expect(result.tasks.map((task) => [task.id, task.provision_id, task.label, task.text])).toEqual([
      ['doc-t1', 'p6', '(六) 构建区域大通关体制', '加快建立大通关电子口岸信息平台。'],
      [
        'doc-t2',
        'p6-3',
        '(六) 构建区域大通关体制',
        '加强与长江经济带海关区域通关一体化衔接。\n进一步扩大通关一体化范围。',
      ],
      ['doc-t3', 'p7', '(七) 建设现代化综合交通运输体系', '建设现代化综合交通运输体系'],
    ]);
    expect(result.tasks[0]!.responsibility).toBe(
      '牵头单位:成都海关\n参与单位:省质监局、四川出入境检验检疫局、各市(州)人民政府',
    );
  });

  it('gives leads and participants', () => {
    expect(roles(result)).toEqual([
      [
        'lead:cn-sc-chengdu-haiguan',
        'participant:cn-sc-zhijian-ju',
        'participant:cn-sc-sichuan-jianyan-jianyi-ju',
        'participant:cn-sc-shi-zhou-zhengfu',
      ],
      [
        'lead:cn-sc-shangwu-ting',
        'lead:cn-sc-fagaiwei',
        'participant:cn-sc-renmin-yinhang-chengdu-fenxing',
        'participant:cn-sc-xinyong-lianxi-huiyi-chengyuan-danwei',
      ],
      ['lead:cn-sc-fagaiwei', 'lead:cn-sc-jiaotong-yunshu-ting'],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reads the traditional script the same way', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const traditional = provisions.map((provision) => ({
      ...provision,
      text: toTraditional(provision.text),
      heading: provision.heading && toTraditional(provision.heading),
    }));
    expect(roles(run(traditional, 'CN-SC'))).toEqual(roles(result));
  });
});

describe('bracketed statements (Guangdong, Hunan)', () => {
  it('reads (A牵头,B、C等按职责分工负责) with the 省 prefix carried', () => {
    const result = run(
      inOrder(
        item(
          'n1',
          '1.',
          '優化區域經濟發展格局',
          '1.優化區域經濟發展格局。共同編制規劃。(省發展改革委牽頭,省經濟和信息化委、國土資源廳及有關地級以上市政府等按職責分工負責)\n',
        ),
      ),
    );
    expect(result.tasks).toEqual([
      {
        id: 'doc-t1',
        document_id: 'doc',
        provision_id: 'n1',
        label: '1. 優化區域經濟發展格局',
        text: '共同編制規劃。',
        responsibility: '(省發展改革委牽頭,省經濟和信息化委、國土資源廳及有關地級以上市政府等按職責分工負責)',
        agencies: [
          { agency_id: 'cn-gd-fagaiwei', name_as_printed: '省發展改革委', role: 'lead' },
          { agency_id: 'cn-gd-jingxinwei', name_as_printed: '省經濟和信息化委', role: 'participant' },
          { agency_id: 'cn-gd-guotu-ziyuan-ting', name_as_printed: '國土資源廳', role: 'participant' },
          {
            agency_id: 'cn-gd-youguan-dishi-zhengfu',
            name_as_printed: '有關地級以上市政府',
            role: 'participant',
          },
        ],
      },
    ]);
    expect(result.agencies.map((agency) => agency.id)).toEqual([
      'cn-gd-fagaiwei',
      'cn-gd-guotu-ziyuan-ting',
      'cn-gd-jingxinwei',
      'cn-gd-youguan-dishi-zhengfu',
    ]);
  });

  it('reads 按职责分工负责 with no lead as shared, and several leads', () => {
    const result = run(
      inOrder(
        item(
          'n6',
          '6.',
          null,
          '6.推進通關。(省口岸辦、質監局,海關廣東分署,廣東、深圳、珠海出入境檢驗檢疫局等按職責分工負責)\n',
        ),
        paragraph('n6-1', 'n6', '鐵路方面。推進項目建設。(省發展改革委、交通運輸廳牽頭)\n'),
      ),
    );
    expect(roles(result)).toEqual([
      [
        'shared:cn-gd-kouan-ban',
        'shared:cn-gd-zhijian-ju',
        'shared:cn-gd-haiguan-guangdong-fenshu',
        'shared:cn-gd-guangdong-jianyan-jianyi-ju',
        'shared:cn-gd-shenzhen-jianyan-jianyi-ju',
        'shared:cn-gd-zhuhai-jianyan-jianyi-ju',
      ],
      ['lead:cn-gd-fagaiwei', 'lead:cn-gd-jiaotong-yunshu-ting'],
    ]);
    expect(result.tasks.map((task) => [task.label, task.provision_id])).toEqual([
      ['6.', 'n6'],
      ['6.', 'n6-1'],
    ]);
  });

  it('splits a paragraph with several (A牵头负责,B等参与) statements into tasks', () => {
    const result = run(
      inOrder(
        item(
          'n1',
          '1、',
          '构建综合交通运输体系',
          '1、构建综合交通运输体系。铁路方面,加快建设。(省发改委牵头负责)公路方面,打通断头路。(省交通运输厅牵头负责)水运方面,推进前期研究工作(省交通运输厅牵头负责,省水利厅等参与)。航空方面,完善航线网络。(省机场管理集团牵头负责,省发改委、省财政厅等参与)\n',
        ),
      ),
      'CN-HN',
    );
    expect(result.tasks.map((task) => task.text)).toEqual([
      '铁路方面,加快建设。',
      '公路方面,打通断头路。',
      '水运方面,推进前期研究工作',
      '航空方面,完善航线网络。',
    ]);
    expect(roles(result)).toEqual([
      ['lead:cn-hn-fagaiwei'],
      ['lead:cn-hn-jiaotong-yunshu-ting'],
      ['lead:cn-hn-jiaotong-yunshu-ting', 'participant:cn-hn-shuili-ting'],
      ['lead:cn-hn-jichang-guanli-jituan', 'participant:cn-hn-fagaiwei', 'participant:cn-hn-caizheng-ting'],
    ]);
  });

  it('reads full-width brackets, 按分工负责 or 配合 after a lead, and 负责 alone', () => {
    const result = run(
      inOrder(
        paragraph('a', null, '推进合作。（省发改委牵头，各相关单位、各市州政府按分工负责）\n'),
        paragraph('b', null, '设立基金。(省财政厅负责)\n'),
        paragraph('c', null, '完善机制。(省发改委、省商务厅共同负责)\n'),
        paragraph('d', null, '推进通关。(长沙海关牵头,省商务厅配合)\n'),
        paragraph('e', null, '编制规划。\n'),
        paragraph('f', null, '责任单位:省发改委、省商务厅\n'),
      ),
      'CN-HN',
    );
    expect(roles(result)).toEqual([
      ['lead:cn-hn-fagaiwei', 'participant:cn-hn-xiangguan-danwei', 'participant:cn-hn-shi-zhou-zhengfu'],
      ['lead:cn-hn-caizheng-ting'],
      ['shared:cn-hn-fagaiwei', 'shared:cn-hn-shangwu-ting'],
      ['lead:cn-hn-changsha-haiguan', 'participant:cn-hn-shangwu-ting'],
      ['shared:cn-hn-fagaiwei', 'shared:cn-hn-shangwu-ting'],
    ]);
  });

  it('takes the work from earlier paragraphs when the statement stands alone', () => {
    const result = run(
      inOrder(
        item('p1', '(一)', '加强统筹协调', '(一)加强统筹协调。\n'),
        paragraph('p1-1', 'p1', '定期召开工作会议。\n'),
        paragraph('p1-2', 'p1', '(省发展改革委牵头)\n'),
      ),
    );
    expect(result.tasks.map((task) => [task.provision_id, task.text])).toEqual([
      ['p1-1', '定期召开工作会议。'],
    ]);
  });

  it('ignores brackets that are not statements', () => {
    const result = run(
      inOrder(
        paragraph(
          'a',
          null,
          '深入实施CEPA(内地与香港关于建立更紧密经贸关系的安排),落实国发〔2016〕18号(国务院负责的事项除外)。\n',
        ),
      ),
    );
    expect(result.tasks).toEqual([]);
  });

  it('keeps an unknown agency, flags it once and gives it a stable id', () => {
    const provisions = inOrder(
      paragraph('a', null, '推进合作。(省發展改革委牽頭,省大數據局等按職責分工負責)\n'),
      paragraph('b', null, '共享数据。(省大数据局牵头)\n'),
    );
    const result = run(provisions);
    const unknown = result.agencies.filter((agency) => !agency.in_gazetteer);
    expect(unknown).toEqual([
      expect.objectContaining({
        id: 'cn-gd-unknown-sheng-da-shu-ju-ju',
        name: '省大数据局',
        level: 'unknown',
      }),
    ]);
    expect(result.problems).toEqual([
      { code: 'unknown-agency', message: expect.stringContaining('省大數據局'), provision_id: 'a' },
    ]);
    expect(roles(result)[1]).toEqual(['lead:cn-gd-unknown-sheng-da-shu-ju-ju']);
    expect(run(provisions)).toEqual(result);
  });

  it('keeps two unknown agencies whose names sound alike apart (水利 and 税利 are both shui-li)', () => {
    const provisions = inOrder(
      paragraph('a', null, '推进合作。(广州水利局牵头,广州税利局等参与)\n'),
      paragraph('b', null, '共享数据。(广州税利局牵头,广州水利局参与)\n'),
    );
    const result = run(provisions);
    expect(roles(result)).toEqual([
      ['lead:cn-gd-unknown-guang-zhou-shui-li-ju', 'participant:cn-gd-unknown-guang-zhou-shui-li-ju-2'],
      ['lead:cn-gd-unknown-guang-zhou-shui-li-ju-2', 'participant:cn-gd-unknown-guang-zhou-shui-li-ju'],
    ]);
    expect(result.agencies.map((agency) => [agency.id, agency.name])).toEqual([
      ['cn-gd-unknown-guang-zhou-shui-li-ju', '广州水利局'],
      ['cn-gd-unknown-guang-zhou-shui-li-ju-2', '广州税利局'],
    ]);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/广州水利局.*kept as cn-gd-unknown-guang-zhou-shui-li-ju$/u),
      expect.stringMatching(/广州税利局.*kept as cn-gd-unknown-guang-zhou-shui-li-ju-2$/u),
    ]);
  });
});

// --- the seeds, through the real stages -----------------------------------------------------------

function tasksOf(text: string, id: string, jurisdiction: string): TaskResult {
  return provisionsToTasks(
    cleanToProvisions(text, id).provisions,
    { documentId: id, jurisdiction },
    gazetteer,
  );
}

const SEEDS = [
  { prefix: '001', jurisdiction: 'CN-GD', tasks: 51, agencies: 67 },
  { prefix: '002', jurisdiction: 'CN-SC', tasks: 34, agencies: 54 },
  { prefix: '004', jurisdiction: 'CN-HN', tasks: 42, agencies: 35 },
];
const seedResults = new Map(
  SEEDS.map(({ prefix, jurisdiction }) => {
    const { id, text } = seedBody(prefix);
    return [prefix, { id, text, result: tasksOf(text, id, jurisdiction) }];
  }),
);
const seed = (prefix: string) => seedResults.get(prefix)!;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const readSchema = (name: string) => JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8'));
const validTask = ajv.compile(readSchema('task'));
const validAgency = ajv.compile(readSchema('agency'));

describe.each(SEEDS)('seed $prefix ($jurisdiction)', ({ prefix, tasks, agencies }) => {
  const { id, result } = seed(prefix);

  it(`has ${tasks} tasks in document order, each valid, with an agency and its printed lead`, () => {
    expect(result.tasks).toHaveLength(tasks);
    expect(result.tasks.map((task) => task.id)).toEqual(result.tasks.map((_, i) => `${id}-t${i + 1}`));
    for (const task of result.tasks) {
      expect(validTask(task), `${task.id}: ${ajv.errorsText(validTask.errors)}`).toBe(true);
      expect(task.agencies.length, task.id).toBeGreaterThan(0);
      const namesLead = /[牵牽][头頭]/u.test(task.responsibility);
      expect(
        task.agencies.some((agency) => agency.role === 'lead'),
        task.id,
      ).toBe(namesLead);
    }
  });

  it(`names ${agencies} distinct agencies, all in the gazetteer (0 unknown)`, () => {
    expect(result.agencies.filter((agency) => !agency.in_gazetteer).map((agency) => agency.name)).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.agencies).toHaveLength(agencies);
    const used = new Set(result.tasks.flatMap((task) => task.agencies.map((agency) => agency.agency_id)));
    expect(result.agencies.map((agency) => agency.id).sort()).toEqual([...used].sort());
    for (const agency of result.agencies) expect(validAgency(agency), agency.id).toBe(true);
  });
});

describe('seed facts', () => {
  it('002 has (六) 构建区域大通关体制 led by 成都海关', () => {
    const task = seed('002').result.tasks.find((candidate) => candidate.label === '(六) 构建区域大通关体制');
    expect(task?.agencies[0]).toEqual({
      agency_id: 'cn-sc-chengdu-haiguan',
      name_as_printed: '成都海关',
      role: 'lead',
    });
    expect(task?.text).toMatch(/^加快建立大通关电子口岸信息平台/u);
  });

  it('the 省发展改革委 leading in 001 (Guangdong) and in 002 (Sichuan) are different bodies', () => {
    const leadIds = (prefix: string) =>
      seed(prefix)
        .result.tasks.flatMap((task) => task.agencies)
        .filter((agency) => agency.role === 'lead' && /^省[发發]展改革委$/u.test(agency.name_as_printed))
        .map((agency) => agency.agency_id);
    expect(new Set(leadIds('001'))).toEqual(new Set(['cn-gd-fagaiwei']));
    expect(new Set(leadIds('002'))).toEqual(new Set(['cn-sc-fagaiwei']));
  });

  it('004 reads two tasks from 铁路方面…(省发改委牵头负责)公路方面…(省交通运输厅牵头负责)', () => {
    const [rail, road] = seed('004').result.tasks;
    expect(rail!.text).toMatch(/^铁路方面,/u);
    expect(rail!.agencies).toEqual([
      { agency_id: 'cn-hn-fagaiwei', name_as_printed: '省发改委', role: 'lead' },
    ]);
    expect(road!.text).toMatch(/^公路方面,/u);
    expect(road!.provision_id).toBe(rail!.provision_id);
  });
});

// --- variants the code was not written against -----------------------------------------------------

describe('variants of the seeds', () => {
  it('002 in traditional script gives the same tasks and agencies', () => {
    const { id, text, result } = seed('002');
    const variant = tasksOf(OpenCC.Converter({ from: 'cn', to: 'tw' })(text), id, 'CN-SC');
    expect(variant.tasks).toHaveLength(34);
    expect(roles(variant)).toEqual(roles(result));
    expect(variant.problems).toEqual([]);
  });

  it('004 rewritten in 001’s style and script gives the same tasks and agencies', () => {
    const { id, text, result } = seed('004');
    const guangdongStyle = text.replace(/牵头负责/gu, '牵头').replace(/等?参与\)/gu, '等按职责分工负责)');
    expect(guangdongStyle).not.toMatch(/参与\)/u);
    const variant = tasksOf(OpenCC.Converter({ from: 'cn', to: 'hk' })(guangdongStyle), id, 'CN-HN');
    expect(variant.tasks).toHaveLength(42);
    expect(roles(variant)).toEqual(roles(result));
    expect(variant.problems).toEqual([]);
  });

  it('001 in simplified script gives the same tasks and agencies', () => {
    const { id, text, result } = seed('001');
    const variant = tasksOf(OpenCC.Converter({ from: 'hk', to: 'cn' })(text), id, 'CN-GD');
    expect(variant.tasks).toHaveLength(51);
    expect(roles(variant)).toEqual(roles(result));
  });
});
