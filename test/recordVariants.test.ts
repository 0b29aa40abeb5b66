// Documents derived from the seeds that the code was never written against go through the whole
// pipeline with no code change and give the same counts.
import { describe, it, expect } from 'vitest';
import * as OpenCC from 'opencc-js';
import { seedText } from './support/seeds.ts';
import { buildSeeds, utf8 } from './support/build.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

describe('derived documents', () => {
  it('002 in traditional script inside another site’s chrome: same number, date, status and 34 tasks', () => {
    const page = [
      '首頁 | 政務公開 | 政策法規 | 互動交流',
      '您的位置:首頁 > 政策法規 > 省政府辦公廳文件',
      '發布日期:2017-01-05 來源:四川省人民政府網站 瀏覽次數:1024',
      '',
      toTraditional(seedText('002')).trimEnd(),
      '',
      '【打印本頁】【關閉窗口】',
      '版權所有:四川省人民政府辦公廳 ICP備案號:蜀ICP備05003828號',
    ].join('\r\n');
    const result = buildSeeds([{ path: 'variants/sichuan-traditional.txt', bytes: utf8(page) }]);
    expect(result.failures.map((failure) => failure.message)).toEqual([]);
    const [document] = result.documents;
    expect(document).toMatchObject({
      id: 'chuanbanhan-2016-212',
      doc_number: '川办函〔2016〕212号',
      issued_date: '2016-12-30',
      status: 'no-longer-in-force',
      script: 'zh-Hant',
      regions: ['CN-SC'],
      repost: { date: '2017-01-05' },
    });
    expect(document!.tasks).toHaveLength(34);
    const customs = document!.tasks.find((task) => task.label.includes('大通關'));
    expect(customs?.agencies.find((agency) => agency.role === 'lead')?.agency_id).toBe(
      'cn-sc-chengdu-haiguan',
    );
  });

  it('000 renumbered and re-wrapped: 13 chapters, 49 articles, parties CN-GD and CN-GX', () => {
    const rewrapped = seedText('000')
      .replace(/\n\s*\n/gu, '\n') // no blank lines between paragraphs
      .replace(/^ +/gmu, '') // no indentation
      .replace(/(第[一二三四五六七八九十]+条) ([^\n]{2,12})\n/gu, '$1 $2 ') // article headings run into their text
      .replace(/^([一二三四五六七八九十]+)、/gmu, '($1)'); // items numbered (一) instead of 一、
    const result = buildSeeds([{ path: 'variants/yuegui-rewrapped.txt', bytes: utf8(rewrapped) }]);
    expect(result.failures.map((failure) => failure.message)).toEqual([]);
    const [document] = result.documents;
    expect(document!.provisions.filter((provision) => provision.kind === 'chapter')).toHaveLength(13);
    expect(document!.provisions.filter((provision) => provision.kind === 'article')).toHaveLength(49);
    expect(document!.regions).toEqual(['CN-GD', 'CN-GX']);
    expect(document!.issued_date).toBeNull();
    expect(document!.commitments.map((commitment) => commitment.due)).toEqual(
      expect.arrayContaining(['2015', '2013']),
    );
  });
});
