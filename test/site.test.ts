// The reading site's pure parts: the dictionary, script conversion, text
// cutting, due dates and filters. The built site is tested in test/browser/.
import { describe, it, expect } from 'vitest';
import { LABELS, label } from '../site/lib/labels.ts';
import { convert, convertHtml } from '../site/lib/script.ts';
import { splitHead, linkCitations, provisionTree } from '../site/lib/text.ts';
import { isPast, formatDate, formatRecurring, visible, visibleParts } from '../site/lib/format.ts';
import { makeCtx, normaliseBase } from '../site/lib/ctx.ts';
import { themeOf } from '../site/lib/themes.ts';
import type { Document, Provision, Reference } from '../pipeline/generated/model.ts';
import { byDate, siblingsOf } from '../site/lib/data.ts';
import fc from 'fast-check';

describe('interface dictionary', () => {
  it('has every label in simplified, traditional and English', () => {
    for (const [key, entry] of Object.entries(LABELS)) {
      for (const locale of ['zh-Hans', 'zh-Hant', 'en'] as const) {
        expect(entry[locale].trim(), `${key} ${locale}`).not.toBe('');
      }
      // The traditional label is the simplified one in traditional script.
      expect(convert(entry['zh-Hant'], 'zh-Hans'), key).toBe(convert(entry['zh-Hans'], 'zh-Hans'));
    }
  });

  it('fills placeholders', () => {
    expect(label('docCount', 'zh-Hans', { n: 3 })).toBe('3 份文件');
    expect(label('docCount', 'en', { n: 3 })).toBe('3 document(s)');
  });
});

describe('script conversion', () => {
  it('converts both ways and leaves text in its own script alone', () => {
    expect(convert('廣東省深化泛珠三角區域合作實施意見', 'zh-Hans')).toBe(
      '广东省深化泛珠三角区域合作实施意见',
    );
    expect(convert('“十二五”粤桂战略合作框架协议', 'zh-Hant')).toBe('“十二五”粵桂戰略合作框架協議');
    expect(convert('廣東', 'zh-Hant', 'zh-Hant')).toBe('廣東');
  });

  it('converts only the text of HTML, not tags, attributes, entities or code', () => {
    const html = '<p title="广东">广东<code>广东</code> &amp; <a href="/广东/">广东</a></p>';
    expect(convertHtml(html, 'zh-Hant')).toBe(
      '<p title="广东">廣東<code>广东</code> &amp; <a href="/广东/">廣東</a></p>',
    );
  });
});

const provision = (fields: Partial<Provision>): Provision => ({
  id: 'p',
  document_id: 'd',
  parent_id: null,
  kind: 'item',
  label: null,
  heading: null,
  text: '',
  position: 0,
  depth: 0,
  ...fields,
});

describe('provision text', () => {
  it('splits the printed head from the body without losing a character', () => {
    const text = '  (一)优化区域经济发展格局。建立毗邻省区间发展规划衔接机制。\n';
    const blocks = splitHead(provision({ label: '(一)', heading: '优化区域经济发展格局', text }));
    expect(blocks.head).toBe('(一)优化区域经济发展格局。');
    expect((blocks.head ?? '') + blocks.lines.join('')).toBe(text.trim());
    const chapter = splitHead(
      provision({ kind: 'chapter', label: '第一章', heading: '总 则', text: '  第一章 总 则\n\n' }),
    );
    expect(chapter).toEqual({ head: '第一章 总 则', lines: [] });
  });

  it('joins a title broken over lines', () => {
    const blocks = splitHead(
      provision({
        kind: 'title',
        text: '廣東省人民政府關于印發廣東省深化\n\n  泛珠三角區域合作實施意見的通知\n\n',
      }),
    );
    expect(blocks.lines).toEqual(['廣東省人民政府關于印發廣東省深化泛珠三角區域合作實施意見的通知']);
  });

  it('links every citation and keeps the rest as text', () => {
    const reference: Reference = {
      document_id: 'd',
      provision_id: 'p',
      relation: 'implements',
      cited_title: '国务院关于深化泛珠三角区域合作的指导意见',
      cited_doc_number: '国发〔2016〕18号',
      cited_doc_number_raw: '国发﹝2016﹞18号',
      target_document_id: null,
      target_external_id: 'guofa-2016-18',
    };
    const text =
      '为贯彻落实《国务院关于深化泛珠三角区域合作的指导意见》(国发﹝2016﹞18号),<script>{x}</script>';
    const pieces = linkCitations(text, [reference]);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.filter((piece) => piece.reference).map((piece) => piece.text)).toEqual([
      '国务院关于深化泛珠三角区域合作的指导意见',
      '国发﹝2016﹞18号',
    ]);
  });

  it('nests provisions by parent', () => {
    const tree = provisionTree([
      provision({ id: 'a', position: 0 }),
      provision({ id: 'a-1', parent_id: 'a', position: 1 }),
      provision({ id: 'b', position: 2 }),
    ]);
    expect(tree.map((node) => [node.provision.id, node.children.map((child) => child.provision.id)])).toEqual(
      [
        ['a', ['a-1']],
        ['b', []],
      ],
    );
  });
});

