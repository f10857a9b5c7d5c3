import type { FlowDefinition, FormDefinition } from '@baton/engine';

/** Roles that may start a request for someone else (the API's rule for `initiator`). */
const ACTING_ROLES = ['hr', 'admin'];

export function mayStartForOthers(roles: readonly string[] | null, flow?: FlowDefinition | null): boolean {
  // The flow's own subject.onBehalfRoles when it declares them (admins always may, as on the server).
  const acting = flow?.subject?.onBehalfRoles ? ['admin', ...flow.subject.onBehalfRoles] : ACTING_ROLES;
  return !!roles && roles.some((r) => acting.includes(r));
}

/**
 * The start-form field the caller must fill with themself: the flow's subject field when the flow limits
 * starting for others (subject.onBehalfRoles) and the caller holds none of those roles. The page pre-fills
 * it and shows it read-only; the server refuses anybody else there (BATON_E_START_NOT_FOR_OTHERS).
 */
export function lockedSubjectField(flow: FlowDefinition | null, roles: readonly string[] | null): string | null {
  const subject = flow?.subject;
  if (!subject?.onBehalfRoles || roles === null) return null;
  return mayStartForOthers(roles, flow) ? null : subject.field;
}

/**
 * The start form's first top-level person field (the offboarding request's "leaving employee"): the server
 * takes the request's subject from it, and the person HR picks there is whom the request is for.
 */
export function subjectFieldOf(form: FormDefinition | undefined | null, flow?: FlowDefinition | null): { key: string; label: FormDefinition['fields'][number]['label'] } | null {
  const declared = flow?.subject?.field;
  const field = form?.fields.find((f) => (declared ? f.key === declared : f.type === 'user'));
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
