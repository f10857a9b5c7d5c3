import { describe, expect, it } from 'vitest';
import { requestLocale } from './request-locale.js';

describe('requestLocale', () => {
  it('answers English without a header or for other languages', () => {
    expect(requestLocale(undefined)).toBe('en');
    expect(requestLocale('fr-FR,de;q=0.8')).toBe('en');
  });

  it('picks Chinese for any zh tag, honouring q-values and order', () => {
    expect(requestLocale('zh-CN')).toBe('zh-CN');
    expect(requestLocale('zh-Hans-CN,zh;q=0.9')).toBe('zh-CN');
    expect(requestLocale('en;q=0.5,zh;q=0.8')).toBe('zh-CN');
    expect(requestLocale('en-GB,zh-CN;q=0.9')).toBe('en');
    expect(requestLocale('fr,zh-TW;q=0.5,en;q=0.4')).toBe('zh-CN');
    expect(requestLocale('zh;q=0,en')).toBe('en');
  });
});
