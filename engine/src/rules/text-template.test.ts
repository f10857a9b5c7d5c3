import { describe, expect, it } from 'vitest';
import { checkTextTemplate } from './check-text-template.js';
import { fillTemplate, templatePlaceholders } from './fill-template.js';
import { directory } from './rule-test-fixtures.js';
import { parseTextTemplate, present } from './text-template.js';

const records = (id: string) => ({ A: { data: { tag: 'LT-0105' } }, B: { data: { tag: 'MN-0106' } } })[id];
const withAssets = { employeeId: 'u-emp', assets: [{ assetId: 'A' }, { assetId: 'B' }], accounts: [{ system: 'Git', account: 'zs' }, { system: '邮箱', account: 'zs@x' }] };
const without = { employeeId: 'u-emp', assets: [], accounts: [] };
const settlement = {
  en: 'Devices{#if assets.assetId.tag} (asset tags): {assets.assetId.tag}.{else}: none on the request.{/if}',
  'zh-CN': '设备{#if assets.assetId.tag}（资产编号）：{assets.assetId.tag|join:、}。{else}：申请中未列出。{/if}',
};

describe('text templates: sections and joins', () => {
  it('shows an if section only when its list has something in it, in both locales', () => {
    expect(fillTemplate(settlement, withAssets, directory, records)).toEqual({
      en: 'Devices (asset tags): LT-0105, MN-0106.',
      'zh-CN': '设备（资产编号）：LT-0105、MN-0106。',
    });
    expect(fillTemplate(settlement, without, directory, records)).toEqual({ en: 'Devices: none on the request.', 'zh-CN': '设备：申请中未列出。' });
    // A missing field and a list of records that are all gone count as absent too.
    expect(fillTemplate(settlement, { employeeId: 'u-emp' }, directory, records)).toEqual({ en: 'Devices: none on the request.', 'zh-CN': '设备：申请中未列出。' });
    expect(fillTemplate(settlement, { assets: [{ assetId: 'gone' }] }, directory, records)).toEqual({ en: 'Devices: none on the request.', 'zh-CN': '设备：申请中未列出。' });
  });

  it('repeats an each section per item with $item and $index, joined, with an else part for none', () => {
    const text = '{#each accounts|join:; }{$index}. {$item.system} ({$item.account}){else}no accounts{/each}';
    expect(fillTemplate(text, withAssets)).toBe('0. Git (zs); 1. 邮箱 (zs@x)');
    expect(fillTemplate(text, without)).toBe('no accounts');
    // Items reach the directory and related records like any path, and the outer data stays readable.
    expect(fillTemplate('{#each assets}[{$item.assetId.tag} of {employeeId.name}]{/each}', withAssets, directory, records)).toBe('[LT-0105 of 张三][MN-0106 of 张三]');
  });

  it('nests sections and treats 0 as present, empty strings and false as absent', () => {
    const text = '{#if n}n={n}{/if}{#if s}s{else}-{/if}{#if f}f{else}!{/if}{#each list}{#if $item.on}<{$item.name}>{/if}{/each}';
    expect(fillTemplate(text, { n: 0, s: '', f: false, list: [{ on: true, name: 'a' }, { on: false, name: 'b' }] })).toBe('n=0-!<a>');
    expect([present(0), present(''), present([null, '']), present({}), present([undefined, 'x'])]).toEqual([true, false, false, true, true]);
  });

  it('keeps the old behaviour: unknown values visible, stray braces literal', () => {
    expect(fillTemplate('Hi {who}, {who|join:/} { not a tag } {1}', {})).toBe('Hi {who}, {who|join:/} { not a tag } {1}');
    expect(fillTemplate('{employeeId.name}: {assets.assetId}', withAssets, directory)).toBe('张三: A, B');
  });

  it('renders a template with unbalanced sections as values only, leaving the section tags as written', () => {
    expect(fillTemplate('{#if a}x {a}', { a: 'y' })).toBe('{#if a}x y');
  });

  it('lists the paths it reads, sections included; scoped leaves out item paths inside each', () => {
    const text = { en: '{#if a.b}{c}{/if}{#each list}{$item.x}{d}{/each}', 'zh-CN': '{e|join:、}' };
    expect(templatePlaceholders(text)).toEqual(['a.b', 'c', 'list', '$item.x', 'd', 'e']);
    expect(templatePlaceholders(text, true)).toEqual(['a.b', 'c', 'list', 'd', 'e']);
  });
});

describe('checkTextTemplate', () => {
  it('accepts well-formed templates', () => {
    expect(checkTextTemplate(settlement, '/actions/0/params/body', 'en')).toEqual([]);
    expect(parseTextTemplate('{#each a}{#if $item}{else}{/if}{else}{/each}').problems).toEqual([]);
  });

  it('names each problem with a code, the locale path and a sentence in both languages', () => {
    const issues = checkTextTemplate({ en: '{#if a}open', 'zh-CN': '{/each}{else}{a|upper}{#unless a}' }, '/nodes/2/description', 'en');
    expect(issues.map((i) => [i.code, i.path, i.params?.tag])).toEqual([
      ['BATON_E_TEMPLATE_UNCLOSED_SECTION', '/nodes/2/description/en', '{#if a}'],
      ['BATON_E_TEMPLATE_UNOPENED_SECTION', '/nodes/2/description/zh-CN', '{/each}'],
      ['BATON_E_TEMPLATE_STRAY_ELSE', '/nodes/2/description/zh-CN', '{else}'],
      ['BATON_E_TEMPLATE_BAD_TAG', '/nodes/2/description/zh-CN', '{a|upper}'],
      ['BATON_E_TEMPLATE_BAD_TAG', '/nodes/2/description/zh-CN', '{#unless a}'],
    ]);
    expect(issues[0]!.messages.en).toBe('Section {#if a} is never closed: end it with {/if} in the same text.');
    expect(issues[0]!.messages['zh-CN']).toContain('{/if}');
    expect(issues[3]!.message).toContain('{#if field}…{else}…{/if}');
  });

  it('finds a mismatched close and a second else', () => {
    expect(parseTextTemplate('{#if a}x{/each}').problems.map((p) => p.kind)).toEqual(['unopened', 'unclosed']);
    expect(parseTextTemplate('{#if a}x{else}y{else}z{/if}').problems.map((p) => p.kind)).toEqual(['stray-else']);
  });
});
