import { describe, it, expect } from 'vitest';
import { cleanToMetadata, detectScript, findDate, splitRecipients } from '../pipeline/cleanToMetadata.ts';
import { cleanToProvisions } from '../pipeline/cleanToProvisions.ts';
import { regionOfName, regionsInTitle } from '../pipeline/regions.ts';
import type { AppliedEdit } from '../pipeline/textEdits.ts';

const chrome = (rule: string, original: string): AppliedEdit => ({
  start: 0,
  end: original.length,
  replacement: '',
  original,
  outStart: 0,
  kind: 'chrome',
  rule,
  confidence: 0.9,
});

describe('metadata helpers', () => {
  it.each([
    ['2017年1月20日', '2017-01-20'],
    ['二〇一六年十月二十四日', '2016-10-24'],
    ['日期:2016-07-12 作者:', '2016-07-12'],
    ['2017年2月30日', null],
    ['无日期', null],
  ])('reads the date in %s', (text, date) => {
    expect(findDate(text)).toBe(date);
  });

  it('tells the script', () => {
    expect(detectScript('廣東省人民政府關於印發實施意見的通知')).toBe('zh-Hant');
    expect(detectScript('广东省人民政府关于印发实施意见的通知')).toBe('zh-Hans');
  });

  it('keeps 主送 groups whole', () => {
    expect(splitRecipients('各市(州)人民政府,省政府各部门、各直属机构,有关单位:\n')).toEqual([
      '各市(州)人民政府',
      '省政府各部门、各直属机构',
      '有关单位',
    ]);
  });

  it('maps names and titles to regions', () => {
    expect(regionOfName('广州市人民政府办公厅')).toBe('CN-GD');
    expect(regionOfName('廣西壯族自治區人民政府')).toBe('CN-GX');
    expect(regionOfName('国务院')).toBe('CN');
    expect(regionsInTitle('“十二五”粤桂战略合作框架协议')).toEqual(['CN-GD', 'CN-GX']);
    expect(regionsInTitle('关于加强港口建设的意见')).toEqual([]);
  });
});

describe('cleanToMetadata', () => {
  const body = [
    '福建省人民政府办公厅',
    '关于印发闽赣合作实施方案的通知',
    '闽政办〔2018〕12号',
    '各设区市人民政府,平潭综合实验区管委会,省直各单位:',
    '现将《闽赣合作实施方案》印发给你们,请认真贯彻执行。',
    '福建省人民政府办公厅',
    '二〇一八年三月五日',
    '闽赣合作实施方案',
    '一、总体要求',
    '到2020年,基本建成合作机制。',
    '',
  ].join('\n');

  it('reads a document it was not written against, keeping the repost date apart', () => {
    const { provisions } = cleanToProvisions(body, 'minzhengban-2018-12');
    const metadata = cleanToMetadata(
      provisions,
      [
        chrome('repost-byline', '来源:江西日报 2018-03-09 10:00\n'),
        chrome('status-annotation', '【现行有效】\n'),
      ],
      undefined,
      body,
    );
    expect(metadata).toMatchObject({
      title: '闽赣合作实施方案',
      notice_title: '福建省人民政府办公厅关于印发闽赣合作实施方案的通知',
      issuers: ['福建省人民政府办公厅'],
      issued_date: '2018-03-05',
      repost: { date: '2018-03-09', site: '江西日报' },
      status: 'in-force',
      doc_type: 'plan',
      script: 'zh-Hans',
      regions: ['CN-FJ', 'CN-JX'],
    });
  });

  it('leaves unknown things unknown', () => {
    const text = '某某合作备忘录\n双方同意加强合作。\n';
    const metadata = cleanToMetadata(cleanToProvisions(text, 'x').provisions, [], undefined, text);
    expect(metadata).toMatchObject({
      issued_date: null,
      status: 'unknown',
      repost: { date: null, site: null },
    });
  });
});
