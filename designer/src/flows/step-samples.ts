import type { FlowDefinition, FormDefinition } from '@baton/engine';
import { fieldAccessAt, type FieldAccess } from '../workspace/task/field-access.js';
import { personFields, sampleObject, sampleValue, type SampleContext } from './sample-data.js';

type Json = Record<string, unknown>;

/** A form the flow binds, with the JSON Schema and uiSchema the engine makes of it (formSchemas). */
export interface SimForm {
  form: FormDefinition;
  jsonSchema: Json;
  uiSchema: Json;
}
export type SimForms = ReadonlyMap<string, SimForm>;

/** What a step shows: the node's own form (when it is not the flow's), and the flow's form at the node's access. */
export interface StepForms {
  nodeForm?: SimForm;
  startForm?: SimForm;
  /** Access of the flow form's fields at the node ("table.column" for sub-table columns). */
  access: Record<string, FieldAccess>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function startNodeOf(flow: FlowDefinition): string {
  return flow.nodes.find((n) => n.type === 'start')?.id ?? '';
}

/** The forms a node shows, as the runtime judges its data: its own form, and the flow's form at its access. */
export function stepFormsAt(flow: FlowDefinition, forms: SimForms, nodeId: string): StepForms {
  const node = flow.nodes.find((n) => n.id === nodeId);
  const startForm = flow.form ? forms.get(flow.form) : undefined;
  const nodeKey = node?.form?.key ?? flow.form;
  const nodeForm = nodeKey && nodeKey !== flow.form ? forms.get(nodeKey) : undefined;
  const nodeAccess = nodeKey === flow.form ? (node?.form?.access as Record<string, string> | undefined) : undefined;
  const access = startForm ? fieldAccessAt(startForm.form.fields, startForm.form.access?.[nodeId] as Record<string, string> | undefined, nodeAccess) : {};
  return { ...(nodeForm ? { nodeForm } : {}), ...(startForm ? { startForm } : {}), access };
}

const editable = (access: Record<string, FieldAccess>, key: string) => (access[key] ?? 'editable') === 'editable';

/**
 * The fields of `sim` the node may edit: values already in `current` stay, missing ones are sampled; in a
 * sub-table with rows, each row keeps its read-only columns and gets its editable ones filled.
 */
export function sampleEditable(sim: SimForm, access: Record<string, FieldAccess>, current: Json, ctx: SampleContext): Json {
  const properties = isObject(sim.jsonSchema.properties) ? sim.jsonSchema.properties : {};
  const subject = personFields(sim.jsonSchema, sim.uiSchema)[0];
  const out: Json = {};
  for (const [key, schema] of Object.entries(properties)) {
    if (!editable(access, key) || !isObject(schema)) continue;
    const ui = isObject(sim.uiSchema[key]) ? (sim.uiSchema[key] as Json) : {};
    const rowUi = isObject(ui.items) ? ui.items : {};
    const column = (c: string) => editable(access, `${key}.${c}`);
    const value = current[key];
    if (schema.type === 'array' && isObject(schema.items)) {
      const items = schema.items;
      const rows = Array.isArray(value) && value.length > 0 ? (value as unknown[]) : [{}];
      out[key] = rows.map((row) => {
        const had = isObject(row) ? row : {};
        return { ...had, ...sampleObject(items, rowUi, ctx, ctx.colleague, column, had) };
      });
    } else if (value !== undefined) {
      out[key] = value;
    } else {
      const sampled = sampleValue(schema, ui, ctx, key === subject ? ctx.subject : ctx.colleague);
      if (sampled !== undefined) out[key] = sampled;
    }
  }
  return out;
}

/** Start data from the flow's form at the start node: every field the requester may fill, with a valid value. */
export function sampleStartData(flow: FlowDefinition, forms: SimForms, ctx: SampleContext): Json {
  const { startForm, access } = stepFormsAt(flow, forms, startNodeOf(flow));
  return startForm ? sampleEditable(startForm, access, {}, ctx) : {};
}

/** What a step sends: its own form filled in (keeping what the instance has) and the flow form's editable fields. */
export function sampleStepData(flow: FlowDefinition, forms: SimForms, nodeId: string, current: Json, ctx: SampleContext): Json | undefined {
  const { nodeForm, startForm, access } = stepFormsAt(flow, forms, nodeId);
  if (!nodeForm && !startForm) return undefined;
  const own = nodeForm ? sampleObject(nodeForm.jsonSchema, nodeForm.uiSchema, ctx, ctx.colleague, () => true, current) : {};
  const shared = startForm ? sampleEditable(startForm, access, current, ctx) : {};
  return { ...shared, ...own };
}
