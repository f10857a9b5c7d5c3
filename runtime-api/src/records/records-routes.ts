import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { canReadRecords, canWriteRecords, hasRecordReaders } from '../access/record-access.js';
import { sql } from 'kysely';
import { principalOf } from '../auth/auth-plugin.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { commandEnv, executionServices } from '../execution/execution-services.js';
import '../execution/execution-errors.js';
import { collectionForm, createRecord, updateRecord } from './record-writes.js';
import { relationOptionsRoutes } from './relation-options-routes.js';
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

export const recordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  const db = app.baton.database.db;
  const forbidden = () => new ApiError('BATON_E_FORBIDDEN', { required: 'admin, designer, hr' });
  await app.register(relationOptionsRoutes(services));

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
      const form = collectionForm(await services.definitions.form(db, formKey), formKey, '/params/formKey');
      const readsAll = canReadRecords(principal, form.body);
      if (!readsAll && !hasRecordReaders(form.body)) throw forbidden();
      const { limit = 100, offset = 0 } = request.query;
      // Without a reader role only the records whose `readerFields` name the caller (e.g. the assets they hold).
      const readerFields = readsAll ? [] : (form.body.readerFields as string[]);
      const rows = await db.selectFrom('records').selectAll().where('form_key', '=', formKey)
        .$if(!readsAll, (q) => q.where((eb) => eb.or(readerFields.map((field) => eb(sql<string>`data->>${field}`, '=', principal.userId)))))
        .orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
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
        const form = collectionForm(await services.definitions.form(trx, formKey), formKey, '/params/formKey');
        if (!canWriteRecords(principal, form.body)) throw forbidden();
        const row = await createRecord(env, form, randomUUID(), request.body.data);
        return { status: 201, body: toRecordView(row) };
      });
    },
  );

  app.patch(
    '/records/:formKey/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'Change fields of a record (top-level merge; null clears a field) at the version read; rules see record.updated',
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
        const form = collectionForm(await services.definitions.form(trx, formKey), formKey, '/params/formKey');
        if (!canWriteRecords(principal, form.body)) throw forbidden();
        const current = await trx.selectFrom('records').selectAll().where('id', '=', id).where('form_key', '=', formKey).forUpdate().executeTakeFirst();
        if (!current) throw new ApiError('BATON_E_RECORD_NOT_FOUND', { recordId: id, formKey }, [], '/params/id');
        if (current.version !== request.body.version) {
          throw new ApiError('BATON_E_RECORD_VERSION_CONFLICT', { recordId: id, current: current.version, expected: request.body.version }, [], '/version');
        }
        const { row } = await updateRecord(env, form, current, request.body.data);
        return { status: 200, body: toRecordView(row) };
      });
    },
  );
};
