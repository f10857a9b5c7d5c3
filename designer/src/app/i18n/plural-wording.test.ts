import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { AREA_MESSAGES } from './resources.js';

/** Every string of a table by its dotted key. */
function strings(table: unknown, path = ''): Array<[string, string]> {
  if (!table || typeof table !== 'object') return [];
  return Object.entries(table as Record<string, unknown>).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${path}${key}`, value]] : strings(value, `${path}${key}.`),
  );
}

/** An English plural noun right after the count ("3 newer entries", "2 problems", "the first 5 rows"). */
function countsPluralNoun(text: string): boolean {
  const m = /\{\{count\}\}\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?/.exec(text);
  if (!m) return false;
  return [m[1], m[2]].some((w) => w !== undefined && /^(people|times|[a-z]+(?:ies|[^su]s))$/.test(w) && !['is', 'was', 'has', 'this', 'its'].includes(w));
}

describe('plural wording across the designer', () => {
  it('gives every English count followed by a plural noun a singular form (i18next picks _one/_other by count)', () => {
    const bare: string[] = [];
    for (const [area, messages] of Object.entries(AREA_MESSAGES)) {
      for (const [key, text] of strings(messages.en)) {
        if (countsPluralNoun(text) && !key.endsWith('_other')) bare.push(`${area}:${key}`);
      }
    }
    expect(bare).toEqual([]);
    expect(countsPluralNoun('{{count}} newer entries are pending')).toBe(true);
    expect(countsPluralNoun('{{count}} to do')).toBe(false);
  });

  it('pairs every _one with an _other, with the same keys in Chinese (which has no plural)', () => {
    for (const [area, messages] of Object.entries(AREA_MESSAGES)) {
      for (const lng of ['en', 'zh-CN'] as const) {
        const keys = new Set(strings(messages[lng]).map(([k]) => k));
        for (const key of keys) {
          const m = /^(.*)_one$/.exec(key);
          if (m) expect(keys.has(`${m[1]}_other`), `${area}:${lng}:${key}`).toBe(true);
        }
      }
      expect(strings(messages['zh-CN']).map(([k]) => k).sort(), area).toEqual(strings(messages.en).map(([k]) => k).sort());
    }
  });
});

function translator(ns: string, lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  const area = AREA_MESSAGES[ns]!;
  void i18n.init({ lng, initAsync: false, resources: { en: { [ns]: area.en }, 'zh-CN': { [ns]: area['zh-CN'] } }, defaultNS: ns, interpolation: { escapeValue: false } });
  return (key: string, count: number) => i18n.t(key, { count });
}

describe('the evidence view', () => {
  it('says "entry" and "problem" for one, "entries" and "problems" for several', () => {
    const en = translator('evidence', 'en');
    expect(en('pending', 1)).toBe('1 newer entry is still being chained; reload in a moment to include it.');
    expect(en('pending', 4)).toBe('4 newer entries are still being chained; reload in a moment to include them.');
    expect(en('brokenMore', 1)).toBe('1 problem in all.');
    expect(en('brokenMore', 3)).toBe('3 problems in all.');
  });

  it('reads the same in Chinese for any count', () => {
    const zh = translator('evidence', 'zh-CN');
    expect(zh('pending', 1)).toBe('还有 1 条较新的记录正在上链，请稍后刷新查看。');
    expect(zh('pending', 2)).toBe('还有 2 条较新的记录正在上链，请稍后刷新查看。');
    expect(zh('brokenMore', 3)).toBe('共 3 个问题。');
  });

  it('names one row, one person and one repetition in the other views', () => {
    expect(translator('reports', 'en')('previewTruncated', 1)).toBe('Only the first row is shown.');
    expect(translator('dashboard', 'en')('drillMore', 50)).toBe('Showing the first 50 rows.');
    expect(translator('peopleDirectory', 'en')('shownMore', 1)).toBe('Showing the first person: load more to see the rest');
    expect(translator('workspace', 'en')('timelineRepeated', 2)).toBe('Happened 2 times in a row');
  });
});
