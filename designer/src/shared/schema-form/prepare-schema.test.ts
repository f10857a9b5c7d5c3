import common from '@baton/engine/schemas/common.schema.json';
import { createRegistry } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { humanize, prepareSchema, withTitles } from './prepare-schema.js';

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
    expect(uiSchema).toEqual({ options: { items: { label: { 'ui:field': 'localizedText', 'ui:fieldReplacesAnyOrOneOf': true } } } });
    const label = (schema.properties as Record<string, { properties: Record<string, { properties: Record<string, unknown> }> }>).options!;
    expect(JSON.stringify(label)).toContain('"oneOf"');
  });

  it('recognises a localized text written out in place', () => {
    const inline = { type: 'object', properties: { title: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } } }] } } };
    expect(prepareSchema(inline, common).uiSchema).toEqual({ title: { 'ui:field': 'localizedText', 'ui:fieldReplacesAnyOrOneOf': true } });
  });

  it('edits assignee lists with the assignee editor', () => {
    expect(prepareSchema(schemaOf('nodes', 'approval'), common).uiSchema.assignees).toEqual({ 'ui:field': 'assignees', 'ui:fieldReplacesAnyOrOneOf': true });
    expect(prepareSchema(schemaOf('actions', 'notify'), common).uiSchema.to).toEqual({ 'ui:field': 'assignees', 'ui:fieldReplacesAnyOrOneOf': true });
  });

  it('edits JsonLogic and free-form maps as JSON', () => {
    const setData = prepareSchema(schemaOf('actions', 'set-data'), common).uiSchema as Record<string, Record<string, unknown>>;
    expect(setData.values).toEqual({ 'ui:field': 'json', 'ui:fieldReplacesAnyOrOneOf': true });
    const nested = prepareSchema({ type: 'object', properties: { target: { type: 'object', properties: { form: { type: 'string' }, recordId: {} } } } }, common);
    expect(nested.uiSchema).toEqual({ target: { recordId: { 'ui:field': 'json', 'ui:fieldReplacesAnyOrOneOf': true } } });
  });

  it('gives a oneOf’s alternatives their own editors (a set-data target’s JsonLogic record id)', () => {
    const target = (prepareSchema(schemaOf('actions', 'set-data'), common).uiSchema as Record<string, Record<string, unknown>>).target!;
    expect(JSON.stringify(target.oneOf ?? target.anyOf)).toContain('"ui:field":"json"');
  });

  it('inlines a key reference as its pattern', () => {
    const { schema } = prepareSchema(schemaOf('fields', 'relation'), common);
    expect((schema.properties as Record<string, unknown>).form).toMatchObject({ type: 'string', pattern: '^[a-z][a-z0-9-]*$' });
  });

  it('edits "one or many" (a trigger’s steps, connectors) with one editor, not an "option 1/2" picker', () => {
    const { uiSchema } = prepareSchema(schemaOf('triggers', 'task-created'), common);
    expect(uiSchema.nodeId).toEqual({ 'ui:field': 'oneOrMany', 'ui:fieldReplacesAnyOrOneOf': true });
  });

  it('leaves rjsf no untitled oneOf/anyOf (an "X option N" picker) in the rule triggers and actions', () => {
    const pickers: string[] = [];
    const visit = (schema: unknown, ui: Record<string, unknown> | undefined, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      const branches = (node.oneOf ?? node.anyOf) as Array<Record<string, unknown>> | undefined;
      const replaced = ui?.['ui:fieldReplacesAnyOrOneOf'] === true;
      if (branches && !replaced && !branches.every((b) => 'const' in b || typeof b.title === 'string')) pickers.push(at);
      if (replaced) return;
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) visit(child, ui?.[key] as Record<string, unknown> | undefined, `${at}/${key}`);
      if (node.items) visit(node.items, ui?.items as Record<string, unknown> | undefined, `${at}/items`);
    };
    for (const table of ['triggers', 'actions'] as const) {
      for (const entry of catalogue[table]) {
        const prepared = prepareSchema(entry.configSchema ?? entry.paramsSchema, common);
        const schema = withTitles(prepared.schema, () => undefined);
        const uiSchema = prepared.uiSchema;
        for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) visit(child, uiSchema[key] as Record<string, unknown> | undefined, `${table}:${entry.type}/${key}`);
      }
    }
    expect(pickers).toEqual([]);
  });

  it('gives an object schema for a type without config', () => {
    expect(prepareSchema(undefined, common)).toEqual({ schema: { type: 'object' }, uiSchema: {} });
  });
});

describe('titles for generated panels', () => {
  it('names properties in the UI language, keeping titles a schema has, and makes other names readable', () => {
    const titled = withTitles(
      { type: 'object', properties: { mode: { enum: ['single'] }, quorum: { type: 'object', title: 'Own', properties: { count: { type: 'integer' } } }, closeWhenDone: { type: 'string' } } },
      (name) => ({ mode: '审批方式', count: '人数', quorum: '通过人数' })[name],
    );
    expect(titled).toEqual({
      type: 'object',
      properties: {
        mode: { enum: ['single'], title: '审批方式' },
        quorum: { type: 'object', title: 'Own', properties: { count: { type: 'integer', title: '人数' } } },
        closeWhenDone: { type: 'string', title: 'Close when done' },
      },
    });
    expect(humanize('closeWhenInstanceCompletes')).toBe('Close when instance completes');
  });

  it('shows enum values in words (business-days → 工作日), keeping the codes as values', () => {
    const titled = withTitles({ type: 'object', properties: { unit: { enum: ['days', 'business-days'] } } }, () => '单位', (v) => ({ 'business-days': '工作日', days: '天' })[v]);
    expect(titled.properties).toEqual({ unit: { type: 'string', title: '单位', oneOf: [{ const: 'days', title: '天' }, { const: 'business-days', title: '工作日' }] } });
    const untouched = withTitles({ type: 'object', properties: { method: { enum: ['GET'] } } }, () => undefined, () => undefined);
    expect(untouched.properties).toEqual({ method: { enum: ['GET'], title: 'Method' } });
  });
});
