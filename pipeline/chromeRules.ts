// Configuration of the body-extraction stage: what a document title looks like and which lines are
// site chrome. Every pattern is tested against one line with its surrounding whitespace trimmed and
// covers both simplified and traditional forms, because the archive mixes sites of both scripts.

/** `anywhere`: removed even inside the body; `outside-body`: only before the title or from the trailer on. */
export type LineScope = 'anywhere' | 'outside-body';

export interface LineRule {
  /** Rule name recorded on the edit; later stages read some of them as metadata. */
  rule: string;
  pattern: RegExp;
  scope: LineScope;
  /** Once body text has begun, a line matching this rule ends the document. */
  endsDocument?: boolean;
  /** Fixed note for the edit; otherwise the pattern's first capture group (the field label) is used. */
  note?: string;
  confidence: number;
}

export interface ChromeRules {
  /** Words a document title ends with. */
  documentTypes: readonly string[];
  /** Characters that may follow the document-type word at the end of a title. */
  titleClosers: string;
  /** A parenthetical that may follow the document-type word. */
  titleSuffix: RegExp;
  /** A title (or title fragment) never contains these: they mark sentences, fields and nav bars. */
  notInTitle: RegExp;
  /** Bounds on the title's length in characters, whitespace excluded. */
  titleLength: { min: number; max: number };
  /** Longest line that can be one fragment of a title split over several lines. */
  fragmentMaxLength: number;
  /** Short lines that are still never part of a title. */
  notFragment: readonly RegExp[];
  /** Most lines a title block may have above the line with the document-type word. */
  maxFragments: number;
  /** A title fragment containing one of these words starts the title. */
  aboutWords: readonly string[];
  /** A title fragment that is an issuer name (ending in one of these) starts the title. */
  issuerEndings: readonly string[];
  /** Non-blank lines after a page heading within which the document's own title block may repeat it. */
  headingRepeatWindow: number;
  /** Non-blank lines after a repost lead-in within which the reposted document's title must appear. */
  leadInWindow: number;
  /** Lines that are chrome wherever their scope allows, checked in order. */
  lineRules: readonly LineRule[];
  /** Lines that start the trailing widgets of a page; they and everything after them are chrome. */
  trailerMarkers: readonly RegExp[];
  /** A line with fewer Han characters than this is not text (counters, image names, widget debris). */
  minTextHan: number;
  /** Lines that carry Han characters but are still not document text. */
  nonText: readonly RegExp[];
}

const FIELD_SEPARATOR = String.raw`\s*[:：]`;

