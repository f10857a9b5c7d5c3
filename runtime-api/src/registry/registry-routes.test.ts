import { createRegistry } from '@baton/engine';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/harness/for-each-database.js';

forEachDatabase('GET /api/registry', (ctx) => {
  it('serves the catalogue of every field, node, trigger and action type, labels in both languages', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/registry' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Exactly what the engine's registry describes (the runtime compiles with the built-ins here).
    expect(body).toEqual(JSON.parse(JSON.stringify(createRegistry().describe())));
    const approval = body.nodes.find((n: { type: string }) => n.type === 'approval');
    expect(approval.label).toEqual({ en: 'Approval', 'zh-CN': '审批' });
    expect(approval.ports.outputs.map((p: { id: string }) => p.id)).toEqual(['out', 'rejected']);
    expect(approval.configSchema.required).toContain('assignees');
    expect(body.fields.map((f: { type: string }) => f.type)).toEqual(expect.arrayContaining(['text', 'select', 'sub-table', 'user']));
    expect(body.actions.find((a: { type: string }) => a.type === 'notify').paramsSchema.type).toBe('object');
  });

  it('answers in one language when asked', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/registry?locale=zh-CN' });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe('zh-CN');
    expect(res.json().nodes.find((n: { type: string }) => n.type === 'approval').label).toBe('审批');
  });

  it('needs a token, and refuses an unknown locale with its path', async () => {
    expect((await ctx().call({ method: 'GET', url: '/api/registry', token: null })).json().error.code).toBe('BATON_E_AUTH_REQUIRED');
    const res = await ctx().call({ method: 'GET', url: '/api/registry?locale=fr' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toBe('/querystring/locale');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await ctx().call({ method: 'GET', url: '/api/openapi.json', token: null })).json();
    expect(doc.paths['/api/registry'].get).toBeDefined();
  });
});

