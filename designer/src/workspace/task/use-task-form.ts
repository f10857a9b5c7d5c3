import type { FlowDefinition, FormDefinition, Locale } from '@baton/engine';
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../../app/engine/engine-client.js';
import { useLocalized } from '../../app/i18n/localized.js';
import type { BatonClient } from '@baton/client';
import { taskFormKey } from './task-form-key.js';
import { applyFieldAccess, fieldAccessAt, type AccessSchemas, type FieldAccess } from './field-access.js';
import { workspaceMessages } from '../workspace-messages.js';

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

/**
 * The flow's subject field (flow.subject.field: whom the request is about, the leaver) once the request has
 * started: the server refuses a change to it at any step (BATON_E_FLOW_SUBJECT_LOCKED), so a task shows
 * it read-only, with a word on why, and never sends it back.
 */
export function lockSubject(access: Record<string, FieldAccess>, field: string | null | undefined): Record<string, FieldAccess> {
  return field && access[field] === 'editable' ? { ...access, [field]: 'readonly' } : access;
}

/** A form's rjsf schemas at a node: the engine (in its worker) builds them as the server sees the form. */
export async function buildTaskForm(source: { form: FormDefinition; nodeAccess: Record<string, string> | undefined }, nodeId: string, readOnly: boolean, locale: Locale, fresh = false, subjectField?: string | null): Promise<TaskForm> {
  const s = await engine().call('formSchemas', { form: source.form, locale });
  const open = fieldAccessAt(source.form.fields, source.form.access?.[nodeId] as Record<string, string> | undefined, source.nodeAccess, fresh);
  const access = lockSubject(open, subjectField);
  const schemas = applyFieldAccess(s.jsonSchema, s.uiSchema, access, readOnly);
  if (subjectField && access[subjectField] !== open[subjectField] && !readOnly) {
    const entry = (schemas.uiSchema[subjectField] as Record<string, unknown> | undefined) ?? {};
    schemas.uiSchema[subjectField] = { ...entry, 'ui:help': workspaceMessages[locale].subjectLockedHelp };
  }
  return { form: source.form, access, schemas };
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

/**
 * useTaskForm for several forms at once (a task page shows the request beside the step's own form).
 * `subjectField`: the flow's subject field, shown read-only on a task (lockSubject).
 */
export function useTaskForms(sources: ReadonlyArray<{ form: FormDefinition; nodeAccess: Record<string, string> | undefined }> | null, nodeId: string, readOnly: boolean, fresh = false, subjectField: string | null = null): { value: TaskForm[] | null; error: unknown } {
  const { locale } = useLocalized();
  const [value, setValue] = useState<TaskForm[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!sources) return;
    let live = true;
    Promise.all(sources.map((source) => buildTaskForm(source, nodeId, readOnly, locale, fresh, subjectField)))
      .then((forms) => live && setValue(forms))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [sources, nodeId, locale, readOnly, fresh, subjectField]);
  return { value, error };
}
