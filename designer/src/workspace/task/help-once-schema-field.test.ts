import { compileForm, createRegistry, type FormDefinition } from '@baton/engine';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cfworkerValidator } from '../../shared/schema-form/cfworker-validator.js';
import { withoutRepeatedDescription } from './help-once-schema-field.js';
import { workspaceFields, workspaceUiSchema, workspaceWidgets } from './workspace-widgets.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const form = {
  kind: 'form',
  key: 'handover',
  version: 1,
  title: t('Handover', '交接'),
  fields: [
    { key: 'reason', type: 'text', label: t('Reason', '原因'), description: t('Why the person leaves', '离职原因说明') },
    { key: 'backedUp', type: 'boolean', label: t('Data backed up', '数据已备份'), description: t('Mail and files copied', '邮件与文件已复制') },
    {
      key: 'assets', type: 'sub-table', label: t('Assets', '资产'),
      fields: [{ key: 'tag', type: 'text', label: t('Tag', '编号'), description: t('The sticker on the device', '设备上的标签') }],
    },
  ],
} as unknown as FormDefinition;

const count = (html: string, text: string) => html.split(text).length - 1;

/** The workspace's task form as the task and start pages draw it (their rjsf props), as static HTML. */
function renderWorkspaceForm(data: Record<string, unknown>): string {
  const { jsonSchema, uiSchema } = compileForm(form, createRegistry()).schemas('en');
  return renderToStaticMarkup(
    createElement(Form, {
      idPrefix: 'task',
      schema: jsonSchema as RJSFSchema,
      uiSchema: { ...workspaceUiSchema(uiSchema as UiSchema, jsonSchema), 'ui:submitButtonOptions': { norender: true } },
      widgets: workspaceWidgets,
      fields: workspaceFields,
      formData: data,
      validator: cfworkerValidator,
      showErrorList: false,
      noHtml5Validate: true,
    }),
  );
}

describe('workspace form descriptions', () => {
  it('shows each field description once: text, checkbox and sub-table column', () => {
    const html = renderWorkspaceForm({ assets: [{ tag: 'ZB-0012' }] });
    expect(count(html, 'Why the person leaves')).toBe(1);
    expect(count(html, 'Mail and files copied')).toBe(1);
    expect(count(html, 'The sticker on the device')).toBe(1);
    // The form's own labels are still there.
    expect(html).toContain('Reason');
    expect(html).toContain('Data backed up');
  });

  it('keeps a description that differs from the help text', () => {
    const schema: RJSFSchema = { type: 'string', description: 'Shown above' };
    expect(withoutRepeatedDescription(schema, 'Shown below')).toBe(schema);
    expect(withoutRepeatedDescription(schema, ' Shown above ')).toEqual({ type: 'string' });
    expect(withoutRepeatedDescription(schema, undefined)).toBe(schema);
  });
});
