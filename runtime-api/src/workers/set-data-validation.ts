import { issue, pickFormData, type CompiledForm, type Issue } from '@baton/engine';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { OutboxOutcome } from './outbox-handler.js';
import { WORKERS_ERRORS } from './workers-errors.js';

const under = (path: string, key: string): boolean => path === `/${key}` || path.startsWith(`/${key}/`);

/**
 * What the forms of an instance's flow say about a system patch. Instance data is shared by the start form
 * and the forms its nodes bind, so each patched key is judged by the form(s) declaring it (no node, no
 * previous: a system write may set read-only fields), and only problems under the patched keys count —
 * a required field a later task fills is not this effect's business. A key no form declares is refused
 * (as a task submission would be); a flow with no form at all takes any data, as before.
 */
export async function instancePatchIssues(
  trx: Kysely<Database>,
  services: ExecutionServices,
  flow: { key: string; version: number },
  data: Record<string, unknown>,
  patch: Record<string, unknown>,
  now: Date,
): Promise<Issue[]> {
  const published = await services.definitions.flow(trx, flow.key, flow.version);
  if (!published) return [];
  const def = published.compiled.definition;
  const keys = new Set<string>();
  if (def.form) keys.add(def.form);
  for (const node of def.nodes) {
    const key = published.compiled.node(node.id)?.def.form?.key;
    if (key) keys.add(key);
  }
  const forms: CompiledForm[] = [];
  for (const key of keys) {
    const form = await services.definitions.form(trx, key);
    if (form) forms.push(form.compiled);
  }
  if (forms.length === 0) return [];
  const declares = (form: CompiledForm, key: string): boolean => {
    const properties = form.jsonSchema.properties;
    return typeof properties === 'object' && properties !== null && Object.hasOwn(properties, key);
  };
  const issues: Issue[] = [];
  const patched = Object.keys(patch);
  for (const key of patched) {
    if (!forms.some((f) => declares(f, key))) issues.push(issue(WORKERS_ERRORS.BATON_E_SET_DATA_UNKNOWN_FIELD, `/${key}`, { field: key }));
  }
  const ctx = { now: now.toISOString(), timeZone: services.timeZone };
  for (const form of forms) {
    const mine = patched.filter((k) => declares(form, k));
    if (mine.length === 0) continue;
    const result = form.validate(pickFormData(form, data), { locale: 'en', ctx });
    issues.push(...result.errors.filter((e) => mine.some((k) => under(e.path, k))));
  }
  return issues;
}

/**
 * A refused patch: nothing applied, an audit entry naming the issues (both locales), and a dead letter
 * (never retried: the same data would be refused again) whose error names the code and the path.
 */
export async function refusePatch(
  trx: Kysely<Database>,
  input: { effectKey: string; target: string; subjectKind: string; subjectId: string; at: Date; issues: Issue[] },
): Promise<OutboxOutcome> {
  const first = input.issues[0]!;
  const refusal = issue(WORKERS_ERRORS.BATON_E_SET_DATA_INVALID, first.path, {
    effectKey: input.effectKey,
    target: input.target,
    path: first.path || '/',
    detail: first.message,
    code: first.code,
  });
  await appendAudit(trx, {
    actor: 'system',
    action: 'set-data.refused',
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    at: input.at,
    data: {
      effectKey: input.effectKey,
      code: refusal.code,
      issues: input.issues.map((i) => ({ code: i.code, path: i.path, messages: i.messages })),
    },
  });
  const more = input.issues.length > 1 ? ` (+${input.issues.length - 1} more: ${input.issues.slice(1).map((i) => `${i.path} ${i.code}`).join('; ')})` : '';
  return { status: 'dead', error: `${refusal.code} ${first.path || '/'}: ${refusal.messages.en}${more}` };
}
