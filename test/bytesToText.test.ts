import { describe, it, expect } from 'vitest';
import { bytesToText } from '../pipeline/bytesToText.ts';
import { InputError } from '../pipeline/inputError.ts';
import { encodeLegacy } from './support/encodings.ts';

const sample =
  '广东省人民政府关于印发广东省深化泛珠三角区域合作实施意见的通知\n各地级以上市人民政府:\n现将《实施意见》印发给你们,请认真贯彻执行。\n';
const traditional =
  '廣東省人民政府關於印發廣東省深化泛珠三角區域合作實施意見的通知\n各地級以上市人民政府:\n現將《實施意見》印發給你們,請認真貫徹執行。\n';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'be') le.swap16();
  const prefix = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return new Uint8Array([...prefix, ...le]);
}

describe('bytesToText', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(sample), 'utf-8', false],
    [
      'UTF-8 with BOM',
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]),
      'utf-8',
      true,
    ],
    ['UTF-16 LE with BOM', utf16(sample, 'le', true), 'utf-16le', true],
    ['UTF-16 BE with BOM', utf16(sample, 'be', true), 'utf-16be', true],
    ['UTF-16 LE without BOM', utf16(sample, 'le', false), 'utf-16le', false],
    ['UTF-16 BE without BOM', utf16(sample, 'be', false), 'utf-16be', false],
    ['GBK', encodeLegacy(sample, 'gbk'), 'gb18030', false],
  ] as const)('decodes %s and says how it knew', (_name, bytes, encoding, bom) => {
    const decoded = bytesToText(bytes, 'seed.txt');
    expect(decoded).toMatchObject({ text: sample, encoding, bom });
    expect(decoded.evidence).not.toBe('');
  });

  it('tells Big5 from GBK by plausibility', () => {
    const decoded = bytesToText(encodeLegacy(traditional, 'big5'), 'seed.txt');
    expect(decoded).toMatchObject({ text: traditional, encoding: 'big5' });
    expect(decoded.evidence).toMatch(/big5 plausibility/);
  });

  it.each([
    ['empty', new Uint8Array([]), /empty/],
    ['whitespace only', new TextEncoder().encode(' \n\t\n'), /only whitespace/],
    [
      'binary',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
      /./,
    ],
    ['NUL inside text', new TextEncoder().encode('第一条\n合作\u0000宗旨'), /binary.*control/],
  ])('refuses %s input with the file name and reason', (_name, bytes, reason) => {
    try {
      bytesToText(bytes, 'seeds/bad.txt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/^seeds\/bad\.txt/);
      expect((error as InputError).reason).toMatch(reason);
    }
  });

  it('names the line of binary content and the control character found', () => {
    expect(() => bytesToText(new TextEncoder().encode('一\n二\n三\u0000'), 'x.txt')).toThrow(
      /^x\.txt:3: binary content \(control character U\+0000, NUL\)/,
    );
    expect(() => bytesToText(new TextEncoder().encode('一\n二\u000b三'), 'x.txt')).toThrow(
      /^x\.txt:2: binary content \(control character U\+000B\)/,
    );
  });
});
