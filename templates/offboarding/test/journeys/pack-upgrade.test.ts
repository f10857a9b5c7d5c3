import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { readPackJson } from '../pack-files.js';
import { act, offboardingBundle, ok, People, request } from './journey-kit.js';

type Json = Record<string, any>;

type Bundle = Awaited<ReturnType<typeof offboardingBundle>>;

/** A to-do for IT when an offboarding starts: the kind of rule a later pack version drops. */
const extraTodo = (key: string, title: string): Json => ({
  kind: 'rule',
  key,
  version: 1,
  title: { en: title, 'zh-CN': title },
  scope: { flow: 'offboarding' },
  trigger: { type: 'flow-started', config: {} },
  actions: [{ type: 'create-task', params: { title: { en: title, 'zh-CN': title }, assignees: [{ kind: 'role', role: 'it' }], actions: ['complete'] } }],
});

/** A time-relative rule like the settlement reminder, under another key: it leaves scheduled timers behind. */
const extraReminder = (): Json => ({ ...readPackJson('rules/settlement-reminder.json'), key: 'extra-reminder' });

function withVersion(bundle: Bundle, version: number, extra: Json[]): Bundle {
  const inline = extra.map((definition) => ({ kind: definition.kind, key: definition.key, definition }));
  const definitions = [...((bundle.manifest as Json).definitions as Json[]), ...inline];
  return { ...bundle, manifest: { ...bundle.manifest, version, definitions } as Bundle['manifest'] };
}

const ruleTasks = async (ctx: Parameters<typeof ok>[0], instanceId: string) =>
  ctx.database.db.selectFrom('tasks').select(['title', 'status']).where('instance_id', '=', instanceId).where('source', '=', 'rule').execute();
const extraTimers = async (ctx: Parameters<typeof ok>[0]) =>
  ctx.database.db.selectFrom('timers').select(['id', 'status']).where('id', 'like', 'rule:extra-reminder:%').execute();

forEachDatabase('offboarding pack upgrade: definitions a newer version drops are retired', (ctx) => {
  const people = new People(ctx);
  let base: Bundle;
  let version: number;
  let running: string;

  it('version N with extra rules: they fire on a new offboarding and plan timers', async () => {
    base = await offboardingBundle({ demo: true });
    version = Number(base.manifest.version);
    const extras = [extraTodo('extra-todo', 'Extra to-do'), extraTodo('analyst-todo', 'Analyst to-do'), extraReminder()];
    await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', withVersion(base, version, extras), 201);
    const leaver = await people.token('demo-eng-3');
    running = (await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-3', { lastWorkingDay: '2030-10-11', terminationDate: '2030-10-11' }) }, 201)).id;
    const titles = (await ruleTasks(ctx(), running)).map((t) => t.title.en);
    expect(titles).toEqual(expect.arrayContaining(['Extra to-do', 'Analyst to-do']));
    expect((await extraTimers(ctx())).map((t) => t.status)).toEqual(['scheduled']);
  });

  it('an analyst publishes a later version of one of them', async () => {
    const draft = { ...extraTodo('analyst-todo', 'Analyst to-do, reworded') };
    delete draft.version;
    await ok(ctx(), undefined, 'POST', '/api/definitions', draft, 201);
    const published = await ok(ctx(), undefined, 'POST', '/api/definitions/rule/analyst-todo/publish', { version: 2 });
    expect(published.status).toBe('published');
  });

  it('version N+1 without them: the pack\'s are retired, the analyst\'s is kept, in one audit entry', async () => {
    const upgrade = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', withVersion(base, version + 1, []), 201);
    expect(upgrade.retired).toEqual(expect.arrayContaining([
      { kind: 'rule', key: 'extra-todo', version: 1 },
      { kind: 'rule', key: 'extra-reminder', version: 1 },
    ]));
    expect(upgrade.retired).toHaveLength(2);
    expect(upgrade.kept).toEqual([{ kind: 'rule', key: 'analyst-todo', reason: 'changed-after-import', version: 2, by: expect.any(String) }]);
    expect(upgrade.cancelledTimers).toBe(1);
    // Scheduled timers of the retired reminder are gone (cancelled, not left to fire).
    expect((await extraTimers(ctx())).map((t) => t.status)).toEqual(['cancelled']);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['data']).where('action', '=', 'pack.imported').where('subject_id', '=', `offboarding@${version + 1}`).execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.data as Json).retired).toHaveLength(2);
    expect((audit[0]!.data as Json).kept).toEqual(upgrade.kept);
  });

  it('retired rules no longer fire; their definition is still readable by version; the analyst\'s rule still fires', async () => {
    const leaver = await people.token('demo-eng-4');
    const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-4', { lastWorkingDay: '2030-10-11', terminationDate: '2030-10-11' }) }, 201);
    const titles = (await ruleTasks(ctx(), started.id)).map((t) => t.title.en);
    expect(titles).not.toContain('Extra to-do');
    expect(titles).toContain('Analyst to-do, reworded');
    expect((await extraTimers(ctx())).filter((t) => t.status === 'scheduled')).toEqual([]);
    const old = await ok(ctx(), undefined, 'GET', '/api/definitions/rule/extra-todo?version=1');
    expect(old.status).toBe('archived');
    const listed = await ok(ctx(), undefined, 'GET', '/api/definitions?kind=rule&status=published&limit=500');
    expect(listed.items.map((d: Json) => d.key)).not.toContain('extra-todo');
    await ctx().call({ method: 'GET', url: '/api/definitions/rule/extra-todo', token: ctx().adminToken }).then((r) => expect(r.statusCode).toBe(404));
  });

  it('the offboarding started on version N runs on: its to-dos stay and it moves forward', async () => {
    expect((await ruleTasks(ctx(), running)).find((t) => t.title.en === 'Extra to-do')?.status).toBe('open');
    const moved = await act(ctx(), await people.token('demo-eng-director'), running, 'managerApproval', { action: 'approve' });
    expect(moved).toBeTruthy();
  });

  it('importing N+1 again changes nothing', async () => {
    const again = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', withVersion(base, version + 1, []), 200);
    expect(again.imported).toEqual([]);
    expect(again.retired).toEqual([]);
    expect(again.kept).toEqual([]);
  });
});
