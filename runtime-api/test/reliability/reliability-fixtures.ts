import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestContext } from '../harness/for-each-database.js';

// Small definitions for the reliability suite: an approval, and two parallel branches joined again.
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const people = {
  departments: [{ id: 'ops', name: 'Operations', headId: 'boss' }],
  users: [
    { id: 'emp', name: 'Zhang San', departmentId: 'ops', managerId: 'boss' },
    { id: 'boss', name: 'Li Si', departmentId: 'ops' },
    { id: 'it1', name: 'Zhao IT', roles: ['it'] },
    { id: 'fin1', name: 'Qian Finance', roles: ['finance'] },
    { id: 'hr1', name: 'Wang HR', roles: ['hr'] },
    { id: 'des1', name: 'Sun Designer', roles: ['designer'] },
    { id: 'aud1', name: 'Zhou Auditor', roles: ['auditor'] },
    { id: 'plain', name: 'Wu Plain' },
    { id: 'other', name: 'Zheng Other', departmentId: 'ops', managerId: 'boss' },
  ],
};

export const requestForm = {
  kind: 'form',
  key: 'rel-request',
  title: t('Request', '申请'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'note', type: 'text', label: t('Note', '备注') },
  ],
};

const node = (id: string, type: string, config?: Record<string, unknown>) => ({ id, type, name: t(id, id), ...(config ? { config } : {}) });

/** start → the employee's manager approves → end. */
export const approvalFlow = {
  kind: 'flow',
  key: 'rel-approval',
  title: t('Approval', '审批'),
  form: 'rel-request',
  nodes: [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
  edges: [
    { id: 'e1', from: 'start', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'end' },
  ],
};

/** start → split → (IT task ‖ finance task) → join → end. */
export const joinFlow = {
  kind: 'flow',
  key: 'rel-join',
  title: t('Two branches', '两个分支'),
  form: 'rel-request',
  nodes: [
    node('start', 'start'),
    node('split', 'parallel'),
    node('it', 'task', { assignees: [{ kind: 'role', role: 'it' }] }),
    node('finance', 'task', { assignees: [{ kind: 'role', role: 'finance' }] }),
    node('join', 'parallel'),
    node('end', 'end'),
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'split' },
    { id: 'e2', from: 'split', to: 'it' },
    { id: 'e3', from: 'split', to: 'finance' },
    { id: 'e4', from: 'it', to: 'join' },
    { id: 'e5', from: 'finance', to: 'join' },
    { id: 'e6', from: 'join', to: 'end' },
  ],
};

/** A collection form, so the records routes have something to list and write. */
export const assetForm = {
  kind: 'form',
  key: 'rel-asset',
  title: t('Asset', '资产'),
  collection: true,
  fields: [{ key: 'name', type: 'text', label: t('Name', '名称'), required: true }],
};

export function expectOk(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 500)}`).toBeLessThan(300);
}

/** Imports the people and publishes the definitions through the API (as an admin). */
export async function setUpDefinitions(ctx: TestContext, definitions: Array<Record<string, unknown>> = [requestForm, approvalFlow, joinFlow, assetForm]): Promise<void> {
  expectOk(await ctx.call({ method: 'POST', url: '/api/directory/import', payload: people }), 'directory import');
  for (const def of definitions) {
    expectOk(await ctx.call({ method: 'POST', url: '/api/definitions', payload: def }), `save ${def.key}`);
    expectOk(await ctx.call({ method: 'POST', url: `/api/definitions/${def.kind}/${def.key}/publish` }), `publish ${def.key}`);
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
    }),
  );
  return results;
}
