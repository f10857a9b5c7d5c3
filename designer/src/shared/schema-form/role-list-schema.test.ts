import common from '@baton/engine/schemas/common.schema.json';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '@baton/engine';
import { prepareSchema } from './prepare-schema.js';

describe('role lists in generated panels', () => {
  it('edits a person field\'s roles and a secret field\'s revealTo with the role picker, not free text boxes', () => {
    const catalogue = createRegistry().describe();
    const config = (type: string) => catalogue.fields.find((f) => f.type === type)?.configSchema;
    expect(prepareSchema(config('user'), common).uiSchema.roles).toEqual({ 'ui:field': 'roleList', 'ui:fieldReplacesAnyOrOneOf': true });
    expect(prepareSchema(config('secret'), common).uiSchema.revealTo).toEqual({ 'ui:field': 'roleList', 'ui:fieldReplacesAnyOrOneOf': true });
  });

  it('leaves other string lists (a person field\'s departments) to the generic list editor', () => {
    const prepared = prepareSchema({ type: 'object', properties: { departments: { type: 'array', items: { type: 'string' } }, roles: { type: 'string' } } }, common);
    expect(prepared.uiSchema).toEqual({ departments: { 'ui:field': 'stringList' } });
  });
});
