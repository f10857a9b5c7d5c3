import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_MESSAGES } from '../app/i18n/resources.js';
import { PublishDialog } from './publish-dialog.js';
import type { DefinitionBody, DefinitionEditor } from './use-definition-editor.js';

const flow = { kind: 'flow', key: 'leave', version: 2, title: { en: 'Leave' }, nodes: [], edges: [] } as unknown as DefinitionBody;

function editorWith(issues: Array<{ code: string; path: string; message: string }>): DefinitionEditor<DefinitionBody> {
  return { body: flow, published: null, issues, publish: () => Promise.reject(new Error('not in this test')) } as unknown as DefinitionEditor<DefinitionBody>;
}

const render = (editor: DefinitionEditor<DefinitionBody>) =>
  renderToStaticMarkup(createElement(PublishDialog, { editor, open: true, onClose: () => undefined }));

/** The "Publish now" button's opening tag. */
const confirmButton = (html: string) => /<button[^>]*data-testid="confirm-publish"[^>]*>/.exec(html)?.[0] ?? '';

beforeAll(async () => {
  const resources: Record<string, Record<string, unknown>> = { en: {}, 'zh-CN': {} };
  for (const [ns, messages] of Object.entries(AREA_MESSAGES)) {
    (resources.en as Record<string, unknown>)[ns] = messages.en;
    (resources['zh-CN'] as Record<string, unknown>)[ns] = messages['zh-CN'];
  }
  await i18next.use(initReactI18next).init({ resources: resources as never, lng: 'zh-CN', fallbackLng: 'en', ns: Object.keys(AREA_MESSAGES), defaultNS: 'common', interpolation: { escapeValue: false } });
});

describe('publish dialog', () => {
  it('with problems found, publishing is not offered and the dialog says why before the list', () => {
    const html = render(editorWith([
      { code: 'BATON_E_FLOW_DEAD_END', path: '/nodes/0', message: 'no path leads to an end' },
      { code: 'BATON_E_FLOW_UNREACHABLE_NODE', path: '/nodes/1', message: 'cannot be reached' },
    ]));
    expect(confirmButton(html)).toMatch(/disabled/);
    expect(html).toContain('请先修正下面列出的 2 个问题再发布');
    expect(html.indexOf('data-testid="publish-blocked"')).toBeLessThan(html.indexOf('/nodes/0'));
  });

  it('without problems, publishing is offered and no warning shows', () => {
    const html = render(editorWith([]));
    expect(confirmButton(html)).not.toMatch(/disabled/);
    expect(html).not.toContain('publish-blocked');
  });

  it('summarises the changes in words, with the raw JSON diff behind a disclosure', () => {
    const published = { ...flow, nodes: [{ id: 'start', type: 'start', name: { en: 'Submit', 'zh-CN': '提交' } }] };
    const body = { ...published, nodes: [...published.nodes, { id: 'nda', type: 'approval', name: { en: 'NDA signing', 'zh-CN': '保密协议签署' } }] };
    const editor = { body, published: { version: 1, body: published }, issues: [], publish: () => Promise.reject(new Error('not in this test')) } as unknown as DefinitionEditor<DefinitionBody>;
    const html = render(editor);
    expect(html).toContain('新增步骤“保密协议签署”');
    expect(html.indexOf('data-testid="diff-summary"')).toBeLessThan(html.indexOf('<details'));
    expect(html.indexOf('<details')).toBeLessThan(html.indexOf('data-testid="diff-table"'));
  });

  it('describes a first version in words, with no JSON outside the disclosure', () => {
    const body = {
      ...flow,
      form: 'resignation',
      nodes: [{ id: 'start', type: 'start', name: { en: 'Submit', 'zh-CN': '提交' } }, { id: 'end', type: 'end', name: { en: 'Done', 'zh-CN': '完成' } }],
      edges: [{ id: 'e_1', from: 'start', to: 'end' }],
    };
    const resolved = [{ kind: 'form', key: 'resignation', body: { title: { en: 'Resignation', 'zh-CN': '离职申请' } } }];
    const editor = { body, published: null, resolved, issues: [], publish: () => Promise.reject(new Error('not in this test')) } as unknown as DefinitionEditor<DefinitionBody>;
    const html = render(editor);
    expect(html).toContain('首个版本“Leave”：2 个步骤、1 条连线、表单“离职申请”。');
    const outside = html.slice(0, html.indexOf('<details'));
    expect(outside).not.toMatch(/&quot;|\{|\[/);
  });
});
