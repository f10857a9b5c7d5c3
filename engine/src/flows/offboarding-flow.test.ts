import { describe, expect, it } from 'vitest';
import { checkFlowDefinition } from './check-flow-definition.js';
import { replayFlow } from './evolve-flow-state.js';
import { FlowHarness, offboardingFlow, offboardingForm, testRegistry } from './flow-test-kit.js';

const request = {
  employee: 'emp',
  lastWorkingDay: '2025-03-31',
  jobFamily: 'sales',
  confidential: true,
  reason: 'relocation',
  assets: [{ tag: 'LAPTOP-1', returned: false }, { tag: 'BADGE-7', returned: true }],
  customers: [{ name: 'ACME', successor: null }],
};

describe('offboarding-shaped flow', () => {
  it('passes every semantic check', () => {
    const issues = checkFlowDefinition(offboardingFlow(), {
      registry: testRegistry(), locale: 'en', resolve: (kind, key) => (kind === 'form' && key === 'offboarding-request' ? offboardingForm : undefined),
    });
    expect(issues).toEqual([]);
  });

  it('runs from request to HR confirmation with the conditional branches', () => {
    const h = new FlowHarness(offboardingFlow());
    h.start(request, 'hr1');
    expect(h.task('managerApproval').assignees).toEqual(['mgr']);
    expect(h.effectsOf('scheduleTimer')[0]!.purpose).toBe('sla');

    expect(() => h.act('managerApproval', 'mgr', 'approve', { data: { reason: 'changed' } })).toThrow(/reason/);
    h.act('managerApproval', 'mgr', 'approve', { comment: 'agreed', data: { lastWorkingDay: '2025-04-01' } });
    expect(h.state.data.lastWorkingDay).toBe('2025-04-01');

    h.act('hrInterview', 'hr2', 'complete', { data: { interviewNotes: 'amicable' } });
    expect(h.positions()).toEqual(['assetReturn', 'customerHandover', 'financeSettlement', 'itAccess', 'nda']);

    h.act('itAccess', 'it1', 'complete');
    h.act('financeSettlement', 'fin1', 'complete');
    h.act('nda', 'legal1', 'complete');
    expect(() => h.act('assetReturn', 'adm1', 'complete')).toThrow(/checklist/);
    expect(() => h.act('assetReturn', 'adm1', 'complete', { data: { assets: [{ tag: 'LAPTOP-2', returned: true }, { tag: 'BADGE-7', returned: true }] } })).toThrow(/assets.tag/);
    h.act('assetReturn', 'adm1', 'complete', { data: { assets: [{ tag: 'LAPTOP-1', returned: true }, { tag: 'BADGE-7', returned: true }] } });
    expect(() => h.act('customerHandover', 'mgr', 'complete')).toThrow(/checklist/);
    expect(h.tasks('hrConfirmation')).toHaveLength(0);
    h.act('customerHandover', 'mgr', 'complete', { data: { customers: [{ name: 'ACME', successor: 'a1' }] } });

    expect(h.positions()).toEqual(['hrConfirmation']);
    h.act('hrConfirmation', 'hr1', 'approve');
    expect(h.state.status).toBe('completed');
    expect(h.events.at(-1)!.type).toBe('flow.completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('skips customer handover and NDA for a non-confidential engineer', () => {
    const h = new FlowHarness(offboardingFlow());
    h.start({ ...request, jobFamily: 'engineering', confidential: false, assets: [] }, 'hr1');
    h.act('managerApproval', 'mgr');
    h.act('hrInterview', 'hr1', 'complete');
    expect(h.positions()).toEqual(['assetReturn', 'financeSettlement', 'itAccess']);
    h.act('assetReturn', 'adm1', 'complete');
    h.act('itAccess', 'it1', 'complete');
    h.act('financeSettlement', 'fin1', 'complete');
    h.act('hrConfirmation', 'hr2');
    expect(h.state.status).toBe('completed');
  });
});
