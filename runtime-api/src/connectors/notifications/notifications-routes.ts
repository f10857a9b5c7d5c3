import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { principalOf } from '../../auth/auth-plugin.js';
import { Closed, IsoDateTime, withErrors } from '../../app/schema-helpers.js';
import { runCommand } from '../../commands/run-command.js';
import { ApiError } from '../../errors/api-error.js';
import { connectorDb, type NotificationsTable } from '../connector-store.js';
import { localized } from './notification-message.js';
import '../connector-errors.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const NotificationView = Closed({
  id: Type.String(),
  title: Type.String(),
  body: Nullable(Type.String()),
  link: Nullable(Closed({ instanceId: Nullable(Type.String()), taskId: Nullable(Type.String()), url: Nullable(Type.String()) })),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
const ListQuery = Closed({
  unread: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
const ListResult = Closed({ items: Type.Array(NotificationView), unread: Type.Integer({ description: 'How many of the caller\'s notifications are unread' }) });
const IdParams = Closed({ id: Type.String({ minLength: 1, maxLength: 80 }) });
const ReadAllResult = Closed({ updated: Type.Integer() });

/** The in-app inbox: every notify effect writes here, whatever channels are configured. Each user sees only their own. */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string | undefined }> = async (app, { publicUrl }) => {
  const db = connectorDb(app.baton.database.db);

  const render = (row: Selectable<NotificationsTable>, locale: 'en' | 'zh-CN') => {
    const link = row.link;
    const url = link && publicUrl
      ? (link.taskId ? `${publicUrl}/tasks/${encodeURIComponent(link.taskId)}` : link.instanceId ? `${publicUrl}/instances/${encodeURIComponent(link.instanceId)}` : null)
      : null;
    return {
      id: row.id,
      title: localized(row.title, locale) ?? '',
      body: row.body ? (localized(row.body, locale) ?? null) : null,
      link: link ? { instanceId: link.instanceId ?? null, taskId: link.taskId ?? null, url } : null,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at ? row.read_at.toISOString() : null,
    };
  };

  app.get(
    '/notifications',
    { schema: { tags: ['notifications'], summary: 'The caller\'s notifications, newest first (unread=true for the unread ones)', querystring: ListQuery, response: withErrors({ 200: ListResult }) } },
    async (request) => {
      const { userId } = principalOf(request);
      const { unread, limit = 50, offset = 0 } = request.query;
      let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
      if (unread === true) query = query.where('read_at', 'is', null);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
      const count = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
      return { items: rows.map((r) => render(r, request.locale)), unread: Number(count?.n ?? 0) };
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Mark one of the caller\'s notifications read', params: IdParams, response: withErrors({ 200: NotificationView }) } },
    async (request, reply) => {
      const { userId } = principalOf(request);
      return runCommand(request, reply, async (trx) => {
        const tdb = connectorDb(trx);
        const row = await tdb.selectFrom('notifications').selectAll().where('id', '=', request.params.id).where('user_id', '=', userId).executeTakeFirst();
        if (!row) throw new ApiError('BATON_E_NOTIFICATION_NOT_FOUND', { id: request.params.id }, [], '/params/id');
        const updated = row.read_at
          ? row
          : await tdb.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
        return { status: 200, body: render(updated, request.locale) };
      });
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all of the caller\'s notifications read', response: withErrors({ 200: ReadAllResult }) } },
    async (request, reply) => {
      const { userId } = principalOf(request);
      return runCommand(request, reply, async (trx) => {
        const result = await connectorDb(trx).updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
        return { status: 200, body: { updated: Number(result.numUpdatedRows) } };
      });
    },
  );
};
