import { describe, it, expect } from 'vitest';
import { textToBody } from '../pipeline/textToBody.ts';
import { applyEdits } from '../pipeline/textEdits.ts';
import { SEED_PREFIXES, SITE_CHROME, seedText } from './support/seeds.ts';

const PINYIN = /\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+) ?\)/g;

function extract(text: string) {
  const { edits, problems } = textToBody(text);
  const { text: body, applied } = applyEdits(text, edits);
  return { body, applied, edits, problems };
}

const bodyOf = (text: string) => extract(text).body;

/** Removed lines by rule, each trimmed. */
function removed(text: string, rule: string): string[] {
  return extract(text)
    .applied.filter((edit) => edit.rule === rule)
    .map((edit) => edit.original.trim());
}

const lines = (...parts: string[]) => parts.join('\n');

const DOC = lines(
  '关于加强区域交通合作的通知',
  '',
  '各有关单位:',
  '',
  '  为推进区域合作,现就有关事项通知如下。',
  '',
  '  一、加快跨界铁路建设。',
  '',
  '某某省人民政府',
  '2016年1月5日',
  '',
);

describe('textToBody: finding the title', () => {
  it('removes everything before the title, navigation and breadcrumbs by name', () => {
    const page = lines('首页 资讯中心 专题 经贸产业', '微信门户', '', '当前位置:首页 > 政策文件', '', DOC);
    const { body, applied } = extract(page);
    expect(body).toBe(DOC);
    expect(applied.map((edit) => edit.rule)).toEqual([
      'navigation',
      'before-title',
      'breadcrumb',
      'before-title',
    ]);
  });

  it('takes issuer and 关于 lines above the title line into a title block, blank lines between', () => {
    const block = lines(
      '  湖南省人民政府',
      '',
      '  关于印发《某某合作',
      '',
      '  实施方案》的通知',
      '',
      '  正文第一句。',
      '',
    );
    expect(bodyOf(lines('我向泛珠', '捎句话', '', block))).toBe(block.trimStart());
  });

  it('does not take short page furniture above a one-line title into it', () => {
    expect(
      bodyOf(lines('我向泛珠', '捎句话', '', '“十二五”粤桂战略合作框架协议', '', '  正文。', '')),
    ).toMatch(/^“十二五”粤桂战略合作框架协议\n/);
  });

  it('continues a title broken inside 《…》 onto the next line', () => {
    const doc = lines('关于印发《泛珠三角区域合作发展规划', '纲要》的通知', '各省人民政府:', '正文。', '');
    expect(bodyOf(lines('通知公告', doc))).toBe(doc);
  });

  it('accepts a parenthetical after the document-type word', () => {
    const doc = lines('泛珠三角区域合作项目管理办法（试行）', '第一条 为规范管理,制定本办法。', '');
    expect(bodyOf(lines('通知公告', doc))).toBe(doc);
  });

  it('removes a page heading repeated by the title block below it, and what stands between', () => {
    const title = lines('  某某省人民政府关于印发某某', '', '  合作实施意见的通知', '', '  正文。', '');
    const page = lines(
      '政聲傳遞',
      '',
      '某某省人民政府关于印发某某合作实施意见的通知',
      '粵府〔2017〕8號',
      '瀏覽次數:593',
      '',
      title,
    );
    const { body, applied } = extract(page);
    expect(body).toBe(title.trimStart());
    expect(removed(page, 'page-heading')).toEqual(['某某省人民政府关于印发某某合作实施意见的通知']);
    expect(applied.find((edit) => edit.rule === 'site-field')).toMatchObject({
      original: '粵府〔2017〕8號\n',
      note: '文号',
    });
  });

  it('keeps a document number below the title, which belongs to the document', () => {
    const doc = lines('某某省人民政府关于某某合作的通知', '', '  湘政发〔2016〕21号', '', '  正文。', '');
    expect(bodyOf(doc)).toBe(doc);
  });

  it('starts at a reposted document after a lead-in, not at the news headline', () => {
    const reposted = lines('湖南省深化泛珠三角区域合作实施方案', '一、总体要求。', '');
    const page = lines(
      '省政府印发深化泛珠合作实施方案',
      '2016-10-25 08:30 来源:湖南日报',
      '近日,省政府印发《湖南省深化泛珠三角区域合作实施方案》,内容如下:',
      reposted,
    );
    expect(bodyOf(page)).toBe(reposted);
    expect(removed(page, 'repost-lead-in')).toHaveLength(1);
  });

  it('removes a lead-in line below the title when the reposted text has no title of its own', () => {
    const page = lines('粤桂两省区签署合作框架协议', '', '原文如下:', '', '  正文第一句。', '');
    expect(bodyOf(page)).toBe(lines('粤桂两省区签署合作框架协议', '', '  正文第一句。', ''));
  });

  it('reports a page without a title and removes only unmistakable chrome', () => {
    const page = lines('首页 资讯中心 专题 经贸', '浏览量:12', '这是一段没有标题的文字。', '');
    const { body, problems } = extract(page);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/no document title/);
    expect(body).toBe('这是一段没有标题的文字。\n');
  });

  it('reports a title with no text after it', () => {
    expect(extract(lines('关于加强区域交通合作的通知', '相关新闻', '某条新闻')).problems[0]).toMatch(
      /no body text/,
    );
  });
});

