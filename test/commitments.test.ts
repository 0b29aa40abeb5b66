import { describe, it, expect } from 'vitest';
import { provisionsToCommitments } from '../pipeline/provisionsToCommitments.ts';
import type { Commitment } from '../pipeline/generated/model.ts';
import { provisions, type Part } from './support/provisions.ts';
import { seedProvisions } from './support/seeds.ts';

const commitments = (...parts: Part[]) => provisionsToCommitments(provisions('doc', ...parts), 'doc');
/** Each commitment's due date, its kind and the words it was read from. */
const summary = (found: Commitment[]) =>
  found.map((commitment) => [commitment.due, commitment.due_kind, commitment.due_text]);
const dues = (...parts: Part[]) => summary(commitments(...parts));

describe('provisionsToCommitments: dated targets', () => {
  it.each<[string, Commitment['due'], Commitment['due_kind'], string]>([
    ['到2020年,全省出省通道增加到20条。', '2020', 'by', '到2020年'],
    ['到2020年左右,實現以下合作目標:', '2020', 'by', '到2020年左右'],
    ['加快推进南宁至广州铁路项目建设,2013年前建成通车。', '2013', 'before', '2013年前'],
    ['加快推進南寧至廣州鐵路項目建設,2013年前建成通車。', '2013', 'before', '2013年前'],
    ['建立适度超前的信息通信骨干网络,2011年底拟扩容200G通道容量。', '2011-12', 'end', '2011年底'],
    ['建立適度超前的信息通信骨幹網絡,2011年底擬擴容200G通道容量。', '2011-12', 'end', '2011年底'],
    ['请于2015年6月底前报送。', '2015-06', 'end', '2015年6月底前'],
    ['請於2015年6月底前報送。', '2015-06', 'end', '2015年6月底前'],
    ['到"十二五"期末,合作机制基本完善。', '2015', 'end', '到"十二五"期末'],
    ['到“十二五”期末,兩省(區)深度合作機制基本完善。', '2015', 'end', '到“十二五”期末'],
    ['“十二五”期间,共建产业园区。', '2015', 'by', '“十二五”期间'],
    ['“十二五”期間,共建產業園區。', '2015', 'by', '“十二五”期間'],
    ['到“十一五”末基本建成。', '2010', 'end', '到“十一五”末'],
    ['“十三五”时期完成改造。', '2020', 'by', '“十三五”时期'],
    ['到“十四五”期末实现互联互通。', '2025', 'end', '到“十四五”期末'],
    ['在2010年底前构筑高速公路骨架路网。', '2010-12', 'end', '2010年底前'],
    ['到2015年6月30日完成验收。', '2015-06-30', 'by', '到2015年6月30日'],
    ['2016年3月前完成方案编制。', '2016-03', 'before', '2016年3月前'],
    ['力争2015年建成投产。', '2015', 'by', '2015年'],
    ['2012年内完成扩容。', '2012', 'by', '2012年内'],
  ])('%s', (text, due, kind, dueText) => {
    expect(dues(text)).toEqual([[due, kind, dueText]]);
  });

  it('reads a recurring deadline as month-days, in either script', () => {
    expect(dues('各地、各部门要于每年6月底和12月底前报送省泛珠办;')).toEqual([
      ['--06-30;--12-31', 'recurring', '每年6月底和12月底前'],
    ]);
    expect(dues('各地、各部門要於每年6月底和12月底前報送省泛珠辦。')).toEqual([
      ['--06-30;--12-31', 'recurring', '每年6月底和12月底前'],
    ]);
    expect(dues('每年3月15日前报送上年度总结。')).toEqual([['--03-15', 'recurring', '每年3月15日前']]);
  });

  it('keeps the sentence, split at 。；; and line ends, and the provision', () => {
    const found = commitments(
      ['chapter', '第二条 合作目标'],
      '一、加快跨界铁路建设。共同配合铁道部加快推进南宁至广州铁路项目建设,2013年前建成通车;加快推进贵阳经桂林至广州铁路项目建设\n2015年底前建成。',
    );
    expect(found.map(({ provision_id, text }) => [provision_id, text])).toEqual([
      ['p1', '共同配合铁道部加快推进南宁至广州铁路项目建设,2013年前建成通车'],
      ['p1', '2015年底前建成'],
    ]);
    expect(found[0]!.document_id).toBe('doc');
  });

  it('finds each target of a sentence with two', () => {
    expect(dues('2011年底拟扩容200G通道容量,到2015年达到500G。').map(([due]) => due)).toEqual([
      '2011-12',
      '2015',
    ]);
  });
});

describe('provisionsToCommitments: dates that are history, not targets', () => {
  it.each([
    '根据2011年2月广东·广西合作交流会达成的共识,制定本框架协议。',
    '根據2011年2月廣東·廣西合作交流會達成的共識,制定本框架協議。',
    '去年九月,泛珠三角九个省会城市共同签署了合作协议。',
    '为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发〔2016〕18号),特制定本方案。',
    '紧密衔接《珠江三角洲地区改革发展规划纲要(2008—2020年)》。',
    '推进实施《珠江水运科学发展行动计划(2016-2020)》。',
    '紧密衔接国家及两省(区)“十二五”规划。',
    '力争用3年时间基本建成。',
    '2005年前后,合作机制初步建立。',
    '2013年前三季度完成投资100亿元。',
    '川办函〔2016〕212号 2016年12月30日',
    '每年推进落实3-5项跨省区合作重点项目。',
    '截至2015年底,已建成跨省通道12条。',
    '截止到2010年6月,累计投资50亿元。',
    '2015年內地與港澳貿易額增長。',
  ])('%s', (text) => {
    expect(dues(text)).toEqual([]);
  });

  it('skips the signature block, the title and the number line', () => {
    expect(
      dues(
        ['title', '关于2015年底前完成合作项目的通知'],
        ['doc-number', '粤府〔2016〕1号 2016年12月30日前'],
        ['signature', '广东省人民政府\n2017年1月20日'],
      ),
    ).toEqual([]);
  });
});

describe('commitments in the seeds', () => {
  const seed = (prefix: string) => {
    const { id, provisions: parsed } = seedProvisions(prefix);
    return provisionsToCommitments(parsed, id);
  };

  it('000: 到“十二五”期末 and 2013年前建成通车', () => {
    const found = seed('000');
    expect(summary(found)).toEqual(
      expect.arrayContaining([
        ['2015', 'end', '到“十二五”期末'],
        ['2013', 'before', '2013年前'],
        ['2011-12', 'end', '2011年底'],
      ]),
    );
    expect(found.find((commitment) => commitment.due === '2013')!.text).toContain('建成通车');
    // 2011年2月 dates the meeting the agreement comes from; (2008—2020年) sits in a cited title.
    expect(found.map((commitment) => commitment.due)).not.toContain('2011-02');
    expect(found.map((commitment) => commitment.due)).not.toContain('2020');
  });

  it('004: 到2020年, and not the issue date', () => {
    const found = seed('004');
    expect(summary(found)).toEqual([['2020', 'by', '到2020年']]);
  });

  it('001: the recurring report deadline', () => {
    expect(summary(seed('001'))).toContainEqual(['--06-30;--12-31', 'recurring', '每年6月底和12月底前']);
  });
});