describe('dates and raw text', () => {
  it('marks commitments whose date has passed', () => {
    expect(isPast({ due: '2020', due_kind: 'by' }, '2021-01-01')).toBe(true);
    expect(isPast({ due: '2020', due_kind: 'by' }, '2020-12-31')).toBe(false);
    expect(isPast({ due: '2011-12', due_kind: 'end' }, '2011-12-31')).toBe(false);
    expect(isPast({ due: '2011-12', due_kind: 'end' }, '2012-01-01')).toBe(true);
    expect(isPast({ due: '--06-30;--12-31', due_kind: 'recurring' }, '2030-01-01')).toBe(false);
  });

  it('formats dates the Chinese way', () => {
    expect(formatDate('2017-01-20')).toBe('2017年1月20日');
    expect(formatDate('2011-12')).toBe('2011年12月');
    expect(formatRecurring('--06-30;--12-31')).toBe('6月30日、12月31日');
  });

  it('makes invisible characters visible', () => {
    expect(visible('a\u202eb\u200bc\n')).toBe('a⟨U+202E⟩b⟨U+200B⟩c↵');
  });

  it('shows every bidi control and zero-width character as a named code point, never the character', () => {
    const bidi = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const zeroWidth = '\u200b\u200c\u200d\u2060\ufeff';
    const parts = visibleParts(`甲${bidi}乙${zeroWidth}丙\u00ad\u{e0041}\ufffe\ud800\t\r\n丁`, true);
    const text = parts.map((part) => (typeof part === 'string' ? part : part.shown)).join('');
    expect(text).not.toMatch(/[\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}\r\t]/u);
    expect(parts.filter((part) => typeof part === 'string')).toEqual(['甲', '乙', '丙', '\n', '丁']);
    const names = parts.filter((part) => typeof part !== 'string').map((part) => part.name);
    expect(names).toHaveLength(bidi.length + zeroWidth.length + 7);
    expect(names).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(names).toContain('U+061C ARABIC LETTER MARK');
    expect(names).toContain('U+2069 POP DIRECTIONAL ISOLATE');
    expect(names).toContain('U+FEFF ZERO WIDTH NO-BREAK SPACE');
    expect(names).toContain('U+E0041 format character');
    expect(names).toContain('U+FFFE noncharacter');
    expect(names).toContain('U+D800 lone surrogate');
    expect(text).toBe(
      '甲⟨U+061C⟩⟨U+200E⟩⟨U+200F⟩⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩' +
        '乙⟨U+200B⟩⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩丙⟨U+00AD⟩⟨U+E0041⟩⟨U+FFFE⟩⟨U+D800⟩→␍↵\n丁',
    );
  });
});

describe('URLs', () => {
  it('keep every link under the base path, in the right script', () => {
    expect(normaliseBase('archive')).toBe('/archive/');
    expect(normaliseBase('/')).toBe('/');
    const hans = makeCtx('zh-Hans', '/archive/');
    const hant = makeCtx('zh-Hant', '/archive');
    expect(hans.url('agencies/cn-gd-fagaiwei/')).toBe('/archive/agencies/cn-gd-fagaiwei/');
    expect(hant.url('agencies/cn-gd-fagaiwei/')).toBe('/archive/zh-hant/agencies/cn-gd-fagaiwei/');
    const original = { id: 'yuefu-2017-8', script: 'zh-Hant' as const };
    expect(hant.doc(original, 's1')).toBe('/archive/documents/yuefu-2017-8/#s1');
    expect(hans.doc(original)).toBe('/archive/documents/yuefu-2017-8/');
    expect(hans.doc(original, undefined, 'zh-Hans')).toBe('/archive/documents/yuefu-2017-8/zh-hans/');
    expect(hans.file('feed.xml')).toBe('/archive/feed.xml');
  });
});

describe('themes', () => {
  it('puts differently worded headings of the same subject together', () => {
    expect(themeOf('1. 優化區域經濟發展格局', '')).toBe(themeOf('(一) 优化区域经济发展格局', ''));
    expect(themeOf('1、 构建综合交通运输体系', '')).toBe('themeTransport');
  });
});

describe('siblings', () => {
  const doc = (id: string, issued: string | null) => ({ id, issued_date: issued }) as unknown as Document;

  it('shows the nearest in date, a window around the document, in date order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 15 }),
        (days, own, limit) => {
          const date = (day: number) =>
            `2016-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
          const siblings = days.map((day) => doc(`d${day}`, date(day))).sort((a, b) => byDate(a, b));
          const document = doc(`own${own}`, date(own));
          // The peers: the siblings and the document itself, in date order.
          const peers = [...siblings, document].sort((a, b) => byDate(a, b));
          const { nearest: shown, count } = siblingsOf(document, peers, limit);
          expect(count).toBe(siblings.length);
          // The linear definition: the first sibling after the document, and a window around it.
          const after = siblings.findIndex((sibling) => byDate(sibling, document) > 0);
          const position = after === -1 ? siblings.length : after;
          const start = Math.min(Math.max(0, position - Math.floor(limit / 2)), siblings.length - limit);
          expect(shown).toEqual(siblings.length <= limit ? siblings : siblings.slice(start, start + limit));
        },
      ),
      { numRuns: 300 },
    );
  });
});
