import { compileForm, createRegistry, simulate, type FlowDefinition, type FormDefinition } from '@baton/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPreset, branchPresets, factsFor } from './branch-presets.js';
import { sampleValue } from './sample-data.js';
import { defaultScenario, sampleContextOf, toScenario, type ScenarioDraft } from './scenario-builder.js';
import { runToEnd } from './scenario-runner.js';
import { sampleStartData, sampleStepData, type SimForm } from './step-samples.js';

const pack = new URL('../../../templates/offboarding/', import.meta.url);
const flow = JSON.parse(readFileSync(new URL('flows/offboarding.json', pack), 'utf8')) as FlowDefinition;
const formDefs = readdirSync(new URL('forms/', pack)).map((f) => JSON.parse(readFileSync(new URL(`forms/${f}`, pack), 'utf8')) as FormDefinition);
const registry = createRegistry();
const forms = new Map<string, SimForm>(
  formDefs.map((form) => {
    const { jsonSchema, uiSchema } = compileForm(form, registry).schemas('en');
    return [form.key, { form, jsonSchema, uiSchema }];
  }),
);
const ctx = { subject: 'initiator', colleague: 'colleague', date: '2025-03-31' };

function draftWithSamples(): ScenarioDraft {
  const draft = defaultScenario(flow);
  return { ...draft, data: sampleStartData(flow, forms, sampleContextOf(draft)) };
}

async function playToEnd(draft: ScenarioDraft) {
  return runToEnd(
    (steps) => simulate(flow, toScenario(flow, { ...draft, steps }), { forms: formDefs, registry }),
    [],
    (node, current) => sampleStepData(flow, forms, node, current, sampleContextOf(draft)),
  );
}

describe('sample data from form schemas', () => {
  it('makes values that satisfy the schema: enums, dates, money patterns, people, one row per sub-table', () => {
    expect(sampleValue({ type: 'string', enum: ['b', 'a'] }, {}, ctx)).toBe('b');
    expect(sampleValue({ type: 'string', format: 'date' }, {}, ctx)).toBe('2025-03-31');
    expect(sampleValue({ type: 'string', pattern: '^[a-f0-9]{64}$' }, {}, ctx)).toMatch(/^[a-f0-9]{64}$/);
    expect(sampleValue({ type: 'number', minimum: 0 }, {}, ctx)).toBe(0);
    expect(sampleValue({ type: 'integer', exclusiveMinimum: 3 }, {}, ctx)).toBe(4);
    expect(sampleValue({ type: 'string', minLength: 8 }, {}, ctx)).toHaveLength(8);
    expect(sampleValue({ type: 'string' }, { 'ui:widget': 'user-picker' }, ctx, 'u1')).toBe('u1');
    const money = forms.get('finance-settlement')!.jsonSchema.properties as Record<string, unknown>;
    expect(sampleValue(money.finalSalary, {}, ctx)).toEqual({ amount: '100.00', currency: 'CNY' });
  });

  it('fills the offboarding request as the start node may: the initiator leaves, a colleague succeeds, read-only columns stay empty', () => {
    const data = sampleStartData(flow, forms, ctx);
    expect(data).toMatchObject({ employeeId: 'initiator', type: 'resignation', lastWorkingDay: '2025-03-31', reasonCategory: 'compensation' });
    expect(data.customers).toEqual([{ customerId: 'Sample', successorId: 'colleague', notes: 'Sample' }]);
    expect((data.workItems as Array<Record<string, unknown>>)[0]).not.toHaveProperty('confirmed');
    const check = compileForm(forms.get('offboarding-request')!.form, registry).validate(data, { node: 'request' });
    expect(check.errors).toEqual([]);
  });

  it('fills a step with its own form and the editable columns of existing rows', () => {
    const current = sampleStartData(flow, forms, ctx);
    const it = sampleStepData(flow, forms, 'itClearance', current, ctx)!;
    expect(it.accounts).toEqual([{ ...(current.accounts as unknown[])[0] as object, disabled: true }]);
    expect(it).toMatchObject({ dataBackedUp: true, devicesCollected: true, mailboxForwardTo: 'colleague' });
    expect(it).not.toHaveProperty('reason');
  });
});

describe('branch presets', () => {
  it('derives "sales" and "confidential" from the split conditions, and none from complex logic', () => {
    const presets = branchPresets(flow);
    expect(presets.map((p) => p.edge)).toEqual(['toCustomers', 'toNda']);
    expect(presets[0]!.facts).toEqual([{ kind: 'person', personPath: 'employeeId', attribute: 'attributes.jobFamily', value: 'sales' }]);
    expect(factsFor({ '>': [{ var: 'days' }, 10] })).toEqual([{ kind: 'data', path: 'days', value: 11 }]);
    expect(factsFor({ '<': [5, { var: 'days' }] })).toEqual([{ kind: 'data', path: 'days', value: 6 }]);
    expect(factsFor({ or: [{ '==': [{ var: 'a' }, 1] }] })).toBeUndefined();
    expect(factsFor({ in: ['x', { var: 'a' }] })).toBeUndefined();
  });

  it('sets the attribute on the person the data names', () => {
    const draft = applyPreset(draftWithSamples(), branchPresets(flow)[0]!);
    expect(draft.users.find((u) => u.id === 'initiator')!.attributes).toEqual({ jobFamily: 'sales' });
  });
});

describe('run to the end with sample data', () => {
  it('completes the offboarding flow of a plain leaver, skipping the conditional branches', async () => {
    const { result, refused } = await playToEnd(draftWithSamples());
    expect(refused).toBeUndefined();
    expect(result.failures).toEqual([]);
    expect(result.finalState.status).toBe('completed');
    expect(result.uncovered.branches).toEqual(['managerRejected', 'hrRejected', 'toCustomers', 'toNda']);
  });

  it('takes the customer handover with the sales preset and the NDA with the confidential one', async () => {
    for (const preset of branchPresets(flow)) {
      const { result } = await playToEnd(applyPreset(draftWithSamples(), preset));
      expect(result.failures).toEqual([]);
      expect(result.finalState.status).toBe('completed');
      expect(result.covered.branches).toContain(preset.edge);
      const target = flow.edges.find((e) => e.id === preset.edge)!.to;
      expect(result.tasks.some((t) => t.node === target && t.status === 'completed')).toBe(true);
    }
  });

  it('lists the invalid fields with their paths when a step is refused', async () => {
    const draft = draftWithSamples();
    const { result, refused, steps } = await runToEnd(
      (s) => simulate(flow, toScenario(flow, { ...draft, steps: s }), { forms: formDefs, registry }),
      [],
      (node, current) => (node === 'hrInterview' ? { interviewReason: 'nonsense' } : sampleStepData(flow, forms, node, current, ctx)),
    );
    expect(refused?.step).toMatchObject({ complete: { node: 'hrInterview' } });
    expect(steps).toHaveLength(refused!.index);
    const paths = (refused!.failure.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/interviewReason', '/interviewDate']));
    expect(result.tasks.find((t) => t.status === 'open')!.node).toBe('hrInterview');
  });
});
