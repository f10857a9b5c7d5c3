import type { FlowDefinition, FormDefinition, Locale } from '@baton/engine';
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../../app/engine/engine-client.js';
import { useLocalized } from '../../app/i18n/localized.js';
import type { BatonClient } from '@baton/client';
import { taskFormKey } from './task-form-key.js';
import { applyFieldAccess, fieldAccessAt, type AccessSchemas, type FieldAccess } from './field-access.js';

export interface TaskForm {
  form: FormDefinition;
  access: Record<string, FieldAccess>;
  schemas: AccessSchemas;
}

/** The published form a flow node binds (its own, else the flow's), or null when the step has none. */
export async function loadNodeForm(api: BatonClient, flow: FlowDefinition | null, nodeId: string, formKey: string | null): Promise<{ form: FormDefinition; nodeAccess: Record<string, string> | undefined } | null> {
  const node = flow?.nodes.find((n) => n.id === nodeId);
  const key = taskFormKey(flow, nodeId, formKey);
  if (!key) return null;
  const def = await api.definitions.get('form', key);
  return { form: def.body as unknown as FormDefinition, nodeAccess: node?.form?.access as Record<string, string> | undefined };
}

/** A form's rjsf schemas at a node: the engine (in its worker) builds them as the server sees the form. */
export async function buildTaskForm(source: { form: FormDefinition; nodeAccess: Record<string, string> | undefined }, nodeId: string, readOnly: boolean, locale: Locale, fresh = false): Promise<TaskForm> {
  const s = await engine().call('formSchemas', { form: source.form, locale });
  const access = fieldAccessAt(source.form.fields, source.form.access?.[nodeId] as Record<string, string> | undefined, source.nodeAccess, fresh);
  return { form: source.form, access, schemas: applyFieldAccess(s.jsonSchema, s.uiSchema, access, readOnly) };
}

/**
 * The rjsf schemas of a task's form at its node: the engine (in its worker) turns the form into JSON
 * Schema and uiSchema exactly as the server sees it; the node's field access then hides and disables.
 */
export function useTaskForm(source: { form: FormDefinition; nodeAccess: Record<string, string> | undefined } | null, nodeId: string, readOnly: boolean, fresh = false): { value: TaskForm | null; error: unknown } {
  const sources = useMemo(() => (source ? [source] : null), [source]);
  const forms = useTaskForms(sources, nodeId, readOnly, fresh);
  return { value: forms.value?.[0] ?? null, error: forms.error };
}

/** useTaskForm for several forms at once (a task page shows the request beside the step's own form). */
export function useTaskForms(sources: ReadonlyArray<{ form: FormDefinition; nodeAccess: Record<string, string> | undefined }> | null, nodeId: string, readOnly: boolean, fresh = false): { value: TaskForm[] | null; error: unknown } {
  const { locale } = useLocalized();
  const [value, setValue] = useState<TaskForm[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!sources) return;
    let live = true;
    Promise.all(sources.map((source) => buildTaskForm(source, nodeId, readOnly, locale, fresh)))
      .then((forms) => live && setValue(forms))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [sources, nodeId, locale, readOnly, fresh]);
  return { value, error };
}
