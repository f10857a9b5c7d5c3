import type { FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { engine } from '../app/engine/engine-client.js';
import { useLocalized } from '../app/i18n/localized.js';
import type { SimForm } from './step-samples.js';

/** The flow's forms with the JSON Schema and uiSchema the engine (in its worker) makes of each. */
export function useSimForms(forms: readonly FormDefinition[]): { forms: Map<string, SimForm>; error: unknown } {
  const { locale } = useLocalized();
  const [value, setValue] = useState<Map<string, SimForm>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const signature = JSON.stringify(forms.map((f) => [f.key, f.version]));
  useEffect(() => {
    let live = true;
    Promise.all(forms.map(async (form) => [form.key, { form, ...(await engine().call('formSchemas', { form, locale })) }] as const))
      .then((entries) => live && setValue(new Map(entries.map(([k, s]) => [k, { form: s.form, jsonSchema: s.jsonSchema, uiSchema: s.uiSchema }]))))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [signature, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  return { forms: value, error };
}
