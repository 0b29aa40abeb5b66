// The search page's own labels, in the shape of labels.ts (simplified, traditional, English).
// `{name}` placeholders are filled by the page's script in the browser.
import type { Label, Locale } from './labels.ts';

export const SEARCH_LABELS = {
  searchIntro: {
    'zh-Hans':
      '输入字词、发文字号或机构名称，简体繁体皆可；结果以本页的文字显示，只列出含有原词的文件和条文。',
    'zh-Hant':
      '輸入字詞、發文字號或機構名稱，簡體繁體皆可；結果以本頁的文字顯示，只列出含有原詞的文件和條文。',
    en: 'Type words, a document number or an agency’s name, in simplified or traditional script. Results are shown in this page’s script and list only documents and articles that contain the words as typed.',
  },
  noscript: {
    'zh-Hans': '搜索需要浏览器启用 JavaScript。也可以浏览全部文件。',
    'zh-Hant': '搜索需要瀏覽器啟用 JavaScript。也可以瀏覽全部文件。',
    en: 'Search needs JavaScript. You can also browse all documents.',
  },
  searching: { 'zh-Hans': '正在搜索…', 'zh-Hant': '正在搜索…', en: 'Searching…' },
  searchFailed: {
    'zh-Hans': '搜索出错，请重新载入本页再试。',
    'zh-Hant': '搜索出錯，請重新載入本頁再試。',
    en: 'Search failed; reload the page to try again.',
  },
  resultCount: {
    'zh-Hans': '含有“{query}”的文件：{n} 个',
    'zh-Hant': '含有“{query}”的文件：{n} 個',
    en: '{n} documents contain “{query}”',
  },
  filteredCount: {
    'zh-Hans': '符合筛选的文件：{n} 个',
    'zh-Hant': '符合篩選的文件：{n} 個',
    en: '{n} documents',
  },
  noResults: {
    'zh-Hans': '没有文件含有“{query}”。',
    'zh-Hant': '沒有文件含有“{query}”。',
    en: 'No document contains “{query}”.',
  },
  noResultsFiltered: {
    'zh-Hans': '没有文件符合这些筛选条件。',
    'zh-Hant': '沒有文件符合這些篩選條件。',
    en: 'No document matches these filters.',
  },
  emptyWithFilters: {
    'zh-Hans': '筛选条件可能太窄了。',
    'zh-Hant': '篩選條件可能太窄了。',
    en: 'The filters may be too narrow.',
  },
  removeAllFilters: {
    'zh-Hans': '移除全部筛选再搜索',
    'zh-Hant': '移除全部篩選再搜索',
    en: 'Search again without filters',
  },
  activeFilters: { 'zh-Hans': '已选筛选：', 'zh-Hant': '已選篩選：', en: 'Active filters:' },
  removeFilter: {
    'zh-Hans': '移除筛选 {filter}',
    'zh-Hant': '移除篩選 {filter}',
    en: 'Remove filter {filter}',
  },
  filterAny: { 'zh-Hans': '不限', 'zh-Hant': '不限', en: 'Any' },
  sortLabel: { 'zh-Hans': '排序', 'zh-Hant': '排序', en: 'Order' },
  sortRelevance: { 'zh-Hans': '相关度', 'zh-Hant': '相關度', en: 'Relevance' },
  sortNewest: { 'zh-Hans': '日期（新→旧）', 'zh-Hant': '日期（新→舊）', en: 'Date (newest first)' },
  sortOldest: { 'zh-Hans': '日期（旧→新）', 'zh-Hant': '日期（舊→新）', en: 'Date (oldest first)' },
  showMore: { 'zh-Hans': '显示更多结果', 'zh-Hant': '顯示更多結果', en: 'Show more results' },
  ownNumber: { 'zh-Hans': '发文字号相符', 'zh-Hant': '發文字號相符', en: 'Its document number' },
  moreArticles: {
    'zh-Hans': '本文件另有 {n} 处条文含有检索词。',
    'zh-Hant': '本文件另有 {n} 處條文含有檢索詞。',
    en: '{n} more articles of this document match.',
  },
  wordsHeading: { 'zh-Hans': '分词匹配', 'zh-Hant': '分詞匹配', en: 'Word matches' },
  wordsOffer: {
    'zh-Hans': '另查含有全部词语（{words}）、但不连成原词的文件',
    'zh-Hant': '另查含有全部詞語（{words}）、但不連成原詞的文件',
    en: 'Also find documents containing every word ({words}) but not the phrase',
  },
  wordsCount: {
    'zh-Hans': '另有 {n} 个文件含有 {words}，但不含连续的原词：',
    'zh-Hant': '另有 {n} 個文件含有 {words}，但不含連續的原詞：',
    en: '{n} more documents contain {words}, but not as the phrase:',
  },
  'kind:header': { 'zh-Hans': '标题与发文字号', 'zh-Hant': '標題與發文字號', en: 'Title and number' },
  'kind:title': { 'zh-Hans': '标题', 'zh-Hant': '標題', en: 'Title' },
  'kind:doc-number': { 'zh-Hans': '发文字号', 'zh-Hant': '發文字號', en: 'Document number' },
  'kind:recipients': { 'zh-Hans': '主送机关', 'zh-Hant': '主送機關', en: 'Recipients' },
  'kind:notice': { 'zh-Hans': '印发通知', 'zh-Hant': '印發通知', en: 'Covering notice' },
  'kind:signature': { 'zh-Hans': '落款', 'zh-Hant': '落款', en: 'Signature' },
  'kind:chapter': { 'zh-Hans': '条文', 'zh-Hant': '條文', en: 'Provision' },
  'kind:section': { 'zh-Hans': '条文', 'zh-Hant': '條文', en: 'Provision' },
  'kind:article': { 'zh-Hans': '条文', 'zh-Hant': '條文', en: 'Provision' },
  'kind:item': { 'zh-Hans': '条文', 'zh-Hant': '條文', en: 'Provision' },
  'kind:paragraph': { 'zh-Hans': '正文', 'zh-Hant': '正文', en: 'Text' },
  'kind:task': { 'zh-Hans': '责任分工', 'zh-Hant': '責任分工', en: 'Responsibility' },
} as const satisfies Record<string, Label>;

export type SearchLabelKey = keyof typeof SEARCH_LABELS;

export function searchLabel(key: SearchLabelKey, locale: Locale): string {
  return SEARCH_LABELS[key][locale];
}
