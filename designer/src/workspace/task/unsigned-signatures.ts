import { FORMS_ERRORS, issue, type Issue, type Locale } from '@baton/engine';
import { EngineError } from '../../app/engine/engine-client.js';

type Json = Record<string, unknown>;

/** The rjsf schemas of one form on the page, after the node's field access (required = editable and required here). */
export interface SignatureFormSchemas {
  schema: Json;
  uiSchema: Json;
}

/** Nothing drawn: no value, or a pad's object without an image (`{}` from a pad nobody touched). */
export function isUnsigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const fileId = (value as { fileId?: unknown }).fileId;
  return fileId === undefined || fileId === '';
}

/**
 * The required signature pads of the page's forms that nobody signed, as the server would report them
 * ("Please sign here" at /data/<field>, the engine's own code and words): checked before a decision is sent,
 * so the leaver sees it at the pad at once rather than after a round trip.
 */
export function unsignedSignatures(forms: readonly SignatureFormSchemas[], data: Json, locale: Locale): Issue[] {
  const out: Issue[] = [];
  for (const { schema, uiSchema } of forms) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const key of required) {
      const ui = (uiSchema[key] ?? {}) as Json;
      if (ui['ui:widget'] !== 'signature-pad' || ui['ui:readonly'] === true || ui['ui:disabled'] === true) continue;
      if (!isUnsigned(data[key])) continue;
      const title = ui['ui:title'] ?? properties[key]?.title;
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_SIGNATURE_REQUIRED, `/data/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, { label: typeof title === 'string' ? title : key, field: key }, locale));
    }
  }
  return out;
}

/**
 * The same as an error the page shows like the server's refusal (the engine's code, each issue at its pad,
 * the error panel naming code and path), or null when every required pad is signed.
 */
export function unsignedSignatureError(forms: readonly SignatureFormSchemas[], data: Json, locale: Locale): EngineError | null {
  const issues = unsignedSignatures(forms, data, locale);
  if (issues.length === 0) return null;
  const first = issues[0] as Issue;
  return new EngineError({ code: first.code, message: first.message, path: first.path, issues });
}