describe('textToBody: chrome inside the body', () => {
  it('removes bylines in their three forms but keeps a signature date and a meeting time', () => {
    const bylines = ['日期:2016-07-12 作者: 来源:南宁日报', '来源:华容县政府   2016-10-24 13:56'];
    bylines.push('2017年5月30日  济南专利侵权纠纷律师 http://www.kjhqbs.com/');
    const kept = lines('时间:2017年3月1日上午9:00', '2005年11月3日', '');
    const page = lines('关于召开区域合作会议的通知', ...bylines, '各有关单位:', kept);
    expect(removed(page, 'repost-byline')).toEqual(bylines);
    expect(bodyOf(page)).toBe(lines('关于召开区域合作会议的通知', '各有关单位:', kept));
  });

  it('removes view counters and site fields, the field label as note', () => {
    const page = lines(
      '关于区域合作的意见',
      '浏览量:1 | | | |',
      '发布部门: 某某市人民政府办公厅',
      '发布文号: 穗府办[2005]48号',
      '正文。',
      '',
    );
    const { body, applied } = extract(page);
    expect(body).toBe(lines('关于区域合作的意见', '正文。', ''));
    expect(applied.map((edit) => [edit.rule, edit.note])).toEqual([
      ['view-counter', '浏览量'],
      ['site-field', '发布部门'],
      ['site-field', '发布文号'],
    ]);
  });

  it('removes status annotations on their own line but keeps the document’s own parentheses', () => {
    const page = lines('关于区域合作的意见', '(已失效)', '【现行有效】', '正文。', '(此件主动公开)', '');
    expect(removed(page, 'status-annotation')).toEqual(['(已失效)', '【现行有效】']);
    expect(bodyOf(page)).toBe(lines('关于区域合作的意见', '正文。', '(此件主动公开)', ''));
  });

  it('leaves no blank-line debris where chrome stood between blank lines', () => {
    const page = lines('关于区域合作的意见', '', '日期:2016-07-12 作者: 来源:南宁日报', '', '  正文。', '');
    expect(bodyOf(page)).toBe(lines('关于区域合作的意见', '', '  正文。', ''));
    expect(removed(page, 'blank-line')).toEqual(['']);
  });

  it('removes a widget line just below the title without ending the document there', () => {
    const page = lines('关于区域合作的意见', '【字体:大 中 小】【打印】', '正文。', '');
    expect(bodyOf(page)).toBe(lines('关于区域合作的意见', '正文。', ''));
  });

  it('keeps blank lines and indentation inside the body', () => {
    const doc = lines('关于区域合作的意见', '', '', '    正文一。', '\t正文二。', '');
    expect(bodyOf(doc)).toBe(doc);
  });
});

