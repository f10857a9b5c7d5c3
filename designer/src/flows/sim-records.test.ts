import { compileForm, createRegistry, simulate, type FlowDefinition, type FormDefinition } from '@baton/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleValue, type SampleContext } from './sample-data.js';
import { defaultScenario, sampleContextOf, toScenario } from './scenario-builder.js';
import { runToEnd, taskInstructions } from './scenario-runner.js';
import { rowOfButton } from './sim-form-buttons.js';
import { recordLookup } from './sim-record-lookup.js';
import { defaultSampleRecords, newSampleRecord, pickRecord, recordLabel, relationTargets, type SimRecord } from './sim-records.js';
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
const flowForms = formDefs.filter((f) => f.key !== 'asset' && f.key !== 'customer');
const ctx: SampleContext = { subject: 'initiator', colleague: 'colleague', date: '2025-03-31' };
const workspaceAsset: SimRecord = { id: 'demo-asset-lt-0101', formKey: 'asset', data: { tag: 'LT-0101', holderId: 'demo-sales-1' }, source: 'workspace' };

describe('the simulation\'s record lookup (the runtime\'s interface, in memory)', () => {
  it('finds records by id as { data }, notes what it was asked, found or not, and lets the first record with an id win', () => {
    const { lookup, read } = recordLookup([{ id: 'a', data: { tag: 'S-1' } }, { id: 'a', data: { tag: 'later' } }, { id: 'b', data: { tag: 'W-2' }, formKey: 'asset' }]);
    expect(lookup('a')).toEqual({ data: { tag: 'S-1' } });
    expect(lookup('b')).toEqual({ data: { tag: 'W-2' }, formKey: 'asset' });
    expect(lookup('nope')).toBeUndefined();
    expect(lookup('a')).toEqual({ data: { tag: 'S-1' } });
    expect(read()).toEqual({ found: ['a', 'b'], missing: ['nope'] });
  });
});

describe('sample records', () => {
  it('knows which collections the flow\'s relation fields point at, sub-table columns included', () => {
    expect(relationTargets(flowForms).sort()).toEqual(['asset', 'customer']);
    expect(relationTargets([forms.get('asset')!.form])).toEqual([]);
  });

  it('makes one per collection, held by the subject, titled SAMPLE-n, valid against the collection\'s form', () => {
    const samples = defaultSampleRecords(['asset', 'customer', 'not-loaded'], forms, ctx);
    expect(samples.map((r) => [r.id, r.formKey, r.source])).toEqual([['sample-asset-1', 'asset', 'sample'], ['sample-customer-1', 'customer', 'sample']]);
    const [asset, customer] = samples;
    expect(asset!.data).toMatchObject({ tag: 'SAMPLE-1', holderId: 'initiator', kind: 'laptop' });
    expect(customer!.data).toMatchObject({ name: 'SAMPLE-1', ownerId: 'initiator' });
    expect(compileForm(forms.get('asset')!.form, registry).validate(asset!.data).errors).toEqual([]);
    expect(newSampleRecord('asset', forms.get('asset')!, ctx, samples).id).toBe('sample-asset-2');
    expect(recordLabel(asset!, forms.get('asset')!.form)).toBe('SAMPLE-1');
    expect(recordLabel({ id: 'x', data: {} })).toBe('x');
  });

  it('picks for a relation the subject\'s record, a sample one before the workspace\'s, else none', () => {
    const sample: SimRecord = { id: 'sample-asset-1', formKey: 'asset', data: { holderId: 'initiator' }, source: 'sample' };
    const other: SimRecord = { id: 'sample-asset-2', formKey: 'asset', data: { holderId: 'colleague' }, source: 'sample' };
    expect(pickRecord([workspaceAsset, other, sample], 'asset', 'initiator')).toBe('sample-asset-1');
    expect(pickRecord([workspaceAsset, other], 'asset', 'demo-sales-1')).toBe('demo-asset-lt-0101');
    expect(pickRecord([workspaceAsset], 'customer', 'initiator')).toBeUndefined();
    const ui = { 'ui:widget': 'record-picker', 'ui:options': { form: 'asset' } };
    expect(sampleValue({ type: 'string', minLength: 1 }, ui, { ...ctx, record: () => 'sample-asset-1' })).toBe('sample-asset-1');
    expect(sampleValue({ type: 'array', items: { type: 'string' } }, ui, { ...ctx, record: () => 'sample-asset-1' })).toEqual(['sample-asset-1']);
    // With no record to name, the old sample string stays, so a run can still go on.
    expect(sampleValue({ type: 'string' }, ui, { ...ctx, record: () => undefined })).toBe('Sample');
  });
});

