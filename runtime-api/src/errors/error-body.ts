import { BatonError, errorSpec, format, issue, type Issue, type Locale } from '@baton/engine';
import { Type, type Static } from 'typebox';
import { ApiError } from './api-error.js';

export const IssueSchema = Type.Object(
  { code: Type.String(), path: Type.String(), message: Type.String() },
  { additionalProperties: false },
);

/** The one error shape every route answers with on 4xx and 5xx. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ pattern: '^BATON_E_' }),
        message: Type.String(),
        path: Type.String(),
        issues: Type.Array(IssueSchema),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'An error: a catalogue code, a message in the caller\'s locale, and the problems found.' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

function issueOut(i: Issue, locale: Locale): { code: string; path: string; message: string } {
  return { code: i.code, path: i.path, message: i.messages[locale] ?? i.message };
}

export function errorBody(code: string, params: Record<string, unknown>, issues: Issue[], path: string, locale: Locale): ErrorBody {
  const spec = errorSpec(code);
  const message = spec ? format(spec[locale], params) : code;
  return { error: { code, message, path, issues: issues.map((i) => issueOut(i, locale)) } };
}

/** Renders a BatonError (or the runtime's ApiError) in the caller's locale. */
export function batonErrorBody(err: BatonError, locale: Locale): ErrorBody {
  if (err instanceof ApiError) return errorBody(err.code, err.params, err.issues, err.path, locale);
  // A plain BatonError keeps its params only on its own first issue.
  const own = err.issues.find((i) => i.code === err.code);
  const params = own?.params ?? {};
  const path = own?.path ?? err.issues[0]?.path ?? '';
  return errorBody(err.code, params, err.issues, path, locale);
}

/** Shortcut for a body with one issue of the same code (most HTTP-level errors). */
export function simpleErrorBody(code: string, params: Record<string, unknown>, path: string, locale: Locale): ErrorBody {
  return errorBody(code, params, [issue(code, path, params, locale)], path, locale);
}
