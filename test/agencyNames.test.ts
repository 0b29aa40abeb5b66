// Splitting agency lists: separators, 和/及 inside names, the carried 省 prefix, shared suffixes,
// collectives and notes. Most cases run against the real gazetteer; a few against a lexicon that
// knows nothing, so that the rules do not lean on the data.
import { describe, it, expect } from 'vitest';
import { splitAgencyList, normaliseName, type NameLexicon } from '../pipeline/agencyNames.ts';
import { agencyResolver } from '../pipeline/resolveAgencies.ts';
import { gazetteer } from './support/gazetteer.ts';

const guangdong = agencyResolver(gazetteer, 'CN-GD');
const sichuan = agencyResolver(gazetteer, 'CN-SC');
const knowsNothing: NameLexicon = { isKnown: () => false };

const names = (list: string, lexicon: NameLexicon = guangdong) =>
  splitAgencyList(list, lexicon).map((mention) => mention.name);
const printed = (list: string, lexicon: NameLexicon = guangdong) =>
  splitAgencyList(list, lexicon).map((mention) => mention.printed);

describe('splitting agency lists', () => {
  it('splits at 、 , ， 及 and 和 between names', () => {
    expect(names('省教育厅、省科技厅,省文化厅，省体育局及省旅游局和省公安厅')).toEqual([
      '省教育厅',
      '省科技厅',
      '省文化厅',
      '省体育局',
      '省旅游局',
      '省公安厅',
    ]);
  });

  it('keeps 和 inside names, with or without the gazetteer', () => {
    for (const lexicon of [guangdong, knowsNothing]) {
      expect(names('省经济和信息化委、人力资源和社会保障厅、住房和城乡建设厅', lexicon)).toEqual([
        '省经济和信息化委',
        '省人力资源和社会保障厅',
        '省住房和城乡建设厅',
      ]);
    }
  });

  it('carries the 省 prefix over a provincial list, keeping the printed form', () => {
    expect(names('省發展改革委、經濟和信息化委')).toEqual(['省发展改革委', '省经济和信息化委']);
    expect(printed('省發展改革委、經濟和信息化委')).toEqual(['省發展改革委', '經濟和信息化委']);
    expect(names('省发改委、知识产权局、版权局', knowsNothing)).toEqual([
      '省发改委',
      '省知识产权局',
      '省版权局',
    ]);
  });

  it('does not carry 省 onto names with their own place, ministry or national prefix', () => {
    expect(
      names(
        '省水利廳、水利部珠江水利委員會、交通運輸部珠江航務管理局、海關廣東分署、民航中南管理局、廣州市政府',
        knowsNothing,
      ),
    ).toEqual([
      '省水利厅',
      '水利部珠江水利委员会',
      '交通运输部珠江航务管理局',
      '海关广东分署',
      '民航中南管理局',
      '广州市政府',
    ]);
  });

  it('gives a shared suffix to each bare place name before it', () => {
    expect(names('廣東、深圳、珠海出入境檢驗檢疫局等')).toEqual([
      '广东出入境检验检疫局',
      '深圳出入境检验检疫局',
      '珠海出入境检验检疫局',
    ]);
    expect(printed('廣東、深圳、珠海出入境檢驗檢疫局等')).toEqual(['廣東', '深圳', '珠海出入境檢驗檢疫局']);
    expect(names('省有關單位及廣州、深圳、佛山、中山、東莞、珠海市政府等', knowsNothing)).toEqual([
      '省有关单位',
      '广州市政府',
      '深圳市政府',
      '佛山市政府',
      '中山市政府',
      '东莞市政府',
      '珠海市政府',
    ]);
  });

  it('keeps collectives whole and strips a trailing 等', () => {
    expect(names('省政府有关部门、各市(州)人民政府', sichuan)).toEqual([
      '省政府有关部门',
      '各市(州)人民政府',
    ]);
    expect(names('省有關單位及有關地級以上市政府等')).toEqual(['省有关单位', '有关地级以上市政府']);
    expect(names('各相关单位、各市州政府', knowsNothing)).toEqual(['各相关单位', '各市州政府']);
    expect(names('省推进泛珠三角区域合作工作协调领导小组成员单位等')).toEqual([
      '省推进泛珠三角区域合作工作协调领导小组成员单位',
    ]);
  });

  it('splits 等 between a member and the collective it belongs to', () => {
    expect(names('人行成都分行等省社会信用体系建设联席会议成员单位', sichuan)).toEqual([
      '人行成都分行',
      '省社会信用体系建设联席会议成员单位',
    ]);
  });

  it('keeps brackets inside names and normalises full-width ones', () => {
    expect(names('省外事侨务(港澳)办、各市（州）人民政府', sichuan)).toEqual([
      '省外事侨务(港澳)办',
      '各市(州)人民政府',
    ]);
  });

  it('drops a 以下简称 note from the name and keeps the short form', () => {
    const [mention] = splitAgencyList('省铁路产业投资集团有限责任公司(以下简称省铁投集团)', sichuan);
    expect(mention).toEqual({
      printed: '省铁路产业投资集团有限责任公司',
      name: '省铁路产业投资集团有限责任公司',
      shortForm: '省铁投集团',
    });
  });

  it('normalises script, brackets and spaces', () => {
    expect(normaliseName(' 省衞生計生委（試行） ')).toBe('省卫生计生委(试行)');
  });
});
