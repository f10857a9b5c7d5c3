import type { FormDefinition } from '@baton/engine';
import type { DefinitionRef } from '../definitions/use-definition-editor.js';

/** A new form: no fields yet (the engine requires one, so it stays a local draft until a field is added). */
export function newForm(key: string): FormDefinition & { version: number } {
  return { kind: 'form', key, version: 1, title: { en: key, 'zh-CN': key }, fields: [] as unknown as FormDefinition['fields'] };
}

/** Forms a form refers to (relation fields point at collection forms). */
export function formReferences(def: FormDefinition): DefinitionRef[] {
  const keys = new Set<string>();
  const visit = (fields: FormDefinition['fields'] | undefined) => {
    for (const f of fields ?? []) {
      const form = f.config?.form;
      if (typeof form === 'string' && form !== '') keys.add(form);
      visit(f.fields as FormDefinition['fields'] | undefined);
    }
  };
  visit(def.fields);
  return [...keys].map((key) => ({ kind: 'form', key }));
}

/** Settings a freshly dropped field starts with, so it is valid at once (a choice needs options). */
export function defaultFieldConfig(type: string): Record<string, unknown> | undefined {
  switch (type.replace(/@.*$/, '')) {
    case 'select':
    case 'multi-select':
      return {
        options: [
          { value: 'a', label: { en: 'Option A', 'zh-CN': '选项 A' } },
          { value: 'b', label: { en: 'Option B', 'zh-CN': '选项 B' } },
        ],
      };
    default:
      return undefined;
  }
}
