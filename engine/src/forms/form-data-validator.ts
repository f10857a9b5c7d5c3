import { sharedSchemaCompiler } from '../definitions/validate-against-schema.js';
import { BatonError, issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import { SchemaCompileError, type SchemaCheck } from '../json-schema/schema-error.js';
import type { FieldType, JsonSchema } from './field-type.js';
import type { FieldNode, FormModel } from './form-model.js';
import { buildValidationSchema } from './form-schemas.js';
import { FORMS_ERRORS } from './forms-errors.js';

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The field (or column) whose value schema holds the schema pointer `at` ("#/properties/assets/items/properties/tag/…"). */
function fieldAt(model: FormModel, at: string): FieldNode | undefined {
  const parts = at.split('/');
  const field = parts[1] === 'properties' && parts[2] !== undefined ? model.byKey.get(unescape(parts[2])) : undefined;
  if (field?.columns && parts[3] === 'items' && parts[4] === 'properties' && parts[5] !== undefined) {
    return field.columnByKey?.get(unescape(parts[5])) ?? field;
  }
  return field;
}

function unsupported(node: { key: string; type: FieldType }, path: string, error: SchemaCompileError, locale: Locale = 'en'): Issue {
  return issue(FORMS_ERRORS.BATON_E_FORM_VALUE_SCHEMA_UNSUPPORTED, path, { field: node.key, type: node.type.type, reason: error.message }, locale);
}

/**
 * The form's structural check: its validation schema (field types' `valueSchema`s, unknown properties
 * rejected) compiled into closures by our JSON Schema compiler, once per compiled form. No code is
 * generated, so it runs under a CSP without 'unsafe-eval'. A value schema using a keyword outside the
 * supported subset is a BatonError naming the field, its type and the keyword.
 */
export function compileFormDataValidator(model: FormModel): SchemaCheck {
  try {
    return sharedSchemaCompiler().compile(buildValidationSchema(model));
  } catch (error) {
    if (!(error instanceof SchemaCompileError)) throw error;
    const node = fieldAt(model, error.at);
    if (!node) throw error;
    const found = unsupported(node, `${node.defPath}/type`, error);
    throw new BatonError(FORMS_ERRORS.BATON_E_FORM_VALUE_SCHEMA_UNSUPPORTED, found.params, [found], found.path);
  }
}

/** For checkFormDefinition: the issue when a field type's value schema (for this config) cannot be compiled. */
export function valueSchemaIssue(field: { key: string }, type: FieldType, config: Record<string, unknown>, at: string, locale: Locale): Issue | undefined {
  let schema: JsonSchema;
  try {
    schema = type.valueSchema(config);
    sharedSchemaCompiler().compile(schema);
    return undefined;
  } catch (error) {
    if (!(error instanceof SchemaCompileError)) return undefined;
    return unsupported({ key: field.key, type }, `${at}/type`, error, locale);
  }
}
