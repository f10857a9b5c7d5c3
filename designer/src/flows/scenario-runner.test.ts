import { compileForm, createRegistry, simulate, type FlowDefinition, type FormDefinition } from '@baton/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultScenario, sampleContextOf, starterRoleChoices, starterRoles, toScenario, withStarterRoles, type ScenarioDraft } from './scenario-builder.js';
import { refusedStart, runToEnd } from './scenario-runner.js';
import { sampleStartData, sampleStepData, type SimForm } from './step-samples.js';

// The simulator judges a start as the server does (engine judgeSimulatedStart): the offboarding pack's start
// check ("a resignation's last working day is not in the past, unless HR or an admin files it") with the
// starter's roles and the scenario's day, and the flow's subject rules (only hr or admin start it for others).
const pack = new URL('../../../templates/offboarding/', import.meta.url);
const flow = JSON.parse(readFileSync(new URL('flows/offboarding.json', pack), 'utf8')) as FlowDefinition;
const formDefs = readdirSync(new URL('forms/', pack)).map((f) => JSON.parse(readFileSync(new URL(`forms/${f}`, pack), 'utf8')) as FormDefinition);
const registry = createRegistry();
const forms = new Map<string, SimForm>(formDefs.map((form) => [form.key, { form, ...compileForm(form, registry).schemas('en') }]));

function draft(data: Record<string, unknown> = {}): ScenarioDraft {
  const d = defaultScenario(flow);
  return { ...d, data: { ...sampleStartData(flow, forms, sampleContextOf(d)), ...data } };
}

function play(d: ScenarioDraft, locale: 'en' | 'zh-CN' = 'en') {
  return runToEnd(
    (steps) => simulate(flow, toScenario(flow, { ...d, steps }), { forms: formDefs, registry, locale }),
    [],
    (node, current) => sampleStepData(flow, forms, node, current, sampleContextOf(d)),
  );
}

describe('the scenario runner and the start\'s own rules', () => {
  it('stops at a refused start: a resignation dated before the scenario\'s day, in the check\'s words at the field', async () => {
    const outcome = await play(draft({ type: 'resignation', lastWorkingDay: '2025-02-28', terminationDate: '2025-02-28' }));
    expect(outcome.steps).toEqual([]);
    expect(outcome.result.tasks).toEqual([]);
    const refused = refusedStart(outcome.result);
    expect(refused?.code).toBe('BATON_E_START_CHECKS_FAILED');
    expect(refused?.issues).toEqual([expect.objectContaining({ path: '/data/lastWorkingDay', message: expect.stringContaining('cannot be in the past') })]);
    const zh = refusedStart((await play(draft({ type: 'resignation', lastWorkingDay: '2025-02-28', terminationDate: '2025-02-28' }), 'zh-CN')).result);
    expect(zh?.issues[0]?.message).toContain('不能早于今天');
  });

  it('lets a starter holding the hr role record the past date, and runs to the end', async () => {
    const hr = withStarterRoles(draft({ type: 'resignation', lastWorkingDay: '2025-02-28', terminationDate: '2025-02-28' }), ['hr']);
    expect(starterRoles(hr)).toEqual(['hr']);
    const outcome = await play(hr);
    expect(refusedStart(outcome.result)).toBeUndefined();
    expect(outcome.result.finalState.status).toBe('completed');
  });

  it('refuses a start for somebody else by a starter without an on-behalf role, and lets hr do it', async () => {
    const forColleague = draft({ employeeId: 'colleague' });
    const refused = refusedStart((await play(forColleague)).result);
    expect(refused?.code).toBe('BATON_E_START_NOT_FOR_OTHERS');
    expect(refused?.issues).toEqual([{
      code: 'BATON_E_START_NOT_FOR_OTHERS',
      path: '/data/employeeId',
      message: 'You may only start "Employee offboarding" for yourself: choose yourself as "Leaving employee", or ask someone with one of the roles hr, admin to start it for colleague.',
    }]);
    expect(refusedStart((await play(withStarterRoles(forColleague, ['admin']))).result)).toBeUndefined();
  });

  it('refuses a start that names nobody as the leaver', async () => {
    const { employeeId: _dropped, ...rest } = draft().data;
    const refused = refusedStart((await play({ ...draft(), data: rest })).result);
    expect(refused?.issues.map((i) => [i.code, i.path])).toEqual([['BATON_E_START_SUBJECT_MISSING', '/data/employeeId']]);
  });

  it('offers the roles the start rules read and those the starter holds; adds a starter missing from the directory', () => {
    const d = defaultScenario(flow);
    expect(starterRoleChoices(flow, d)).toEqual(['admin', 'hr']);
    expect(starterRoleChoices(flow, withStarterRoles(d, ['it']))).toEqual(['admin', 'hr', 'it']);
    const added = withStarterRoles({ ...d, initiator: 'newcomer' }, ['hr']);
    expect(added.users.find((u) => u.id === 'newcomer')?.roles).toEqual(['hr']);
  });
});
