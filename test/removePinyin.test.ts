import { describe, it, expect } from 'vitest';
import { removePinyin } from '../pipeline/removePinyin.ts';
import { applyEdits } from '../pipeline/textEdits.ts';

const clean = (text: string) => applyEdits(text, removePinyin(text)).text;

describe('removePinyin', () => {
  it('removes readings of the preceding character, stray spaces included', () => {
    expect(clean('泛珠三角區(qū)域合作實施意見印發(fā)給你們,會(huì )議')).toBe(
      '泛珠三角區域合作實施意見印發給你們,會議',
    );
  });

  it('accepts any reading of a polyphonic character', () => {
    expect(clean('數(shù)據(jù)、數(shǔ)一數(shǔ)')).toBe('數據、數一數');
  });

  it('keeps genuine parentheses', () => {
    const text =
      '推廣政府和社會資本合作(PPP)模式,CEPA(CEPA)框架,IPv6(IPv6),規劃綱要(2008—2020年),(以下簡稱《意見》),兩省(區)';
    expect(removePinyin(text)).toEqual([]);
  });

  it('keeps a reading that does not belong to the preceding character', () => {
    expect(removePinyin('發(qū)展')).toEqual([]);
  });
});
