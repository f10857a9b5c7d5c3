import { describe, expect, it } from 'vitest';
import { listErrorCodes } from '../index.js';

describe('the error catalogue', () => {
  it('has a code, an HTTP status and non-empty en and zh-CN messages for every entry', () => {
    const codes = listErrorCodes();
    expect(codes.length).toBeGreaterThan(50);
    for (const spec of codes) {
      expect(spec.code, spec.code).toMatch(/^BATON_E_[A-Z0-9_]+$/);
      expect(spec.status, spec.code).toBeGreaterThanOrEqual(400);
      expect(spec.status, spec.code).toBeLessThan(600);
      expect(spec.en.trim(), `${spec.code} en`).not.toBe('');
      expect(spec['zh-CN'].trim(), `${spec.code} zh-CN`).not.toBe('');
      // A Chinese message that is just the English one means a translation is missing (unless it is only
      // placeholders, e.g. "{message}" carrying an analyst's own localized text).
      if (/[A-Za-z]/.test(spec.en.replace(/\{\w+\}/g, ''))) expect(spec['zh-CN'], `${spec.code} zh-CN is untranslated`).not.toBe(spec.en);
    }
  });

  it('includes the schema, definition and registry codes', () => {
    const codes = new Set(listErrorCodes().map((c) => c.code));
    for (const code of ['BATON_E_SCHEMA_REQUIRED', 'BATON_E_REPORT_UNKNOWN_MEASURE', 'BATON_E_PACK_ENGINE_MISMATCH', 'BATON_E_REGISTRY_DUPLICATE']) {
      expect(codes.has(code), code).toBe(true);
    }
  });
});
