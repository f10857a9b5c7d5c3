import { expect } from 'vitest';
import { api } from './api.js';

/** A text in both languages. */
export const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/** API calls that set the scene before a journey: as the admin unless a token is given, and they must succeed. */
export function sceneCaller(baseUrl: string, adminToken: string) {
  return async (method: string, route: string, body?: unknown, token = adminToken): Promise<Record<string, unknown>> => {
    const res = await api<Record<string, unknown>>(baseUrl, token, method, route, body);
    expect(res.status, `${method} ${route}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
}

/** request → one approval by the user `approverId` → done, laid out left to right so the canvas shows it. */
export function approvalFlow(head: { key: string; title: { en: string; 'zh-CN': string }; form: string }, approval: { name: { en: string; 'zh-CN': string }; approverId: string }) {
  return {
    kind: 'flow',
    ...head,
    nodes: [
      { id: 'request', type: 'start', name: t('Request', '申请'), position: { x: 0, y: 0 } },
      { id: 'approve', type: 'approval', name: approval.name, config: { assignees: [{ kind: 'user', id: approval.approverId }] }, position: { x: 260, y: 0 } },
      { id: 'end', type: 'end', name: t('Done', '结束'), position: { x: 520, y: 0 } },
    ],
    edges: [
      { id: 'e1', from: 'request', to: 'approve' },
      { id: 'e2', from: 'approve', to: 'end' },
    ],
  };
}

/** A pack bundle of one note form (`<key>-note`) that declares `parameters`: the packs page's and the pickers' fixture. */
export function noteKitPack(key: string, parameters: unknown[]) {
  return {
    manifest: {
      kind: 'pack', key, version: 1, title: t(`Kit ${key}`, `工具包 ${key}`), engine: '^0.1.0',
      definitions: [{ kind: 'form', key: `${key}-note`, file: 'forms/note.json' }],
      parameters,
    },
    definitions: [{ kind: 'form', key: `${key}-note`, title: t('Note', '说明'), fields: [{ key: 'note', type: 'text', label: t('Note', '说明') }] }],
  };
}
