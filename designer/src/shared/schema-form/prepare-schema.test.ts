import common from '@baton/engine/schemas/common.schema.json';
import { createRegistry } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { prepareSchema } from './prepare-schema.js';

const catalogue = createRegistry().describe();
const schemaOf = (table: 'fields' | 'nodes' | 'triggers' | 'actions', type: string) => {
  const e = catalogue[table].find((x) => x.type === type)!;
  return e.configSchema ?? e.paramsSchema;
};

describe('registry schemas made renderable by rjsf', () => {
  it('leaves no reference to the common schema in any registered type', () => {
    for (const table of ['fields', 'nodes', 'triggers', 'actions'] as const) {
      for (const entry of catalogue[table]) {
        const { schema } = prepareSchema(entry.configSchema ?? entry.paramsSchema, common);
        expect(JSON.stringify(schema), `${table}:${entry.type}`).not.toContain('common.schema.json');
      }
    }
  });

  it('edits a localized label with the two-language editor, not a oneOf picker', () => {
    const { schema, uiSchema } = prepareSchema(schemaOf('fields', 'select'), common);
    expect(uiSchema).toEqual({ options: { items: { label: { 'ui:field': 'localizedText' } } } });
    const label = (schema.properties as Record<string, { properties: Record<string, { properties: Record<string, unknown> }> }>).options!;
    expect(JSON.stringify(label)).toContain('"oneOf"');
  });

  it('recognises a localized text written out in place', () => {
    const inline = { type: 'object', properties: { title: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } } }] } } };
    expect(prepareSchema(inline, common).uiSchema).toEqual({ title: { 'ui:field': 'localizedText' } });
  });

  it('edits assignee lists with the assignee editor', () => {
    expect(prepareSchema(schemaOf('nodes', 'approval'), common).uiSchema.assignees).toEqual({ 'ui:field': 'assignees' });
    expect(prepareSchema(schemaOf('actions', 'notify'), common).uiSchema.to).toEqual({ 'ui:field': 'assignees' });
  });

  it('edits JsonLogic and free-form maps as JSON', () => {
    const setData = prepareSchema(schemaOf('actions', 'set-data'), common).uiSchema as Record<string, Record<string, unknown>>;
    expect(setData.values).toEqual({ 'ui:field': 'json' });
    const nested = prepareSchema({ type: 'object', properties: { target: { type: 'object', properties: { form: { type: 'string' }, recordId: {} } } } }, common);
    expect(nested.uiSchema).toEqual({ target: { recordId: { 'ui:field': 'json' } } });
  });

  it('inlines a key reference as its pattern', () => {
    const { schema } = prepareSchema(schemaOf('fields', 'relation'), common);
    expect((schema.properties as Record<string, unknown>).form).toMatchObject({ type: 'string', pattern: '^[a-z][a-z0-9-]*$' });
  });

  it('gives an object schema for a type without config', () => {
    expect(prepareSchema(undefined, common)).toEqual({ schema: { type: 'object' }, uiSchema: {} });
  });
});

describe('titles for generated panels', () => {
  it('names properties in the UI language, keeping titles a schema has', async () => {
    const { withTitles } = await import('./prepare-schema.js');
    const titled = withTitles(
      { type: 'object', properties: { mode: { enum: ['single'] }, quorum: { type: 'object', title: 'Own', properties: { count: { type: 'integer' } } }, other: { type: 'string' } } },
      (name) => ({ mode: '审批方式', count: '人数', quorum: '通过人数' })[name],
    );
    expect(titled).toEqual({
      type: 'object',
      properties: { mode: { enum: ['single'], title: '审批方式' }, quorum: { type: 'object', title: 'Own', properties: { count: { type: 'integer', title: '人数' } } }, other: { type: 'string' } },
    });
  });
});
