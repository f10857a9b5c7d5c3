import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const form = (key: string, extra: Record<string, unknown> = {}) => ({
  kind: 'form',
  key,
  title: { en: 'Leave request', 'zh-CN': '请假申请' },
  fields: [{ key: 'reason', type: 'text', label: 'Reason' }],
  ...extra,
});

forEachDatabase('definitions', (ctx) => {
  it('saves a draft as version 1 and replaces that draft until it is published', async () => {
    const first = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form('leave') });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'form', key: 'leave', version: 1, status: 'draft', createdBy: 'admin', publishedAt: null });
    expect(first.json().body.version).toBe(1);
    expect(first.json().hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form('leave', { description: 'v1 edited' }) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 1, status: 'draft' });
    expect(again.json().hash).not.toBe(first.json().hash);
  });

  it('has no published version before publishing: 404 with a code', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/definitions/form/leave' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BATON_E_DEFINITION_NOT_FOUND');
    const draft = await ctx().call({ method: 'GET', url: '/api/definitions/form/leave?version=1' });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('draft');
  });

  it('publishes the draft (audited), after which the next save is version 2', async () => {
    const published = await ctx().call({ method: 'POST', url: '/api/definitions/form/leave/publish' });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, status: 'published', publishedBy: 'admin' });
    const audit = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'definition.published').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject_id: 'form/leave@1', actor: 'admin' });

    const v2 = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form('leave', { description: 'second' }) });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().version).toBe(2);
    // The latest published stays v1 until v2 is published.
    const latest = await ctx().call({ method: 'GET', url: '/api/definitions/form/leave' });
    expect(latest.json()).toMatchObject({ version: 1, status: 'published' });
    expect(latest.json().body.description).toBe('v1 edited');
    await ctx().call({ method: 'POST', url: '/api/definitions/form/leave/publish', payload: { version: 2 } });
    expect((await ctx().call({ method: 'GET', url: '/api/definitions/form/leave' })).json().version).toBe(2);
  });

  it('keeps published versions immutable, in the API and in the database', async () => {
    const again = await ctx().call({ method: 'POST', url: '/api/definitions/form/leave/publish', payload: { version: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'BATON_E_DEFINITION_NOT_DRAFT', path: '/version' });
    const nothing = await ctx().call({ method: 'POST', url: '/api/definitions/form/leave/publish', payload: {} });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe('BATON_E_DEFINITION_NO_DRAFT');
    const missing = await ctx().call({ method: 'POST', url: '/api/definitions/form/leave/publish', payload: { version: 9 } });
    expect(missing.statusCode).toBe(404);
    await expect(
      ctx().database.db.updateTable('definitions').set({ body: JSON.stringify({ tampered: true }) }).where('key', '=', 'leave').where('version', '=', 1).execute(),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('rejects an invalid definition with 422 and the issues\' paths, in the caller\'s language', async () => {
    const { title: _title, ...noTitle } = form('broken');
    const res = await ctx().call({ method: 'POST', url: '/api/definitions', payload: noTitle, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('BATON_E_DEFINITION_INVALID');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues.some((i: { path: string; message: string }) => i.path.includes('title') || i.message.includes('title'))).toBe(true);
    expect(error.message).toMatch(/请/);
    expect((await ctx().call({ method: 'GET', url: '/api/definitions?key=broken' })).json().items).toEqual([]);
  });

  it('rejects unknown properties of a definition with 422 and their path', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form('colourful', { colour: 'red' }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues).toEqual([expect.objectContaining({ code: 'BATON_E_SCHEMA_ADDITIONAL_PROPERTIES', path: '/colour' })]);
  });

  it('rejects a body without kind or with a bad key at the route (400)', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/definitions', payload: { key: 'Bad Key', title: 'x' } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/kind', '/key']));
  });

  it('lists definitions by kind, newest version first, without bodies', async () => {
    await ctx().call({ method: 'POST', url: '/api/definitions', payload: form('another') });
    const res = await ctx().call({ method: 'GET', url: '/api/definitions?kind=form' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => `${i.key}@${i.version}:${i.status}`)).toEqual(['another@1:draft', 'leave@2:published', 'leave@1:published']);
    expect(items[0]).not.toHaveProperty('body');
    expect(items[0]!.title).toEqual({ en: 'Leave request', 'zh-CN': '请假申请' });
    expect((await ctx().call({ method: 'GET', url: '/api/definitions?kind=flow' })).json().items).toEqual([]);
    expect((await ctx().call({ method: 'GET', url: '/api/definitions?status=draft' })).json().items).toHaveLength(1);
    expect((await ctx().call({ method: 'GET', url: '/api/definitions?kind=nope' })).statusCode).toBe(400);
  });
});

forEachDatabase('definitions under concurrency', (ctx) => {
  it('serialises concurrent drafts of a new key into one version, without a 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ctx().call({ method: 'POST', url: '/api/definitions', payload: form('racy', { description: `writer ${i}` }) })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().version))).toEqual(new Set([1]));
    const audit = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(audit.json()).toMatchObject({ ok: true, entries: 8 });
  });
});
