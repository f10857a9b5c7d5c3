import type { FormDefinition } from '@baton/engine';

/** Roles that may start a request for someone else (the API's rule for `initiator`). */
const ACTING_ROLES = ['hr', 'admin'];

export function mayStartForOthers(roles: readonly string[] | null): boolean {
  return !!roles && roles.some((r) => ACTING_ROLES.includes(r));
}

/**
 * The start form's first top-level person field (the offboarding request's "leaving employee"): the server
 * takes the request's subject from it, and the person HR picks there is whom the request is for.
 */
export function subjectFieldOf(form: FormDefinition | undefined | null): { key: string; label: FormDefinition['fields'][number]['label'] } | null {
  const field = form?.fields.find((f) => f.type === 'user');
  return field ? { key: field.key, label: field.label } : null;
}

/**
 * Who the request is started for: the person chosen on the page once the caller picked one there (or
 * cleared it), else the person in the subject field. Only sent when the caller may act for others and it
 * is someone else: the API refuses `initiator` from anyone else, and sending oneself changes nothing.
 */
export function initiatorToSend(input: {
  mayActForOthers: boolean;
  me: string | null;
  chosen: { touched: boolean; value: string | undefined };
  subjectValue: unknown;
}): string | undefined {
  if (!input.mayActForOthers) return undefined;
  const person = input.chosen.touched ? input.chosen.value : typeof input.subjectValue === 'string' && input.subjectValue !== '' ? input.subjectValue : undefined;
  return person && person !== input.me ? person : undefined;
}
