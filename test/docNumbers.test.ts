import { describe, it, expect } from 'vitest';
import { findDocNumbers, parseDocNumber } from '../pipeline/docNumbers.ts';
import { ownDocNumber, idFromDocNumber, idFromTitle } from '../pipeline/documentId.ts';

describe('document numbers', () => {
  it.each([
    ['粵府〔2017〕8號', '粤府〔2017〕8号'],
    ['穗府办[2005]48号', '穗府办〔2005〕48号'],
    ['国发﹝2016﹞18号', '国发〔2016〕18号'],
    ['粤府 [ 2004 ] 129 号', '粤府〔2004〕129号'],
    ['粤府2017年8号', '粤府〔2017〕8号'],
    ['闽政〔2016〕第35号', '闽政〔2016〕35号'],
  ])('canonicalises %s', (raw, canonical) => {
    expect(parseDocNumber(raw)?.canonical).toBe(canonical);
  });

  it('finds citations in prose without the words before them', () => {
    const found = findDocNumbers('根据《指导意见》(国发〔2016〕18号)和省政府《意见》(粤府[2004)129号)');
    expect(found.map((number) => number.canonical)).toEqual(['国发〔2016〕18号', '粤府〔2004〕129号']);
  });

  it('finds no number where only a prose word stands before the year, and places the issuer code exactly', () => {
    expect(findDocNumbers('泛珠概况意见〔1000〕0号 印发〔2016〕18号')).toEqual([]);
    expect(ownDocNumber('意见〔2016〕18号\n')).toBeUndefined();
    const [number] = findDocNumbers('粤府见粤府〔2017〕8号');
    expect(number).toMatchObject({ raw: '粤府〔2017〕8号', canonical: '粤府〔2017〕8号', index: 3 });
  });

  it('takes the page’s own number from a line of its own or a 文号 field, not from citations', () => {
    expect(ownDocNumber('为贯彻(国发〔2016〕18号)\n川办函〔2016〕212号 2016年12月30日\n')?.canonical).toBe(
      '川办函〔2016〕212号',
    );
    expect(ownDocNumber('发布部门: 广州市\n发布文号: 穗府办[2005]48号\n')?.canonical).toBe(
      '穗府办〔2005〕48号',
    );
    expect(ownDocNumber('根据(国发〔2016〕18号)制定')).toBeUndefined();
  });

  it('derives readable ids', () => {
    expect(idFromDocNumber(parseDocNumber('粵府〔2017〕8號')!)).toBe('yuefu-2017-8');
    expect(idFromDocNumber(parseDocNumber('川办函〔2016〕212号')!)).toBe('chuanbanhan-2016-212');
    expect(idFromTitle('“十二五”粤桂战略合作框架协议')).toBe('shier-wu-yue-gui-zhanlve-hezuo-kuangjia-xieyi');
  });

  it('writes an issuer code without pinyin as code points, so the id is still a valid one', () => {
    expect(idFromDocNumber(parseDocNumber('𠀀𠀁〔2016〕18号')!)).toBe('u20000u20001-2016-18');
    expect(idFromTitle('../../etc/passwd关于推进合作的通知')).toMatch(/^[a-z0-9][a-z0-9-]*$/u);
    expect(idFromTitle('\u202e/../')).toBe('untitled');
  });
});
