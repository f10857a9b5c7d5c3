import type { CompiledForm } from '@baton/engine';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { instanceViewOf, projectForView } from '../access/instance-access.js';
import { canReadRecords } from '../access/record-access.js';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { Closed, KeySchema, withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { Published } from '../execution/definition-cache.js';
import { executionServices, type ExecutionServices } from '../execution/execution-services.js';
import '../execution/execution-errors.js';
import { isRecord, parseDataPointer, valueAtPointer } from './data-paths.js';
import { isSealedSecret, type SecretBox } from './secret-box.js';
import { secretAssociatedData } from './secret-codec.js';
import './secret-errors.js';

const RevealBody = Closed({
  path: Type.String({
    minLength: 7,
    maxLength: 300,
    pattern: '^/data/',
    description: 'JSON Pointer of the secret in the data as GET shows it: /data/bankAccount, /data/accounts/0/password',
  }),
});
const RevealResult = Closed(
  { path: Type.String(), value: Type.String({ description: 'The clear value. Not stored by Idempotency-Key; the reveal is audited' }) },
  { description: 'Answered with Cache-Control: no-store.' },
);
const InstanceParams = Closed({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const RecordParams = Closed({ formKey: KeySchema, id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The roles a secret field's config lets reveal it (`revealTo`); admins always may. */
function revealRoles(form: Published<CompiledForm>, path: string): string[] | undefined {
  if (!form.compiled.secretPaths.includes(path)) return undefined;
  const [top, column] = path.split('.') as [string, string | undefined];
  const fields = Array.isArray(form.body.fields) ? (form.body.fields as unknown[]) : [];
  let field = fields.find((f) => isRecord(f) && f.key === top);
  if (column !== undefined) {
    const columns = isRecord(field) && Array.isArray(field.fields) ? (field.fields as unknown[]) : [];
    field = columns.find((f) => isRecord(f) && f.key === column);
  }
  const revealTo = isRecord(field) && isRecord(field.config) ? field.config.revealTo : undefined;
  return Array.isArray(revealTo) ? revealTo.filter((r): r is string => typeof r === 'string') : [];
}

interface RevealInput {
  principal: Principal;
  /** The pointer the caller sent ("/data/…"). */
  pointer: string;
  /** "instance:<id>" / "record:<id>": where the value was sealed. */
  place: string;
  /** Forms whose secret fields may hold the value, first match wins. */
  forms: ReadonlyArray<Published<CompiledForm>>;
  /** The data as the caller may see it (hidden fields removed). */
  visible: Record<string, unknown>;
}

/** Checks a reveal and opens the value: 422 not a secret field, 403 role, 404 nothing there, 409 unreadable. */
function reveal(box: SecretBox, input: RevealInput): { field: string; value: string } {
  const { pointer } = input;
  const at = parseDataPointer(pointer.slice('/data'.length));
  const roles = at && input.forms.map((f) => revealRoles(f, at.path)).find((r) => r !== undefined);
  if (!at || !roles) throw new ApiError('BATON_E_SECRET_PATH_INVALID', { path: pointer }, [], '/path');
  if (!hasAnyRole(input.principal, roles)) {
    throw new ApiError('BATON_E_SECRET_REVEAL_FORBIDDEN', { roles: ['admin', ...roles].join(', '), field: at.path }, [], '/path');
  }
  const sealed = valueAtPointer(input.visible, at);
  if (!isSealedSecret(sealed)) throw new ApiError('BATON_E_SECRET_NOT_FOUND', { path: pointer }, [], '/path');
  try {
    return { field: at.path, value: box.open(sealed, secretAssociatedData(input.place, at.path)) };
  } catch {
    throw new ApiError('BATON_E_SECRET_UNREADABLE', { path: pointer }, [], '/path');
  }
}

/** Forms whose fields an instance's data may hold: the flow's own, its nodes' and its tasks'. */
async function instanceForms(db: Kysely<Database>, services: ExecutionServices, instanceId: string, keys: Array<string | null | undefined>): Promise<Array<Published<CompiledForm>>> {
  const tasks = await db.selectFrom('tasks').select('form_key').distinct().where('instance_id', '=', instanceId).execute();
  const all = [...new Set([...keys, ...tasks.map((t) => t.form_key)].filter((k): k is string => typeof k === 'string'))];
  const forms = await Promise.all(all.map((key) => services.definitions.form(db, key)));
  return forms.filter((f): f is Published<CompiledForm> => f !== undefined);
}

export const secretsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  const box = app.baton.secrets;

  app.post(
    '/instances/:id/secrets/reveal',
    {
      // The answer holds a secret: it must never be stored for an idempotent replay.
      config: { idempotency: false },
      schema: {
        tags: ['secrets'],
        summary: 'Reveal one secret field of an instance (roles in the field\'s revealTo, and admins); every reveal is audited',
        params: InstanceParams,
        body: RevealBody,
        response: withErrors({ 200: RevealResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { path } = request.body;
      reply.header('cache-control', 'no-store');
      return runCommand(request, reply, async (trx) => {
        const notFound = () => new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: id }, [], '/params/id');
        const row = await trx.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound();
        const flow = await services.definitions.flow(trx, row.flow_key, row.flow_version);
        const view = await instanceViewOf(trx, principal, row, flow?.compiled);
        if (!view.visible) throw notFound();
        const nodeForms = (flow?.compiled.definition.nodes ?? []).map((n) => (n as { form?: { key?: string } }).form?.key);
        const forms = await instanceForms(trx, services, id, [row.form_key, flow?.compiled.definition.form, ...nodeForms]);
        const startForm = forms.find((f) => f.key === row.form_key);
        const visible = projectForView(row.data, view, flow?.compiled, startForm?.compiled);
        const opened = reveal(box, { principal, pointer: path, place: `instance:${id}`, forms, visible });
        await appendAudit(trx, { actor: principal.userId, action: 'secret.revealed', subjectKind: 'instance', subjectId: id, data: { path, field: opened.field } });
        return { status: 200, body: { path, value: opened.value } };
      });
    },
  );

  app.post(
    '/records/:formKey/:id/secrets/reveal',
    {
      config: { idempotency: false },
      schema: {
        tags: ['secrets'],
        summary: 'Reveal one secret field of a record (roles in the field\'s revealTo, and admins); every reveal is audited',
        params: RecordParams,
        body: RevealBody,
        response: withErrors({ 200: RevealResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { formKey, id } = request.params;
      const { path } = request.body;
      reply.header('cache-control', 'no-store');
      return runCommand(request, reply, async (trx) => {
        const form = await services.definitions.form(trx, formKey);
        if (!form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey }, [], '/params/formKey');
        if (!canReadRecords(principal, form.body)) throw new ApiError('BATON_E_FORBIDDEN', { required: 'a reader of this form' });
        const row = await trx.selectFrom('records').select(['id', 'data']).where('id', '=', id).where('form_key', '=', formKey).executeTakeFirst();
        if (!row) throw new ApiError('BATON_E_RECORD_NOT_FOUND', { recordId: id, formKey }, [], '/params/id');
        const opened = reveal(box, { principal, pointer: path, place: `record:${id}`, forms: [form], visible: row.data });
        await appendAudit(trx, { actor: principal.userId, action: 'secret.revealed', subjectKind: 'record', subjectId: `${formKey}/${id}`, data: { path, field: opened.field } });
        return { status: 200, body: { path, value: opened.value } };
      });
    },
  );
};
