import Form from '@rjsf/core';
import type { RegistryWidgetsType, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { memo, useMemo } from 'react';
import { cfworkerValidator } from '../shared/schema-form/cfworker-validator.js';
import { issuesToErrorSchema, type PathIssue } from '../shared/schema-form/issues-to-error-schema.js';
import { FallbackWidget } from '../workspace/task/fallback-widgets.js';
import { applyFieldAccess, type FieldAccess } from '../workspace/task/field-access.js';
import { workspaceDefaultFormState, workspaceFields, workspaceUiSchema, workspaceWidgets } from '../workspace/task/workspace-widgets.js';
import { SIM_BUTTON_TEMPLATES } from './sim-form-buttons.js';
import type { SimForm } from './step-samples.js';

type Json = Record<string, unknown>;

const NO_RECORDS: readonly SimRecordChoice[] = [];

/** A person of the scenario's made-up directory (not the server's): the simulation knows no one else. */
function ScenarioPersonWidget({ id, value, disabled, readonly, onChange, registry }: WidgetProps) {
  const people = ((registry.formContext as { people?: string[] } | undefined)?.people ?? []) as string[];
  const text = typeof value === 'string' ? value : '';
  return (
    <select id={id} name={id} value={text} disabled={disabled || readonly} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
      <option value="" />
      {text && !people.includes(text) ? <option value={text}>{text}</option> : null}
      {people.map((p) => (
        <option key={p} value={p}>{p}</option>
      ))}
    </select>
  );
}

/** A record a relation field may point at in the simulation, as its picker lists it. */
export interface SimRecordChoice {
  id: string;
  formKey: string;
  label: string;
}

/**
 * A record of the simulation (its sample records and the workspace's it read), not a live query: the run looks
 * records up in the same list, so what is picked here is what the texts show.
 */
function ScenarioRecordWidget({ id, value, disabled, readonly, onChange, options, registry }: WidgetProps) {
  const all = ((registry.formContext as { records?: SimRecordChoice[] } | undefined)?.records ?? []) as SimRecordChoice[];
  const records = all.filter((r) => r.formKey === options.form);
  const text = typeof value === 'string' ? value : '';
  return (
    <select id={id} name={id} value={text} disabled={disabled || readonly} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
      <option value="" />
      {text && !records.some((r) => r.id === text) ? <option value={text}>{text}</option> : null}
      {records.map((r) => (
        <option key={r.id} value={r.id}>{r.label}</option>
      ))}
    </select>
  );
}

// The workspace's widgets, but nothing that reaches the server: people and records come from the scenario,
// files and signatures are sample values shown as they are.
const SIM_WIDGETS: RegistryWidgetsType = {
  ...workspaceWidgets,
  'user-picker': ScenarioPersonWidget,
  'record-picker': ScenarioRecordWidget,
  'file-upload': FallbackWidget,
  'signature-pad': FallbackWidget,
};

export interface SimFormViewProps {
  sim: SimForm;
  /** Access at the node; fields it may not edit are left out (what a step may change is what it shows). */
  access?: Record<string, FieldAccess>;
  value: Json;
  onChange: (value: Json) => void;
  /** Issues with JSON Pointers into the data ("/interviewDate"): shown at their fields. */
  issues: readonly PathIssue[];
  idPrefix: string;
  people: string[];
  /** What relation fields may point at: the simulation's records. */
  records?: readonly SimRecordChoice[];
}

/**
 * An issue's path into the data: the runtime's refusals (a relation filter, a checklist gate) point into the
 * request ("/data/assets/0/assetId"), form validation into the data itself ("/assets/0/assetId").
 */
function intoData(issue: PathIssue, keys: readonly string[]): PathIssue {
  const [, first, second] = issue.path.split('/');
  const underData = first === 'data' && second !== undefined && !keys.includes('data') && keys.includes(second.replace(/~1/g, '/').replace(/~0/g, '~'));
  return underData ? { ...issue, path: issue.path.slice('/data'.length) } : issue;
}

/** One bound form rendered from the engine's schemas with rjsf, as the workspace renders it. */
export const SimFormView = memo(function SimFormView({ sim, access, value, onChange, issues, idPrefix, people, records = NO_RECORDS }: SimFormViewProps) {
  const schemas = useMemo(() => {
    if (!access) return { schema: sim.jsonSchema, uiSchema: sim.uiSchema };
    // Read-only top-level fields are the node's context, not its input: the step form leaves them out.
    const onlyEditable = Object.fromEntries(Object.entries(access).map(([k, a]) => [k, !k.includes('.') && a === 'readonly' ? 'hidden' : a])) as Record<string, FieldAccess>;
    return applyFieldAccess(sim.jsonSchema, sim.uiSchema, onlyEditable);
  }, [sim, access]);
  const keys = Object.keys((schemas.schema.properties ?? {}) as Json);
  const extraErrors = useMemo(() => issuesToErrorSchema(issues.map((i) => intoData(i, keys)).filter((i) => keys.includes(i.path.split('/')[1] ?? '')), ''), [issues, keys.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  if (keys.length === 0) return null;
  const uiSchema: UiSchema = { ...workspaceUiSchema(schemas.uiSchema as UiSchema, schemas.schema), 'ui:submitButtonOptions': { norender: true } };
  const shown = Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k)));
  return (
    <div className="rjsf sim-form" data-testid={`${idPrefix}-form`}>
      <Form
        idPrefix={idPrefix}
        tagName="div"
        schema={schemas.schema as RJSFSchema}
        uiSchema={uiSchema}
        widgets={SIM_WIDGETS}
        fields={workspaceFields}
        formData={shown}
        formContext={{ people, records }}
        templates={{ ButtonTemplates: SIM_BUTTON_TEMPLATES }}
        validator={cfworkerValidator}
        extraErrors={extraErrors}
        experimental_defaultFormStateBehavior={workspaceDefaultFormState}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => {
          const next = (e.formData ?? {}) as Json;
          onChange({ ...value, ...Object.fromEntries(keys.map((k) => [k, next[k]])) });
        }}
      />
    </div>
  );
});
