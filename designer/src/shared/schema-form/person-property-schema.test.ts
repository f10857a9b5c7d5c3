import common from '@baton/engine/schemas/common.schema.json';
import connector from '@baton/engine/schemas/connector.schema.json';
import { describe, expect, it } from 'vitest';
import { prepareSchema } from './prepare-schema.js';

const defs = (connector as { $defs: Record<string, unknown> }).$defs;
const person = { 'ui:field': 'person', 'ui:fieldReplacesAnyOrOneOf': true };

describe('a webhook\'s inbound.actAs in generated panels', () => {
  it('picks the user an incoming webhook writes as from the directory, not a typed id', () => {
    // The webhook config as a connector panel renders it: its own "#/$defs/inbound" inlined.
    const prepared = prepareSchema({ ...(defs.webhookConfig as object), $defs: { inbound: defs.inbound } }, common);
    expect((prepared.uiSchema.inbound as Record<string, unknown>).actAs).toEqual(person);
    const inbound = (prepared.schema.properties as Record<string, { properties: Record<string, unknown> }>).inbound!;
    expect(inbound.properties.actAs).toMatchObject({ type: 'string', minLength: 1 });
    // Its other parts keep their editors: the mapping is JSON, the action a select.
    expect((prepared.uiSchema.inbound as Record<string, unknown>).map).toMatchObject({ 'ui:field': 'json' });
  });

  it('leaves an "actAs" that is not one user id, and recursive local definitions, alone', () => {
    // A list named actAs is not one user: the generic list editor, not the person picker.
    expect(prepareSchema({ type: 'object', properties: { actAs: { type: 'array', items: { type: 'string' } } } }, common).uiSchema).toEqual({ actAs: { 'ui:field': 'stringList' } });
    const tree = { type: 'object', properties: { root: { $ref: '#/$defs/node' } }, $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } } };
    expect((prepareSchema(tree, common).schema.properties as Record<string, unknown>).root).toEqual({ $ref: '#/$defs/node' });
  });
});
