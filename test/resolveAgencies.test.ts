// The gazetteer and its lookup: a short form means the issuing region's body, a name with its own
// place means that place's, and names the gazetteer lacks are kept with stable ids.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { agencyResolver, loadGazetteer, unknownAgency } from '../pipeline/resolveAgencies.ts';
import { splitAgencyList } from '../pipeline/agencyNames.ts';

const data = JSON.parse(readFileSync('pipeline/config/agencies.json', 'utf8'));
const gazetteer = loadGazetteer(data);
const readSchema = (name: string) => JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8'));

function resolve(name: string, jurisdiction: string) {
  const resolver = agencyResolver(gazetteer, jurisdiction);
  const [mention] = splitAgencyList(name, resolver);
  return resolver.resolve(mention!);
}
const idOf = (name: string, jurisdiction: string) => resolve(name, jurisdiction).agency.id;

describe('gazetteer data', () => {
  it('matches its schema, and every record matches the Agency schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    expect(ajv.validate(readSchema('gazetteer'), data), ajv.errorsText()).toBe(true);
    const validateAgency = ajv.compile(readSchema('agency'));
    for (const agency of gazetteer.agencies) expect(validateAgency(agency), agency.id).toBe(true);
  });

  it('derives traditional aliases in both Hong Kong and Taiwan forms', () => {
    const weisheng = gazetteer.agencies.find((agency) => agency.id === 'cn-gd-weisheng-jisheng-wei')!;
    expect(weisheng.aliases).toEqual(
      expect.arrayContaining(['省卫生计生委', '省衞生計生委', '省衛生計生委']),
    );
    expect(weisheng.aliases).not.toContain(weisheng.name);
  });

  it.each([
    [{}, /expected an object with an "agencies" array/],
    [
      { agencies: [{ id: 'cn-x', name: 'x', jurisdiction: 'CN', level: 'city', kind: 'agency' }] },
      /\/agencies\/0\/level/,
    ],
    [
      { agencies: [{ id: 'Bad Id', name: 'x', jurisdiction: 'CN', level: 'national', kind: 'agency' }] },
      /\/agencies\/0\/id/,
    ],
    [
      {
        agencies: [
          { id: 'cn-a', name: '甲局', jurisdiction: 'CN', level: 'national', kind: 'agency' },
          { id: 'cn-a', name: '乙局', jurisdiction: 'CN', level: 'national', kind: 'agency' },
        ],
      },
      /\/agencies\/1\/id: duplicate id cn-a/,
    ],
    [
      {
        agencies: [
          {
            id: 'cn-sc-a',
            name: '甲',
            jurisdiction: 'CN-SC',
            level: 'provincial',
            kind: 'agency',
            local_aliases: ['省甲'],
          },
          {
            id: 'cn-sc-b',
            name: '乙',
            jurisdiction: 'CN-SC',
            level: 'provincial',
            kind: 'agency',
            local_aliases: ['省甲'],
          },
        ],
      },
      /"省甲" already names cn-sc-a in CN-SC/,
    ],
  ])('rejects malformed data, naming the entry (%#)', (bad, message) => {
    expect(() => loadGazetteer(bad)).toThrow(message);
  });
});

describe('resolving names', () => {
  it('reads a short form as the issuing region’s own body', () => {
    expect(idOf('省发展改革委', 'CN-SC')).toBe('cn-sc-fagaiwei');
    expect(idOf('省發展改革委', 'CN-GD')).toBe('cn-gd-fagaiwei');
    expect(idOf('省发改委', 'CN-HN')).toBe('cn-hn-fagaiwei');
    expect(idOf('省经信委', 'CN-HN')).toBe(idOf('省经济和信息化委', 'CN-HN'));
    expect(idOf('教育厅', 'CN-SC')).toBe('cn-sc-jiaoyu-ting');
    expect(idOf('发展改革委', 'CN-GD')).toBe('cn-gd-fagaiwei');
  });

  it('reads a name with its own place as that place’s, whoever prints it', () => {
    expect(idOf('长沙海关', 'CN-GD')).toBe('cn-hn-changsha-haiguan');
    expect(idOf('廣州市政府', 'CN-SC')).toBe('cn-gd-guangzhou-zhengfu');
    expect(idOf('四川银监局', 'CN-HN')).toBe('cn-sc-yinjian-ju');
    expect(idOf('四川省发展改革委', 'CN-GD')).toBe('cn-sc-fagaiwei');
    expect(idOf('水利部珠江水利委員會', 'CN-SC')).toBe('cn-shuili-bu-zhujiang-shuili-weiyuanhui');
    expect(resolve('国家发展改革委', 'CN-HN').agency).toMatchObject({
      jurisdiction: 'CN',
      level: 'national',
    });
  });

  it('gives collectives and enterprises their kinds', () => {
    expect(resolve('各市(州)人民政府', 'CN-SC').agency.kind).toBe('collective');
    expect(resolve('有關地級以上市政府', 'CN-GD').agency.kind).toBe('collective');
    expect(resolve('广铁集团', 'CN-GD').agency.kind).toBe('enterprise');
    expect(resolve('开发行四川省分行', 'CN-SC').agency.kind).toBe('enterprise');
  });

  it('does not let a short form leak into another region', () => {
    expect(resolve('省旅游发展委', 'CN-GD').inGazetteer).toBe(false);
    expect(resolve('省发改委', 'CN-GX')).toMatchObject({
      inGazetteer: false,
      agency: {
        id: 'cn-gx-unknown-sheng-fa-gai-wei',
        jurisdiction: 'CN-GX',
        level: 'unknown',
        in_gazetteer: false,
      },
    });
  });

  it('keeps unknown names with stable ids, one id for a department with or without 省', () => {
    const first = resolve('教育厅', 'CN-GX').agency;
    expect(resolve('省教育厅', 'CN-GX').agency.id).toBe(first.id);
    expect(resolve('教育厅', 'CN-GX').agency).toEqual(first);
    expect(
      unknownAgency({ printed: '各縣(市、區)人民政府', name: '各县(市、区)人民政府' }, 'CN-GD').kind,
    ).toBe('collective');
    expect(unknownAgency({ printed: '南宁轨道交通集团', name: '南宁轨道交通集团' }, 'CN-GD')).toMatchObject({
      kind: 'enterprise',
      jurisdiction: 'CN-GX',
    });
  });
});
