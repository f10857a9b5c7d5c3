import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { commonMessages } from '../app/i18n/common-messages.js';
import { formsMessages } from '../forms/forms-messages.js';
import { containerAnnounce, dropAreaName, fieldAnnounce } from '../forms/form-drop-target.js';
import { buildAnnouncements } from './dnd-announcements.js';

/** The app's own strings, in an i18next of its own (no React, no DOM). */
function translator(lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  void i18n.init({
    lng,
    initAsync: false,
    resources: { en: { common: commonMessages.en, forms: formsMessages.en }, 'zh-CN': { common: commonMessages['zh-CN'], forms: formsMessages['zh-CN'] } },
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return {
    common: (key: string, options?: Record<string, unknown>) => i18n.t(key, { ns: 'common', ...options }),
    forms: (key: string, options?: Record<string, unknown>) => i18n.t(key, { ns: 'forms', ...options }),
  };
}

const rect = (top: number, height = 40) => ({ top, height, left: 0, width: 100, bottom: top + height, right: 100 });
const ref = <T,>(current: T) => ({ current });

/** A palette item being dragged, its moved box's top at `top`. */
function paletteItem(top = 0, label: string | null = 'Single-line text') {
  return { id: 'palette:text', data: ref(label === null ? { kind: 'palette', type: 'text' } : { kind: 'palette', type: 'text', label }), rect: ref({ initial: rect(0), translated: rect(top) }) };
}

function over(id: string, data: Record<string, unknown>, top = 100) {
  return { id, data: ref(data), rect: rect(top), disabled: false };
}

describe('drag-and-drop announcements name what people see', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  const personal = dropAreaName('section', 'Personal details', en.forms);
  const a = buildAnnouncements(en.common);

  it('names form areas by their visible titles, the root as "the form", a sub-table by its label', () => {
    expect(personal).toBe('section “Personal details”');
    expect(dropAreaName('root', '', en.forms)).toBe('the form');
    expect(dropAreaName('table', 'Assets', en.forms)).toBe('the columns of “Assets”');
    expect(dropAreaName('section', '个人信息', zh.forms)).toBe('分组“个人信息”');
    expect(dropAreaName('root', '', zh.forms)).toBe('表单');
  });

  it('says "the end of" a section or the form, never its droppable id', () => {
    const section = over('container:section:3', { kind: 'container', container: 'section:3', announce: containerAnnounce(personal) });
    expect(a.onDragOver({ active: paletteItem() as never, over: section as never })).toBe('Single-line text is at the end of section “Personal details”.');
    const root = over('container:root', { kind: 'container', container: 'root', announce: containerAnnounce(dropAreaName('root', '', en.forms)) });
    expect(a.onDragEnd({ active: paletteItem() as never, over: root as never })).toBe('Single-line text was dropped at the end of the form.');
    expect(a.onDragEnd({ active: paletteItem() as never, over: section as never })).not.toMatch(/section-3|section:3|container/);
  });

  it('says before or after which field, by the half of the card the dragged item is in', () => {
    const card = over('field:email', { kind: 'field', itemId: 'email', container: 'section:0', index: 1, label: 'Email', announce: fieldAnnounce('Email', personal) }, 100);
    expect(a.onDragOver({ active: paletteItem(105) as never, over: card as never })).toBe('Single-line text is before “Email” in section “Personal details”.');
    // Moving into the lower half without a new "over" target is announced once, then not repeated.
    expect(a.onDragMove!({ active: paletteItem(130) as never, over: card as never })).toBe('Single-line text is after “Email” in section “Personal details”.');
    expect(a.onDragMove!({ active: paletteItem(131) as never, over: card as never })).toBeUndefined();
    expect(a.onDragEnd({ active: paletteItem(130) as never, over: card as never })).toBe('Single-line text was dropped after “Email” in section “Personal details”.');
  });

  it('a card over itself is "in its current place"', () => {
    const self = over('field:email', { label: 'Email', announce: fieldAnnounce('Email', personal) });
    const active = { id: 'field:email', data: ref({ label: 'Email' }), rect: ref({ initial: rect(100), translated: rect(100) }) };
    expect(a.onDragEnd({ active: active as never, over: self as never })).toBe('Email was dropped in its current place.');
  });

  it('calls the flow canvas "the flow canvas", and unnamed targets and items by neutral words', () => {
    const canvas = over('flow-canvas', { announce: { kind: 'area', area: en.common('dnd.flowCanvas') } });
    expect(a.onDragEnd({ active: paletteItem(0, 'Approval') as never, over: canvas as never })).toBe('Approval was dropped on the flow canvas.');
    const anonymous = over('drop-7', {});
    expect(a.onDragOver({ active: paletteItem(0, null) as never, over: anonymous as never })).toBe('The item is over a drop area.');
    expect(a.onDragEnd({ active: paletteItem() as never, over: null })).toBe('Single-line text was dropped outside any drop area: nothing changed.');
  });

  it('speaks Chinese with the same names', () => {
    const z = buildAnnouncements(zh.common);
    const area = dropAreaName('section', '个人信息', zh.forms);
    const card = over('field:email', { label: '邮箱', announce: fieldAnnounce('邮箱', area) }, 100);
    expect(z.onDragStart({ active: paletteItem(0, '单行文本') as never })).toBe('已拿起 单行文本。');
    expect(z.onDragOver({ active: paletteItem(105, '单行文本') as never, over: card as never })).toBe('单行文本 已移到分组“个人信息”中“邮箱”之前。');
    const root = over('container:root', { announce: containerAnnounce(dropAreaName('root', '', zh.forms)) });
    expect(z.onDragEnd({ active: paletteItem(0, '单行文本') as never, over: root as never })).toBe('单行文本 已放到表单末尾。');
    const canvas = over('flow-canvas', { announce: { kind: 'area', area: zh.common('dnd.flowCanvas') } });
    expect(z.onDragEnd({ active: paletteItem(0, '审批') as never, over: canvas as never })).toBe('审批 已放到流程画布。');
    expect(z.onDragCancel({ active: paletteItem(0, '审批') as never, over: null })).toBe('已取消拖动，审批 已回到原位置。');
  });
});