describe('the offboarding flow simulated with records', () => {
  const samples = defaultSampleRecords(['asset', 'customer'], forms, ctx);
  const records = [...samples, workspaceAsset];
  const context = (draft: ReturnType<typeof defaultScenario>): SampleContext => ({ ...sampleContextOf(draft), record: (k) => pickRecord(records, k, draft.initiator) });

  it('lists the leaver\'s devices in admin affairs\' instructions, and says which records it read', async () => {
    const base = defaultScenario(flow);
    const draft = { ...base, data: sampleStartData(flow, forms, context(base)) };
    expect(draft.data.assets).toEqual([expect.objectContaining({ assetId: 'sample-asset-1' })]);
    const table = recordLookup(records);
    const { result } = await runToEnd(
      (steps) => simulate(flow, toScenario(flow, { ...draft, steps }), { forms: formDefs, registry, records: table.lookup }),
      [],
      (node, current) => sampleStepData(flow, forms, node, current, context(draft)),
    );
    expect(result.finalState.status).toBe('completed');
    const admin = taskInstructions(result).find((i) => i.node === 'adminAffairs')!;
    expect((admin.text as { en: string }).en).toContain('Devices listed in the request (asset tags): SAMPLE-1.');
    expect((admin.text as Record<string, string>)['zh-CN']).toContain('申请中列出的设备（资产编号）：SAMPLE-1。');
    // Texts read the asset; the relation filters (judged as the runtime does) read the customer and the asset.
    expect(table.read()).toEqual({ found: ['sample-customer-1', 'sample-asset-1'], missing: [] });
    // The same run without a lookup (what the designer did before) says none are listed.
    const bare = await runToEnd(
      (steps) => simulate(flow, toScenario(flow, { ...draft, steps }), { forms: formDefs, registry }),
      [],
      (node, current) => sampleStepData(flow, forms, node, current, context(draft)),
    );
    const blind = taskInstructions(bare.result).find((i) => i.node === 'adminAffairs')!;
    expect((blind.text as { en: string }).en).toContain('No devices are listed in the request');
  });

  it('names an open checklist row by its labels and its asset\'s tag when admin affairs is refused', async () => {
    const base = defaultScenario(flow);
    const draft = { ...base, data: sampleStartData(flow, forms, context(base)) };
    const { refused } = await runToEnd(
      (steps) => simulate(flow, toScenario(flow, { ...draft, steps }), { forms: formDefs, registry, records: recordLookup(records).lookup }),
      [],
      (node, current) => {
        const data = sampleStepData(flow, forms, node, current, context(draft));
        return node === 'adminAffairs' ? { ...data, assets: (data!.assets as object[]).map((row) => ({ ...row, returned: false })) } : data;
      },
    );
    expect(refused?.step).toMatchObject({ complete: { node: 'adminAffairs' } });
    expect(refused!.failure.message).toContain('Assets to return row 1 (SAMPLE-1): Returned');
    expect(refused!.failure.issues?.map((i) => i.path)).toContain('/data/assets/0/returned');
    expect(refused!.failure.issues?.some((i) => i.message.includes('"Assets to return row 1 (SAMPLE-1): Returned"'))).toBe(true);
  });
});

describe('the offboarding flow simulated with another employee\'s asset', () => {
  it('is refused at the field as the runtime refuses it (its relation filter), and runs with the leaver\'s own', () => {
    const samples = defaultSampleRecords(['asset', 'customer'], forms, ctx);
    const records = [...samples, workspaceAsset];
    const base = defaultScenario(flow);
    const data = sampleStartData(flow, forms, { ...sampleContextOf(base), record: (k) => pickRecord(records, k, base.initiator) });
    const run = (assetId: string) =>
      simulate(flow, toScenario(flow, { ...base, data: { ...data, assets: [{ assetId }] } }), { forms: formDefs, registry, records: recordLookup(records).lookup });
    const [failure] = run(workspaceAsset.id).failures;
    expect(failure).toMatchObject({ path: '/start', actual: 'BATON_E_RELATION_NOT_ALLOWED' });
    expect(failure!.issues).toEqual([expect.objectContaining({ path: '/data/assets/0/assetId', message: expect.stringContaining('"demo-asset-lt-0101" is not one this field offers') })]);
    expect(run('sample-asset-1').failures).toEqual([]);
  });
});

describe('the simulation forms\' row buttons', () => {
  it('read the row they act on from rjsf\'s button id, counted from 1', () => {
    expect(rowOfButton('sim-start_assets_0__remove')).toBe(1);
    expect(rowOfButton('sim-task-x-flow_workItems_2__moveUp')).toBe(3);
    expect(rowOfButton('sim-start_assets__add')).toBeUndefined();
    expect(rowOfButton(undefined)).toBeUndefined();
  });
});
