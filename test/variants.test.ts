// The same documents saved differently must give byte-identical clean text: the pipeline was not
// tuned on these variants.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { bytesToText } from '../pipeline/bytesToText.ts';
import { encodeLegacy } from './support/encodings.ts';
import { SEED_FILES, cleanSeed, seedBytes, seedPath } from './support/seeds.ts';

const prefixes = SEED_FILES.map((name) => name.slice(0, 3));
const textOf = (prefix: string) => bytesToText(seedBytes(prefix), seedPath(prefix)).text;

const variants: Record<string, (text: string) => Uint8Array | undefined> = {
  'UTF-8 with BOM': (text) => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]),
  'UTF-16 LE with BOM': (text) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]),
  'UTF-16 BE with BOM': (text) => new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]),
  'UTF-16 LE without BOM': (text) => new Uint8Array(Buffer.from(text, 'utf16le')),
  CRLF: (text) => new Uint8Array(Buffer.from(text.replace(/\n/gu, '\r\n'), 'utf8')),
  'lone CR': (text) => new Uint8Array(Buffer.from(text.replace(/\n/gu, '\r'), 'utf8')),
  // An independent encoder: Python's codec, not the decoder tables this project derives its own from.
  GB18030: (text) =>
    new Uint8Array(
      execFileSync(
        'python3',
        ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'],
        {
          input: text,
        },
      ),
    ),
  GBK: (text) => {
    try {
      return encodeLegacy(text, 'gbk');
    } catch {
      return undefined; // a character GBK cannot hold (e.g. a no-break space): not a GBK page
    }
  },
};

describe('variants of the seeds', () => {
  for (const prefix of prefixes) {
    const expected = cleanSeed(prefix).history.text;
    for (const [name, encode] of Object.entries(variants)) {
      const bytes = encode(textOf(prefix));
      it.skipIf(bytes === undefined)(`seed ${prefix} saved as ${name} gives the same clean text`, () => {
        expect(cleanSeed(prefix, bytes!, seedPath(prefix)).history.text).toBe(expected);
      });
    }
  }

  it('seed 002 inside another site’s chrome gives the same clean text', () => {
    const wrapped = [
      '网站首页 | 政务公开 | 政策文件 | 办事服务 | 互动交流',
      '当前位置:首页 > 政策文件 > 省政府办公厅文件',
      '发布时间:2017-01-05 10:00 来源:四川省人民政府网站 字体:[大 中 小]',
      '',
      textOf('002').trimEnd(),
      '',
      '【打印本页】【关闭窗口】',
      '主办:四川省人民政府办公厅 版权所有',
      '',
    ].join('\n');
    const bytes = new Uint8Array(Buffer.from(wrapped, 'utf8'));
    expect(cleanSeed('002', bytes, seedPath('002')).history.text).toBe(cleanSeed('002').history.text);
  });
});
