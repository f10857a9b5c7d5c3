import common from '@baton/engine/schemas/common.schema.json';
import Form from '@rjsf/core';
import { TranslatableString, replaceStringParameters, type FieldProps, type RegistryFieldsType, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AssigneesEditor, type Assignee } from '../assignees/assignees-editor.js';
import { JsonEditor } from '../../app/ui/json-editor.js';
import { localizeText, type Localizable } from '../../app/i18n/localized.js';
import { LocalizedTextInput } from '../../app/ui/localized-text-input.js';
import { PersonCombobox } from '../../workspace/people/person-combobox.js';
import { RoleListEditor } from '../pickers/role-list-editor.js';
import { cfworkerValidator } from './cfworker-validator.js';
import { issuesToErrorSchema, type PathIssue } from './issues-to-error-schema.js';
import { prepareSchema, unusedDeprecated, withTitles } from './prepare-schema.js';
import { BUTTON_TEMPLATES, ChoiceStringField, OneOrManyField, type Choices } from './schema-form-fields.js';
import { StringListField } from './string-list-field.js';

export type { ChoiceOption, Choices } from './schema-form-fields.js';

/** One empty value for every panel given none: a new `{}` each render would be a new formData to rjsf. */
const NO_VALUE: Record<string, unknown> = {};

/** rjsf's own strings ("Add Item", "Remove") by their enum name, the key they have in schemaLabels.rjsf. */
const RJSF_STRING_NAMES = new Map<string, string>(Object.entries(TranslatableString).map(([name, text]) => [text, name]));

function LocalizedField(props: FieldProps) {
  return (
    <LocalizedTextInput
      name={props.fieldPathId.$id}
      label={props.schema.title ?? props.name}
      value={props.formData as never}
      onChange={(v) => props.onChange(Object.keys(v).length === 0 ? undefined : v, props.fieldPathId.path)}
    />
  );
}

function AssigneesField(props: FieldProps) {
  const paths = (props.registry.formContext as { fieldPaths?: string[] } | undefined)?.fieldPaths ?? [];
  return (
    <AssigneesEditor
      name={props.fieldPathId.$id}
      label={props.schema.title ?? props.name}
      value={props.formData as Assignee[] | undefined}
      fieldPaths={paths}
      onChange={(v) => props.onChange(v, props.fieldPathId.path)}
    />
  );
}

function JsonField(props: FieldProps) {
  return <JsonEditor name={props.fieldPathId.$id} label={props.schema.title ?? props.name} value={props.formData} onChange={(v) => props.onChange(v, props.fieldPathId.path)} rows={3} />;
}

function RoleListField(props: FieldProps) {
  return (
    <RoleListEditor
      name={props.fieldPathId.$id}
      label={props.schema.title ?? props.name}
      value={Array.isArray(props.formData) ? (props.formData as string[]) : undefined}
      onChange={(v) => props.onChange(v, props.fieldPathId.path)}
    />
  );
}

/** One directory user (a webhook's `inbound.actAs`): found by name, stored as the user's id; rjsf shows its errors. */
function PersonField(props: FieldProps) {
  const { t } = useTranslation('pickers');
  const id = props.fieldPathId.$id;
  const value = typeof props.formData === 'string' && props.formData !== '' ? props.formData : undefined;
  return (
    <div className="schema-person" data-testid={`${id}-person`}>
      {/* Not wrapping the combobox: a click on a listed person would also "click" the label and reopen the list. */}
      <label htmlFor={id}>{props.schema.title ?? props.name}{props.required ? ' *' : ''}</label>
      <PersonCombobox id={id} value={value} required={props.required} onChange={(v) => props.onChange(v || undefined, props.fieldPathId.path)} />
      <span className="muted small">{t('personPropertyHelp')}</span>
    </div>
  );
}

const FIELDS: RegistryFieldsType = { localizedText: LocalizedField, assignees: AssigneesField, json: JsonField, roleList: RoleListField, person: PersonField, oneOrMany: OneOrManyField, stringList: StringListField, StringField: ChoiceStringField };

export interface SchemaFormProps {
  /** A registry config or params schema (as GET /api/registry serves it). */
  schema: unknown;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown>) => void;
  /** Unique per panel: rjsf derives element ids from it. */
  name: string;
  /** Engine issues and the pointer of this value in the definition, e.g. "/fields/2/config". */
  issues?: readonly PathIssue[];
  issueBase?: string;
  /** Paths offered by assignee editors (the bound form's person fields). */
  fieldPaths?: string[];
  /** Properties this panel must not show (edited elsewhere, e.g. assignees in the flow panel). */
  omit?: string[];
  /** Values offered by property name, with their labels (nodes of the flow, forms, connectors). */
  choices?: Choices;
}

/**
 * A property panel generated from a type's config schema with rjsf 6. Validation messages come from the
 * engine (the issues passed in); rjsf's own validator (an interpreter, CSP-safe) only resolves oneOf/anyOf.
 */
export const SchemaForm = memo(function SchemaForm({ schema, value, onChange, name, issues = [], issueBase = '', fieldPaths, omit = [], choices }: SchemaFormProps) {
  const { t, i18n } = useTranslation('schemaLabels');
  const known = (key: string) => (i18n.exists(`schemaLabels:${key}`) && typeof t(key, { returnObjects: true }) === 'string' ? t(key) : undefined);
  const translateString = (key: TranslatableString, params?: string[]) => {
    const keyName = RJSF_STRING_NAMES.get(key);
    return replaceStringParameters(keyName ? (known(`rjsf.${keyName}`) ?? key) : key, params);
  };
  // A deprecated property is shown only to a definition that already uses it (so it can be cleared).
  const hidden = [...omit, ...unusedDeprecated(schema, value)];
  const prepared = useMemo(() => {
    const p = prepareSchema(schema, common);
    const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
    const localize = (text: unknown) => (typeof text === 'string' || (typeof text === 'object' && text !== null && !Array.isArray(text)) ? localizeText(text as Localizable, locale) || undefined : undefined);
    p.schema = withTitles(p.schema, known, (v) => known(`enumValue.${v}`), localize);
    if (hidden.length > 0 && p.schema.properties && typeof p.schema.properties === 'object') {
      const props = { ...(p.schema.properties as Record<string, unknown>) };
      for (const key of hidden) delete props[key];
      p.schema = { ...p.schema, properties: props as never };
    }
    return p;
  }, [schema, hidden.join(','), i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, issueBase), [issues, issueBase]);
  const properties = prepared.schema.properties as Record<string, unknown> | undefined;
  if (prepared.schema.type === 'object' && (!properties || Object.keys(properties).length === 0) && prepared.uiSchema['ui:field'] === undefined) {
    return null;
  }
  const uiSchema: UiSchema = { ...(prepared.uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } };
  return (
    <div className="schema-form" data-testid={`schema-form-${name}`}>
      <Form
        idPrefix={name}
        schema={prepared.schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={value ?? NO_VALUE}
        validator={cfworkerValidator}
        fields={FIELDS}
        formContext={{ fieldPaths: fieldPaths ?? [], choices: choices ?? {} }}
        templates={{ ButtonTemplates: BUTTON_TEMPLATES }}
        // Labelled enums are oneOfs of constants: without this rjsf would write the first one into a
        // definition that never set the property, just by opening it.
        // Likewise a list with minItems (a task's actions) must not gain an empty entry (written as null, which
        // the engine refuses) whenever the value changes from outside the panel (assignees, gate, fallback).
        experimental_defaultFormStateBehavior={{ constAsDefaults: 'never', arrayMinItems: { populate: 'never' } }}
        translateString={translateString}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
});
