import { describe, expect, it } from 'vitest';
import { importChanges, packDefinitions } from './pack-import-preview.js';

const form = { kind: 'form', key: 'request', version: 3, title: 'Request', fields: [{ key: 'a', type: 'text', label: 'A' }] };
const flow = { kind: 'flow', key: 'offboarding', version: 1, title: 'Offboarding', nodes: [], edges: [] };

describe('what an import will change', () => {
  const bundle = {
    manifest: { kind: 'pack', key: 'p', version: 1, engine: '^0.1.0', definitions: [{ kind: 'rule', key: 'remind', definition: { title: 'Remind', trigger: { type: 'flow-started' }, actions: [] } }] },
    definitions: [form, flow],
  };

  it('finds definitions in the bundle list and inline in the manifest', () => {
    expect(packDefinitions(bundle).map((d) => `${d.kind}/${d.key}`)).toEqual(['form/request', 'flow/offboarding', 'rule/remind']);
    expect(packDefinitions('nonsense')).toEqual([]);
  });

  it('says new, changed (with how much) or unchanged against what is published', () => {
    const published: Record<string, Record<string, unknown>> = {
      'form/request': { ...form, version: 9 },
      'flow/offboarding': { ...flow, title: 'Old title' },
    };
    expect(importChanges(bundle, (kind, key) => published[`${kind}/${key}`] ?? null)).toEqual([
      { kind: 'form', key: 'request', change: 'unchanged', differences: 0 },
      { kind: 'flow', key: 'offboarding', change: 'changed', differences: 1 },
      { kind: 'rule', key: 'remind', change: 'new', differences: 0 },
    ]);
  });
});
