import type { LocalizedText } from '../../i18n/localized-text.js';

/** One choice of a select / multi-select field; `value` is what is stored, `label` what is shown. */
export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}

export const CHOICE_OPTIONS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      value: { type: 'string', minLength: 1, maxLength: 100 },
      label: { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/localizedText' },
    },
    required: ['value', 'label'],
    additionalProperties: false,
  },
} as const;

export function optionValues(options: readonly ChoiceOption[] | undefined): string[] {
  return (options ?? []).map((o) => o.value);
}
