import { createRegistry, validateDefinition, type RegistryCatalogue } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { catalogueStubsPlugin } from './catalogue-stubs.js';

// What a server with plugins serves: the built-ins plus an ID-card field and an e-signature node.
const server = createRegistry().describe();
const catalogue: RegistryCatalogue = {
  ...server,
  fields: [...server.fields, { type: 'acme/id-card', version: '1.0.0', label: { en: 'ID card', 'zh-CN': '身份证' }, configSchema: { type: 'object', properties: { strict: { type: 'boolean' } }, additionalProperties: false } }],
  nodes: [...server.nodes, { type: 'acme/e-sign', version: '2.0.0', label: 'E-sign', configSchema: { type: 'object', properties: { provider: { type: 'string' } }, required: ['provider'] }, ports: { inputs: [{ id: 'in' }], outputs: [{ id: 'out' }, { id: 'declined' }] } }],
};

describe('plugin types known only from the server’s catalogue', () => {
  const { plugin, stubbed } = catalogueStubsPlugin(catalogue, createRegistry());
  const registry = createRegistry({ plugins: [plugin] });

  it('registers stand-ins for exactly the types the browser lacks', () => {
    expect(stubbed).toEqual(['field:acme/id-card', 'node:acme/e-sign']);
  });

  it('validates definitions using them against their config schemas, as the server will', () => {
    const form = { kind: 'form', key: 'f', version: 1, title: 'F', fields: [{ key: 'id', type: 'acme/id-card', label: 'ID', config: { strict: 'yes' } }] };
    const bad = validateDefinition(form, { registry });
    expect(bad.errors.map((e) => e.path)).toEqual(['/fields/0/config/strict']);
    expect(validateDefinition({ ...form, fields: [{ ...form.fields[0], config: { strict: true } }] }, { registry }).ok).toBe(true);
    const flow = {
      kind: 'flow',
      key: 'g',
      version: 1,
      title: 'G',
      nodes: [
        { id: 's', type: 'start', name: 'S' },
        { id: 'sign', type: 'acme/e-sign', name: 'Sign', config: { provider: 'esign-cn' } },
        { id: 'e', type: 'end', name: 'E' },
      ],
      edges: [
        { id: 'e1', from: 's', to: 'sign' },
        { id: 'e2', from: 'sign', to: 'e' },
      ],
    };
    expect(validateDefinition(flow, { registry }).errors).toEqual([]);
    expect(validateDefinition(flow).errors.map((e) => e.path)).toContain('/nodes/1/type');
  });
});
