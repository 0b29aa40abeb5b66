import { describe, expect, it } from 'vitest';
import {
  lazyConverter,
  toSimplified,
  toTaiwanTraditional,
  toTraditional,
} from '../pipeline/chineseScript.ts';

describe('the pipeline’s script converters', () => {
  it('convert between the locales they name', () => {
    expect(toSimplified('廣東省發展改革委')).toBe('广东省发展改革委');
    expect(toTraditional('发展改革委')).toBe('發展改革委');
    expect(toTaiwanTraditional('发展改革委')).toBe('發展改革委');
  });

  it('a converter made lazily converts as one made at once, call after call', () => {
    const toHongKong = lazyConverter({ from: 'cn', to: 'hk' });
    expect(toHongKong('粤港澳大湾区')).toBe('粵港澳大灣區');
    expect(toHongKong('大通关')).toBe('大通關');
    expect(toHongKong('')).toBe('');
  });
});
