// The reading site's pure parts: thin generated pages, the dictionary, script conversion, text
// cutting, due dates and filters. The built site is tested in test/browser/.
import { describe, it, expect } from 'vitest';
import { recordToPage, recordsToPages } from '../pipeline/recordsToPages.ts';
import { LABELS, label } from '../site/lib/labels.ts';
import { convert, convertHtml } from '../site/lib/script.ts';
import { splitHead, linkCitations, provisionTree } from '../site/lib/text.ts';
import { isPast, formatDate, formatRecurring, visible } from '../site/lib/format.ts';
import { makeCtx, normaliseBase } from '../site/lib/ctx.ts';
import { themeOf } from '../site/lib/themes.ts';
import type { Provision, Reference } from '../pipeline/generated/model.ts';

describe('generated MDX pages', () => {
  it('hold an id and one component call, nothing of the document', () => {
    const page = recordToPage('yuefu-2017-8', false);
    expect(page.split('\n').length).toBeLessThanOrEqual(12);
    expect(page).toContain('id: yuefu-2017-8');
    expect(page).toContain(`<DocumentPage id="yuefu-2017-8" view={props.view} />`);
    expect(page).not.toMatch(/[\u4e00-\u9fff]/);
    expect(page).not.toContain('import Notes');
  });

  it('import the hand-written commentary when there is one', () => {
    const page = recordToPage('yuefu-2017-8', true);
    expect(page).toContain(`import Notes from '~notes/yuefu-2017-8.mdx';`);
    expect(page).toMatch(
      /<DocumentPage id="yuefu-2017-8" view=\{props.view\}>\s*<Notes \/>\s*<\/DocumentPage>/,
    );
  });

  it('refuse an id that could be MDX or a path', () => {
    for (const id of ['a"b', 'x{1}', '../etc', 'Abc', 'a b', '', 'a--b']) {
      expect(() => recordToPage(id, false)).toThrow(/not a safe id/);
    }
  });

  it('are one per record, and notes without a record are reported', () => {
    const result = recordsToPages([{ id: 'a-1' }, { id: 'b-2' }], new Set(['b-2', 'gone-3']));
    expect([...result.files.keys()]).toEqual(['a-1.mdx', 'b-2.mdx']);
    expect(result.files.get('b-2.mdx')).toContain('Notes');
    expect(result.orphanNotes).toEqual(['gone-3']);
    expect(() => recordsToPages([{ id: 'a-1' }, { id: 'a-1' }], new Set())).toThrow(/two records/);
  });
});

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
