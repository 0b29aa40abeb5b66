import { describe, it, expect } from 'vitest';
import { rawToClean, DEFAULT_CLEAN_CONFIG } from '../pipeline/rawToClean.ts';
import { utf8 } from './support/build.ts';

describe('rawToClean', () => {
  it('refuses a page with no document in it, naming the file', () => {
    const page = '首页 资讯中心 专题 经贸产业\n相关新闻\n扫一扫,分享到微信朋友圈\n';
    expect(() => rawToClean(utf8(page), 'seeds/nav-only.txt', DEFAULT_CLEAN_CONFIG)).toThrow(
      /^seeds\/nav-only\.txt: no document body found \(no document title found/,
    );
  });

  it('refuses a title with no text after it', () => {
    expect(() => rawToClean(utf8('首页\n关于深化区域合作的意见\n'), 'x.txt', DEFAULT_CLEAN_CONFIG)).toThrow(
      /x\.txt: no document body found \(no body text after the title/,
    );
  });
});