export const DEFAULT_CHROME_RULES: ChromeRules = {
  // The kinds of official documents the archive holds; a title line ends in one of them.
  documentTypes: [
    ...['通知', '通報', '通报', '意见', '意見', '方案', '协议', '協議', '规划', '規劃', '纲要', '綱要'],
    ...['决定', '決定', '办法', '辦法', '规定', '規定', '批复', '批覆', '公告', '通告', '报告', '報告'],
    ...['细则', '細則', '条例', '條例', '函', '纪要', '紀要', '备忘录', '備忘錄', '议定书', '議定書'],
    ...['宣言', '倡议书', '倡議書', '计划', '計劃', '决议', '決議', '章程', '共识', '共識'],
  ],
  // A title may end inside a book-title mark or a quotation.
  titleClosers: '》」』”"\'',
  // Drafts and periods are marked after the type word: `…办法（试行）`, `…规划纲要（2006—2020年）`.
  titleSuffix: /[(（][^()（）]{1,16}[)）]$/u,
  // Sentence stops, field colons and nav separators never occur in a title.
  notInTitle: /[。:：|｜>»_;；!！?？]/u,
  // Nav items such as `通知公告` are shorter than any real title.
  titleLength: { min: 6, max: 100 },
  fragmentMaxLength: 40,
  // A bracketed note (`(此件主动公开)`) or a signature date above the next title is not part of it.
  notFragment: [/^[(（【[].*[)）】\]]$/u, /^\d{4}\s*[年\-/.]/u],
  maxFragments: 4,
  aboutWords: ['关于', '關于', '關於'],
  issuerEndings: [
    ...['人民政府', '政府', '办公厅', '辦公廳', '办公室', '辦公室', '委员会', '委員會', '常委会', '常委會'],
    ...['厅', '廳', '局', '署', '委', '部', '院'],
  ],
  headingRepeatWindow: 8,
  leadInWindow: 3,
  lineRules: [
    {
      // Validity stamps a law site adds on a line of their own, e.g. `(已失效)`, `【现行有效】`.
      rule: 'status-annotation',
      pattern:
        /^[(（【[]\s*(已失效|失效|部分失效|已废止|已廢止|废止|廢止|已被修改|已修改|已修订|已修訂|现行有效|現行有效|有效|尚未生效)\s*[)）】\]]$/u,
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // View counters, e.g. `瀏覽次數:593`, `浏览量:1 | | | |`.
      rule: 'view-counter',
      pattern:
        /^[【[(（]?\s*(浏览次数|瀏覽次數|浏览量|瀏覽量|浏览|瀏覽|阅读次数|閱讀次數|阅读量|閱讀量|阅读数|閱讀數|访问量|訪問量|访问次数|訪問次數|点击数|點擊數|点击量|點擊量|点击次数|點擊次數|点击率|點擊率)\s*[:：]?\s*\d+/u,
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // Metadata fields of law and open-government sites, e.g. `发布部门: …`, `发布文号: …`, `索引号：…`.
      rule: 'site-field',
      pattern: new RegExp(
        `^(发布部门|發布部門|发布文号|發布文號|发布机关|發布機關|发文机关|發文機關|发文字号|發文字號|发文单位|發文單位|索引号|索引號|主题分类|主題分類|成文日期|发布日期|發布日期|生效日期|实施日期|實施日期|施行日期|失效日期|时效性|時效性|效力级别|效力級別|效力等级|效力等級|法规类别|法規類別|体裁分类|體裁分類|组配分类|組配分類|信息分类|信息分類|所属类别|所屬類別|文号|文號|标题|標題)${FIELD_SEPARATOR}`,
        'u',
      ),
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // Bylines of a repost: strong labels (`来源:`, `作者:`, `发布时间:`) at the start, or weak ones
      // (`日期:`, `时间:`) together with another label, as in `日期:2016-07-12 作者: 来源:南宁日报`.
      // Never a sentence, so official lines such as a meeting's `时间：…` are left alone.
      rule: 'repost-byline',
      pattern:
        /^(?=[^。，,]{0,160}$)(?:(来源|來源|信息来源|信息來源|文章来源|文章來源|稿件来源|稿件來源|稿源|作者|发布时间|發布時間|發佈時間|发稿时间|發稿時間|发表时间|發表時間|更新时间|更新時間|录入时间|錄入時間)\s*[:：]|(日期|时间|時間)\s*[:：].*(来源|來源|作者|编辑|編輯|浏览|瀏覽|字体|字體)\s*[:：])/u,
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // A date (and time) followed by a source or a link, e.g. `2017年5月30日  济南…律师 http://…`;
      // a date alone is a signature date and stays.
      rule: 'repost-byline',
      pattern:
        /^(?=[^。，,]{0,160}$)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s+.*(?:https?:\/\/|www\.|\p{Script=Han}{2,4}\s*[:：])/u,
      scope: 'anywhere',
      note: 'dated',
      confidence: 0.9,
    },
    {
      // Breadcrumbs, e.g. `當前位置:首頁 > 信息傳達`, `您当前位置: 首页 律师文集`, `首页 > 政策文件`.
      rule: 'breadcrumb',
      pattern:
        /^(?:(?:当前位置|當前位置|您的位置|您的當前位置|您当前的位置|您当前位置|您當前位置|你的位置|你当前位置|您现在的位置|您現在的位置|所在位置|现在位置)\s*[:：]?|(?:网站首页|網站首頁|首页|首頁)\s*[>»›/])/u,
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // Nav bars: three or more items, one of them the home page, e.g. `网站首页 | 政务公开 | 政策文件`.
      rule: 'navigation',
      pattern:
        /^(?!.*。)(?=(?:.*?(?:^|[\s|｜·])(?:网站首页|網站首頁|首页|首頁)(?:[\s|｜·]|$)))\S+(?:[\s|｜·]+\S+){2,}$/u,
      scope: 'anywhere',
      confidence: 0.95,
    },
    {
      // Editor credits, e.g. `(编辑:钟维健)`, `责任编辑:张三`: news-site furniture after the text.
      // Short and never a sentence, so a procedure step such as `审核：由…负责。` is not one; it may
      // follow another widget, as in `【我要纠错】 责任编辑：王洋`.
      rule: 'editor',
      pattern:
        /^(?=[^。，,]{0,40}$)(?:.*[】\]]\s*)?[(（[【]?\s*(责任编辑|責任編輯|编辑|編輯|责编|責編|编审|編審|审核|審核|校对|校對)\s*[:：]/u,
      scope: 'anywhere',
      endsDocument: true,
      confidence: 0.95,
    },
    {
      // Page widgets: share, scan, print, close, font size; at the end they start the trailer.
      rule: 'widget',
      pattern:
        /^(?:扫一扫|掃一掃|分享到|分享至|收藏本页|收藏本頁|返回顶部|返回頂部|[【[]\s*(?:打印|列印|关闭|關閉|字体|字體|收藏|我要纠错|我要糾錯)|(?:字体|字體)\s*[:：]?\s*[【[]?\s*大\s*中\s*小|(?:打印本页|打印本頁|关闭窗口|關閉窗口|打印|关闭|關閉)$)/u,
      scope: 'anywhere',
      endsDocument: true,
      confidence: 0.95,
    },
    {
      // Advertised phone lines, e.g. `咨询电话:13370533038`; an official contact line (`联系电话：`) is text.
      rule: 'phone',
      pattern:
        /^(咨询电话|諮詢電話|咨询热线|諮詢熱線|服务热线|服務熱線|客服电话|客服電話|免费咨询|免費諮詢)\s*[:：]?\s*[\d\s\-–—()（）+]{7,}$/u,
      scope: 'outside-body',
      endsDocument: true,
      confidence: 0.95,
    },
    {
      // A document number shown by the site between its page heading and the document, e.g. `粵府〔2017〕8號`;
      // inside the body the same line is part of the official document.
      rule: 'site-field',
      pattern: /^\p{Script=Han}{1,10}\s*[〔［[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*[号號]$/u,
      scope: 'outside-body',
      note: '文号',
      confidence: 0.9,
    },
    {
      // Lines that introduce a reposted text, e.g. `原文如下:`, `近日,…印发…,详情如下:`.
      rule: 'repost-lead-in',
      pattern:
        /^(?:.*(?:原文|全文|详情|詳情|内容|內容|具体内容|具體內容)如下[:：。]?|(?:近日|日前)[,，].*(?:印发|印發|发布|發布|出台).*[:：])$/u,
      scope: 'outside-body',
      confidence: 0.85,
    },
  ],
  trailerMarkers: [
    // Related-news lists and the teaser boxes after them, e.g. `相关新闻`, `图解数说 more>>`; short headings only.
    /^(?=.{0,30}$)(?:相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相關鏈接|相关文章|相關文章|相关稿件|相關稿件|相关推荐|相關推薦|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热点新闻|熱點新聞|猜你喜欢|猜你喜歡)/u,
    /(?:more|更多)\s*>>$/iu,
    // Previous / next article links.
    /^(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一页|下一页)/u,
    // `全真版:` widget repeating the title at the foot of a page.
    /^(?:全真版|全文版|手机版|手機版)\s*[:：]/u,
    // Site footers: copyright, sponsor and registration lines.
    /^(?:版权所有|版權所有|copyright|©|\(c\)|网站标识码|網站標識碼|网站地图|網站地圖|联系我们|聯繫我們)/iu,
    // A sponsor line counts only with another footer item on it: `主办单位：` alone may be a notice's text.
    /^(?:主办|主辦)(?:单位|單位)?\s*[:：].*(?:承办|承辦|技术支持|技術支持|网站|網站|ICP|版权|版權)/iu,
    /ICP\s*[备備证證]/u,
  ],
  minTextHan: 2,
  nonText: [
    // Image captions that are only file names, e.g. `三大产业170.jpg`.
    /\.(?:jpe?g|png|gif|bmp|webp)$/iu,
  ],
};
