// Issue-level guarantees on the real seeds: clean bodies, every change logged, nothing lost.
import { describe, it, expect } from 'vitest';
import { undoAll } from '../pipeline/textEdits.ts';
import { GETA } from '../pipeline/repairGbkShift.ts';
import { SEED_PREFIXES, SITE_CHROME, cleanSeed, seedText } from './support/seeds.ts';

describe('clean seeds', () => {
  it.each(SEED_PREFIXES)('seed %s: undoing every logged change gives back the decoded raw text', (prefix) => {
    const document = cleanSeed(prefix);
    expect(undoAll(document.history.text, document.history.stages)).toBe(seedText(prefix));
  });

  it.each(SEED_PREFIXES)('seed %s: the body holds no site chrome', (prefix) => {
    const { text } = cleanSeed(prefix).history;
    for (const chrome of SITE_CHROME) expect(text, chrome).not.toContain(chrome);
  });

  it('seed 001: no pinyin, no stray ?, no private-use characters, 粵港澳大灣區 repaired, starts at its title', () => {
    const document = cleanSeed('001');
    const { text } = document.history;
    expect(text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?\)/u);
    expect(text).not.toMatch(/\p{Script=Han}\?|\?\p{Script=Han}/u);
    expect(text).not.toMatch(/[\ue000-\uf8ff]/u);
    expect(text).toContain('緊密合作格局基本形成。粵港澳大灣區、珠江');
    expect(text).not.toContain(GETA);
    expect(text.startsWith('廣東省人民政府關于印發廣東省深化')).toBe(true);
    const pinyin = document.history.stages.find((stage) => stage.stage === 'pinyin')!;
    expect(pinyin.edits).toHaveLength(1266);
  });

  it.each([
    ['000', '“十二五”粤桂战略合作框架协议', '两省(区)每年共同协商和推动落实本协议的年度重点工作。'],
    [
      '001',
      '廣東省人民政府關于印發廣東省深化',
      '(省發展改革委牽頭,省有關單位及有關地級以上市政府等按職責分工負責)',
    ],
    ['002', '四川省人民政府办公厅', '开发行四川省分行、各市(州)人民政府'],
    ['003', '广州市人民政府办公厅印发关于推进我市与泛珠三角省会城市合作与发展意见的通知', '2005年11月3日'],
    ['004', '湖南省人民政府', '(省发改委牵头,各相关单位、各市州政府按分工负责)'],
  ])('seed %s starts at its title and ends at its last sentence or date', (prefix, start, end) => {
    const { text } = cleanSeed(prefix).history;
    expect(text.startsWith(start)).toBe(true);
    expect(text.trimEnd().endsWith(end)).toBe(true);
  });
});
