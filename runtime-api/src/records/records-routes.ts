import { publishDomainEvents, recordEventIds } from '../connectors/webhooks/publish-domain-events.js';
import type { CompiledForm, DomainEvent } from '@baton/engine';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { canReadRecords, canWriteRecords } from '../access/record-access.js';
import { checkPersonFields } from '../access/person-field-check.js';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import type { RecordsTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { commandEnv, executionServices, type CommandEnv } from '../execution/execution-services.js';
import type { Published } from '../execution/definition-cache.js';
import { underData, writeRuleEffects } from '../execution/instance-pipeline.js';
import { runRules } from '../execution/rules-step.js';
import '../execution/execution-errors.js';
import { guardSubmission } from '../secrets/submission-guard.js';
import { leavesRecordUnchanged } from './record-unchanged.js';
import {
  CreateRecordBody,
  FormKeyParams,
  PatchRecordBody,
  RecordListQuery,
  RecordListResult,
  RecordParams,
  RecordViewSchema,
  toRecordView,
} from './record-schemas.js';

type RecordRow = Selectable<RecordsTable>;

function collectionOf(form: Published<CompiledForm> | undefined, formKey: string): Published<CompiledForm> {
  if (!form) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey }, [], '/params/formKey');
  if (form.body.collection !== true) throw new ApiError('BATON_E_FORM_NOT_COLLECTION', { formKey }, [], '/params/formKey');
  return form;
}

function validated(env: CommandEnv, form: CompiledForm, data: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  const result = form.validate(data, {
    locale: env.locale,
    ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone },
    ...(previous ? { previous } : {}),
  });
  if (!result.ok) {
    const issues = underData(result.errors);
    throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  }
  return result.data;
}

/** record.created / record.updated through the rules scoped to the form, then the audit entry. */
async function afterWrite(env: CommandEnv, row: RecordRow, event: DomainEvent, action: string): Promise<void> {
  const rules = await env.services.definitions.rulesFor(env.trx, { formKey: row.form_key });
  const record = { id: row.id, formKey: row.form_key, initiator: row.created_by, data: row.data };
  const ruled = await runRules(env, rules, [event], { record });
  await writeRuleEffects(env, { instanceId: null, flowKey: null, recordId: row.id }, ruled.effects, 0);
  await publishDomainEvents(env.trx, recordEventIds(row.id, row.version, [event]));
  await appendAudit(env.trx, {
    actor: env.actor,
    action,
    subjectKind: 'record',
    subjectId: `${row.form_key}/${row.id}`,
    at: env.now,
    data: { version: row.version, ...(ruled.fired.length > 0 ? { rules: ruled.fired.map((f) => `${f.rule}@${f.version}`) } : {}) },
  });
}

export const recordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  const db = app.baton.database.db;
  const forbidden = () => new ApiError('BATON_E_FORBIDDEN', { required: 'admin, designer, hr' });

  app.get(
    '/records/:formKey',
    {
      schema: {
        tags: ['records'],
        summary: 'Records of a collection form (customer, asset…), oldest first',
        params: FormKeyParams,
        querystring: RecordListQuery,
        response: withErrors({ 200: RecordListResult }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { formKey } = request.params;
      const form = collectionOf(await services.definitions.form(db, formKey), formKey);
      if (!canReadRecords(principal, form.body)) throw forbidden();
      const { limit = 100, offset = 0 } = request.query;
      const rows = await db.selectFrom('records').selectAll().where('form_key', '=', formKey).orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
      return { items: rows.map(toRecordView), limit, offset };
    },
  );

  app.post(
    '/records/:formKey',
    {
      schema: {
        tags: ['records'],
        summary: 'Create a record of a collection form (designer, hr, admin); rules see record.created',
        params: FormKeyParams,
        body: CreateRecordBody,
        response: withErrors({ 201: RecordViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { formKey } = request.params;
      return runCommand(request, reply, async (trx) => {
        const env = await commandEnv(trx, services, principal.userId, request.locale);
        const form = collectionOf(await services.definitions.form(trx, formKey), formKey);
        if (!canWriteRecords(principal, form.body)) throw forbidden();
        const id = randomUUID();
        // Validated with clear secret values, stored sealed; file references checked and linked.
        const guard = await guardSubmission(env, { kind: 'record', id }, [form.compiled], request.body.data, {});
        const data = guard.seal(validated(env, guard.openForm(form.compiled), guard.data));
        checkPersonFields(env, [form.compiled], data);
        const row = await trx
          .insertInto('records')
          .values({
            id,
            form_key: formKey,
            form_version: form.version,
            data: JSON.stringify(data),
            instance_id: null,
            created_by: principal.userId,
            updated_by: principal.userId,
            created_at: env.now,
            updated_at: env.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await guard.link();
        const event: DomainEvent = {
          type: 'record.created', at: env.now.toISOString(), seq: row.version, actor: principal.userId,
          initiator: row.created_by, formKey, recordId: row.id, data: row.data,
        };
        await afterWrite(env, row, event, 'record.created');
        return { status: 201, body: toRecordView(row) };
      });
    },
  );

  app.patch(
    '/records/:formKey/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Change fields of a record (top-level merge) at the version read; rules see record.updated',
        params: RecordParams,
        body: PatchRecordBody,
        response: withErrors({ 200: RecordViewSchema }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { formKey, id } = request.params;
      return runCommand(request, reply, async (trx) => {
        const env = await commandEnv(trx, services, principal.userId, request.locale);
        const form = collectionOf(await services.definitions.form(trx, formKey), formKey);
        if (!canWriteRecords(principal, form.body)) throw forbidden();
        const current = await trx.selectFrom('records').selectAll().where('id', '=', id).where('form_key', '=', formKey).forUpdate().executeTakeFirst();
        if (!current) throw new ApiError('BATON_E_RECORD_NOT_FOUND', { recordId: id, formKey }, [], '/params/id');
        if (current.version !== request.body.version) {
          throw new ApiError('BATON_E_RECORD_VERSION_CONFLICT', { recordId: id, current: current.version, expected: request.body.version }, [], '/version');
        }
        const guard = await guardSubmission(env, { kind: 'record', id }, [form.compiled], request.body.data, current.data);
        const data = guard.seal(validated(env, guard.openForm(form.compiled), { ...current.data, ...guard.data }, current.data));
        checkPersonFields(env, [form.compiled], data, current.data);
        // Validated, and nothing changes: the record as it is, at its version, with nothing written.
        if (leavesRecordUnchanged(current, data, form.version)) return { status: 200, body: toRecordView(current) };
        const row = await trx
          .updateTable('records')
          .set((eb) => ({
            data: JSON.stringify(data),
            form_version: form.version,
            version: eb('version', '+', 1),
            updated_by: principal.userId,
            updated_at: env.now,
          }))
          .where('id', '=', id)
          .where('version', '=', current.version)
          .returningAll()
          .executeTakeFirstOrThrow();
        await guard.link();
        const event: DomainEvent = {
          type: 'record.updated', at: env.now.toISOString(), seq: row.version, actor: principal.userId,
          initiator: row.created_by, formKey, recordId: row.id, data: row.data, previous: current.data,
        };
        await afterWrite(env, row, event, 'record.updated');
        return { status: 200, body: toRecordView(row) };
      });
    },
  );
};
