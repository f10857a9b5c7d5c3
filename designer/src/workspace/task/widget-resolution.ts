import type { UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;

/** The widget the workspace draws when a field type names one nobody registered (a plugin's, say). */
export const FALLBACK_WIDGET = 'baton-fallback';
/** The rjsf field that draws an object-valued field (money, signature) with one of our widgets. */
export const WIDGET_FIELD = 'baton-widget-field';
/** The rjsf field that shows an object-valued field with an unknown widget as read-only JSON. */
export const JSON_VIEW_FIELD = 'baton-json-view';

/**
 * rjsf's own widget names by value type (@rjsf/utils getWidget's map, 6.x): a name outside it and outside
 * the workspace's widgets makes rjsf throw "No widget" and the whole page fail.
 */
const RJSF_WIDGETS: Record<string, readonly string[]> = {
  boolean: ['checkbox', 'radio', 'select', 'hidden'],
  string: ['text', 'password', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'data-url', 'radio', 'select', 'textarea', 'hidden', 'date', 'datetime', 'date-time', 'alt-date', 'alt-datetime', 'time', 'color', 'file'],
  number: ['text', 'select', 'updown', 'range', 'radio', 'hidden'],
  integer: ['text', 'select', 'updown', 'range', 'radio', 'hidden'],
  array: ['select', 'checkboxes', 'files', 'hidden'],
};

function typeOf(schema: Json | undefined): string | undefined {
  if (!schema) return undefined;
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (typeof t === 'string') return t;
  return schema.properties ? 'object' : undefined;
}

export type WidgetPlan =
  /** rjsf or the workspace has it for this type: leave the uiSchema as it is. */
  | { kind: 'keep' }
  /** Not a widget at all (`sub-table` is rjsf's own list of rows): drop the name. */
  | { kind: 'drop' }
  /** An object value (rjsf ignores widgets on objects): draw it with our widget through a field. */
  | { kind: 'field'; field: typeof WIDGET_FIELD | typeof JSON_VIEW_FIELD }
  /** Unknown for this type: a plain input (or JSON view) with a note, never a crash. */
  | { kind: 'fallback' };

/** What to do with `ui:widget: widget` on a field whose value schema is `schema`. */
export function planWidget(widget: unknown, schema: Json | undefined, registered: ReadonlySet<string>): WidgetPlan {
  if (widget === 'sub-table') return { kind: 'drop' };
  if (typeof widget !== 'string') return { kind: 'keep' };
  const type = typeOf(schema);
  if (type === 'object') return { kind: 'field', field: registered.has(widget) ? WIDGET_FIELD : JSON_VIEW_FIELD };
  if (registered.has(widget)) return { kind: 'keep' };
  if (type && RJSF_WIDGETS[type]?.includes(widget)) return { kind: 'keep' };
  return { kind: 'fallback' };
}

/** The sub-schema of `key` below `schema`: a property, or `items` of an array. */
function childSchema(schema: Json | undefined, key: string): Json | undefined {
  if (!schema) return undefined;
  if (key === 'items') return (schema.items as Json | undefined) ?? undefined;
  const props = schema.properties as Record<string, Json> | undefined;
  return props?.[key];
}

/**
 * The engine's uiSchema made safe for rjsf in the workspace, walking it beside the value schema: every
 * `ui:widget` is kept, dropped, routed through a field (objects) or replaced by the fallback, which is told
 * the original name in `ui:options.unknownWidget` so it can say what is missing.
 */
export function resolveUiSchema(ui: UiSchema, schema: Json | undefined, registered: ReadonlySet<string>): UiSchema {
  const walk = (node: unknown, sub: Json | undefined): unknown => {
    if (Array.isArray(node) || node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) out[k] = k.startsWith('ui:') ? v : walk(v, childSchema(sub, k));
    if ('ui:widget' in out) {
      const plan = planWidget(out['ui:widget'], sub, registered);
      const options = (out['ui:options'] as Json | undefined) ?? {};
      if (plan.kind === 'drop') delete out['ui:widget'];
      else if (plan.kind === 'field') {
        out['ui:field'] = plan.field;
        if (plan.field === JSON_VIEW_FIELD) out['ui:options'] = { ...options, unknownWidget: out['ui:widget'] };
      } else if (plan.kind === 'fallback') {
        out['ui:options'] = { ...options, unknownWidget: out['ui:widget'] };
        out['ui:widget'] = FALLBACK_WIDGET;
      }
    }
    return out;
  };
  return walk(ui, schema) as UiSchema;
}
