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

  it('refuses a text that would need more logged changes than a document can take', () => {
    const page = `关于推进区域合作的通知\n一、${'\ue000中'.repeat(60)}\n二、推进合作。\n`;
    const config = { ...DEFAULT_CLEAN_CONFIG, maxChanges: 50 };
    expect(() => rawToClean(utf8(page), 'x.txt', config)).toThrow(
      /^x\.txt: the text needs more than 50 logged changes \(60 after the gbk-shift stage\): it is mostly unreadable/,
    );
    expect(rawToClean(utf8(page), 'x.txt', DEFAULT_CLEAN_CONFIG).unresolved).toBe(60);
  });
});