describe('textToBody: the end of the document', () => {
  it('names the editor line and removes everything after it', () => {
    const page = lines(DOC, '(编辑:钟维健)', '', '扫一扫,分享到微信朋友圈', '相关新闻', '某条新闻');
    const { body, applied } = extract(page);
    expect(body).toBe(DOC);
    expect(applied.slice(-3).map((edit) => edit.rule)).toEqual(['trailing-blank', 'editor', 'after-trailer']);
  });

  it.each([
    '相关新闻',
    '图解数说 more>>',
    '上一篇:某某',
    '【打印】【关闭】',
    '分享到:',
    '全真版:关于加强区域交通合作的通知',
    '版权所有:某某省人民政府',
  ])('ends the document at %s', (marker) => {
    expect(bodyOf(DOC + lines(marker, '某条新闻标题文字', ''))).toBe(DOC);
  });

  it('removes trailing lines that are not text and trailing blanks, keeping one final newline', () => {
    const page = lines('关于区域合作的意见', '正文。   ', '', '10 12', '三大产业170.jpg', '', '');
    const { body, applied } = extract(page);
    expect(body).toBe(lines('关于区域合作的意见', '正文。', ''));
    expect(applied.map((edit) => edit.rule)).toEqual([
      'trailing-blank',
      'trailing-blank',
      'trailing-non-text',
      'trailing-blank',
    ]);
  });

  it('keeps the final newline of normalised text and adds no edit', () => {
    const { body, edits } = extract('关于区域合作的意见\n正文。\n');
    expect(body).toBe('关于区域合作的意见\n正文。\n');
    expect(edits).toEqual([]);
  });

  it('removes an advertised phone line before the title', () => {
    expect(removed(lines('咨询电话:13370533038', DOC), 'phone')).toEqual(['咨询电话:13370533038']);
  });
});

/** Each seed as textToBody receives it: decoded, normalised and without pinyin. */
const seeds = SEED_PREFIXES.map((prefix) => ({
  prefix,
  text: seedText(prefix)
    .replace(/\r\n/g, '\n')
    .replace(/([^\n])$/u, '$1\n') // normalisation ends every text with a newline
    .normalize('NFC')
    .replace(PINYIN, ''),
}));
const seed = (prefix: string) => seeds.find((s) => s.prefix === prefix)!.text;

describe('textToBody on the seeds', () => {
  const expected: Record<string, { start: string; end: string }> = {
    '000': {
      start: '“十二五”粤桂战略合作框架协议\n',
      end: '两省(区)每年共同协商和推动落实本协议的年度重点工作。',
    },
    '001': {
      start: '廣東省人民政府關于印發廣東省深化\n',
      end: '推動《指導意見》深入貫徹實施。(省發展改革委牽頭,省有關單位及有關地級以上市政府等按職責分工負責)',
    },
    '002': {
      start: '四川省人民政府办公厅\n关于印发',
      end: '参与单位:财政厅、省外事侨务(港澳)办、省政府金融办、开发行四川省分行、各市(州)人民政府',
    },
    '003': {
      start: '广州市人民政府办公厅印发关于推进我市与泛珠三角省会城市合作与发展意见的通知\n',
      end: '\n2005年11月3日',
    },
    '004': { start: '湖南省人民政府\n\n  关于印发', end: '(省发改委牵头,各相关单位、各市州政府按分工负责)' },
  };
  it('finds five seeds', () => expect(seeds).toHaveLength(5));

  it.each(Object.entries(expected))(
    'seed %s: body from its own title to its last line',
    (prefix, { start, end }) => {
      const { body, problems, edits } = extract(seed(prefix));
      expect(problems).toEqual([]);
      expect(edits.every((edit) => edit.kind === 'chrome' && edit.replacement === '')).toBe(true);
      expect(body.startsWith(start)).toBe(true);
      expect(body.endsWith(end + '\n')).toBe(true);
      expect(body).not.toMatch(/\n\n$/);
      for (const chrome of SITE_CHROME) expect(body, chrome).not.toContain(chrome);
    },
  );

  it('keeps 004’s publication note and document number', () => {
    const body = bodyOf(seed('004'));
    expect(body).toContain('(此件主动公开)');
    expect(body).toContain('  湘政发〔2016〕21号\n');
  });

  it('reports the page heading and site metadata of the seeds under their rules', () => {
    expect(removed(seed('001'), 'page-heading')).toEqual([
      '廣東省人民政府關于印發廣東省深化泛珠三角區域合作實施意見的通知',
    ]);
    expect(removed(seed('003'), 'site-field')).toEqual([
      '发布部门: 广东省广州市人民政府办公厅',
      '发布文号: 穗府办[2005]48号',
    ]);
    expect(removed(seed('004'), 'repost-byline')).toEqual(['来源:华容县政府 \u00a0 2016-10-24 13:56']);
    expect(removed(seed('002'), 'status-annotation')).toEqual(['(已失效)']);
  });
});

