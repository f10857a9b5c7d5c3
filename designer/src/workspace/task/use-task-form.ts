import type { FlowDefinition, FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { engine } from '../../app/engine/engine-client.js';
import { useLocalized } from '../../app/i18n/localized.js';
import type { BatonClient } from '@baton/client';
import { applyFieldAccess, fieldAccessAt, type AccessSchemas, type FieldAccess } from './field-access.js';

export interface TaskForm {
  form: FormDefinition;
  access: Record<string, FieldAccess>;
  schemas: AccessSchemas;
}

/** The published form a flow node binds (its own, else the flow's), or null when the step has none. */
export async function loadNodeForm(api: BatonClient, flow: FlowDefinition | null, nodeId: string, formKey: string | null): Promise<{ form: FormDefinition; nodeAccess: Record<string, string> | undefined } | null> {
  const node = flow?.nodes.find((n) => n.id === nodeId);
  const key = formKey ?? node?.form?.key ?? flow?.form ?? null;
  if (!key) return null;
  const def = await api.definitions.get('form', key);
  return { form: def.body as unknown as FormDefinition, nodeAccess: node?.form?.access as Record<string, string> | undefined };
}

/**
 * The rjsf schemas of a task's form at its node: the engine (in its worker) turns the form into JSON
 * Schema and uiSchema exactly as the server sees it; the node's field access then hides and disables.
 */
export function useTaskForm(source: { form: FormDefinition; nodeAccess: Record<string, string> | undefined } | null, nodeId: string, readOnly: boolean): { value: TaskForm | null; error: unknown } {
  const { locale } = useLocalized();
  const [value, setValue] = useState<TaskForm | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!source) return;
    let live = true;
    engine()
      .call('formSchemas', { form: source.form, locale })
      .then((s) => {
        if (!live) return;
        const access = fieldAccessAt(source.form.fields, source.form.access?.[nodeId] as Record<string, string> | undefined, source.nodeAccess);
        setValue({ form: source.form, access, schemas: applyFieldAccess(s.jsonSchema, s.uiSchema, access, readOnly) });
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [source, nodeId, locale, readOnly]);
  return { value, error };
}
