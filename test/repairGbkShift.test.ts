import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { repairGbkShift, GETA } from '../pipeline/repairGbkShift.ts';
import { twoByteCode } from '../pipeline/gbkBytes.ts';
import { applyEdits } from '../pipeline/textEdits.ts';
import { garble } from '../scripts/corpus/garble.ts';

const repair = (text: string) => applyEdits(text, repairGbkShift(text)).text;

describe('repairGbkShift', () => {
  it('realigns a run that ends on an ASCII trail byte, marking the lost character', () => {
    expect(repair('格局基本形成?;浉郯拇鬄硡^(qū)、珠江')).toBe(`格局基本形成${GETA}粵港澳大灣區(qū)、珠江`);
  });

  it('restores folded full-width punctuation inside a run', () => {
    expect(repair('水平明顯提高??鐓^(qū)域')).toBe(`水平明顯提高${GETA}跨區(qū)域`);
  });

  it('uses the reading after the first ? to recover the lost byte', () => {
    // 驅 (qū) = the last byte of 域 + the lost lead byte of 對.
    expect(repair('區域?qū)ν饪萍冀涣骱献骰\ue2a6亍⒅\ue036R產')).toBe('區域對外科技交流合作基地、知識產');
  });

  it('ends a run at ? + reading, taking the swallowed reading with it', () => {
    expect(repair('粵桂瓊?cè)\ue41d蠛Q蠼?jīng)濟合作圈')).toBe('粵桂瓊三大海洋經濟合作圈');
  });

  it('reads Windows code page 936 private-use codes', () => {
    expect(repair('完善區域?qū)@\ue361\ue30f矸\ue848照\\信建設')).toBe('完善區域專利代理服務誠信建設');
  });

  it('leaves genuine question marks and parentheses alone', () => {
    const text = '这是为什么? 因为(CEPA)的规定。谁负责?\n';
    expect(repairGbkShift(text)).toEqual([]);
  });

  it('marks private-use characters and unexplained ? between Chinese characters for review', () => {
    const edits = repairGbkShift('加強PM2\ue0105治理,我們?你們');
    expect(edits.map((edit) => edit.rule)).toEqual(['private-use-character', 'unreadable-question-mark']);
    expect(edits.every((edit) => edit.replacement === GETA && edit.confidence < 1)).toBe(true);
  });

  it('repairs runs garbled from text it was not tuned on (seed 002 in traditional script)', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
    const sentence = toTraditional(
      '建立毗邻省区间发展规划衔接机制,深化与云南、贵州等省区区域合作,共同争取将赤水河区域规划列入国家级区域规划,推动空间布局协调、时序安排同步。',
    );
    const chars = [...sentence];
    let tried = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: chars.length - 3 }),
        fc.integer({ min: 2, max: 12 }),
        (start, length) => {
          const end = Math.min(chars.length, start + length);
          const garbled = garble(sentence, start, end);
          if (!garbled) return;
          tried++;
          const expected = [...chars.slice(0, start), GETA, ...chars.slice(start + 1)].join('');
          expect(repair(garbled)).toBe(expected);
        },
      ),
      { numRuns: 300, seed: 2017 },
    );
    expect(tried).toBeGreaterThan(5);
  });

  it('derives two-byte codes from the decoder', () => {
    expect(twoByteCode('區')).toEqual([0x85, 0x5e]);
    expect(twoByteCode('\ue848')).toEqual([0xfe, 0x84]);
  });
});