describe('textToBody on pages it was not written against', () => {
  it('gives seed 002 the same body inside another site’s chrome', () => {
    // The seed ends without a newline; here its last line is followed by one and by the footer.
    const plain = seed('002');
    const page = lines(
      '网站首页 | 政务公开 | 政策文件 | 办事服务',
      '当前位置:首页 > 政策文件',
      '四川省人民政府办公厅关于印发深化泛珠三角区域合作重点工作分工方案的通知',
      '发布时间:2017-01-05 10:00 来源:四川省人民政府网站 字体:[大 中 小]',
      '',
      plain,
      '',
      '【打印本页】【关闭窗口】',
      '版权所有:四川省人民政府办公厅',
      '网站标识码:5100000062 蜀ICP备05003828号',
    );
    expect(bodyOf(page)).toBe(bodyOf(plain));
    expect(removed(page, 'repost-byline')).toEqual([
      '发布时间:2017-01-05 10:00 来源:四川省人民政府网站 字体:[大 中 小]',
    ]);
  });

  it('reads an open-government metadata table as site fields', () => {
    const doc = lines(
      '国务院关于深化泛珠三角区域合作的指导意见',
      '国发〔2016〕18号',
      '各省、自治区、直辖市人民政府:',
      '　　现提出以下意见。',
      '　　国务院',
      '　　2016年3月3日',
      '',
    );
    const table = [
      '索引号:000014349/2016-00123',
      '发文机关:国务院',
      '标题:国务院关于深化泛珠三角区域合作的指导意见',
    ];
    table.push('发文字号:国发〔2016〕18号', '发布日期:2016年03月15日');
    const page = lines(
      '首页 | 简体 | 繁体 | EN',
      '通知公告',
      ...table,
      doc + '【我要纠错】 责任编辑: 王洋',
      '扫一扫在手机打开当前页',
    );
    const { body, applied } = extract(page);
    expect(body).toBe(doc);
    const fields = applied.filter((edit) => edit.rule === 'site-field').map((edit) => edit.note);
    expect(fields).toEqual(['索引号', '发文机关', '标题', '发文字号', '发布日期']);
    expect(removed(page, 'editor')).toEqual(['【我要纠错】 责任编辑: 王洋']);
  });

  it('gives a reposted framework agreement the same body as its plain text', () => {
    const agreement = lines(
      '泛珠三角区域合作框架协议',
      '',
      '  为了加强区域合作,促进共同发展,经协商一致,订立本协议。',
      '',
      '  一、合作宗旨',
      '',
      '  坚持平等互利,共同发展。',
      '',
      '  福建省人民政府  广东省人民政府',
      '',
      '  2004年6月3日',
      '',
    );
    const page = lines(
      '首页 > 合作动态',
      '泛珠三角区域合作框架协议',
      '来源:人民网 2010年5月4日',
      agreement.slice(agreement.indexOf('\n') + 1) + '责任编辑:张三',
      '',
      '上一篇:某某',
    );
    expect(bodyOf(agreement)).toBe(agreement);
    expect(bodyOf(page)).toBe(agreement);
    expect(removed(page, 'editor')).toEqual(['责任编辑:张三']);
  });
});
