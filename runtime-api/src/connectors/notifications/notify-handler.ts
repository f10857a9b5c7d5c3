import type { InvokeEffect } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import { writeOutbox } from '../../execution/effect-rows.js';
import type { OutboxHandler } from '../../workers/outbox-handler.js';
import type { ConnectorRuntime } from '../connector-runtime.js';
import { connectorDb } from '../connector-store.js';
import { localeOf, pickChannels, type ChannelConnector, type Recipient } from './notification-channels.js';
import { bothLanguages, channelMessage } from './notification-message.js';

export interface NotifySettings {
  runtime: ConnectorRuntime;
  publicUrl: string | undefined;
  /** BATON_NOTIFY_CHANNELS: the organisation's channels when neither the effect nor the person names any. */
  defaultChannels: readonly string[];
  defaultLocale: 'en' | 'zh-CN';
}

/**
 * `notify`: every recipient gets an in-app notification (so the inbox works with no connector at all), in
 * the same transaction as one `invoke … sendMessage` outbox row per external channel the person is reachable
 * on. Each channel message is then its own delivery, with its own retries and key
 * (`<effect key>/<user>/<connector>`); a redelivered notify writes nothing twice.
 */
export function notifyHandler(settings: NotifySettings): OutboxHandler<'notify'> {
  return {
    type: 'notify',
    async handle(delivery, ctx) {
      const effect = delivery.effect;
      const recipients = [...new Set(effect.to)];
      const db = connectorDb(ctx.db);
      const users = recipients.length === 0
        ? []
        : await db.selectFrom('directory_users').select(['id', 'name', 'email', 'mobile', 'attributes', 'active']).where('id', 'in', recipients).execute();
      const byId = new Map<string, Recipient>(users.map((u) => [u.id, u]));
      const channelTypes = new Map(settings.runtime.types.list().filter((t) => t.channel).map((t) => [t.type, t.channel!.channel]));
      const rows = await db.selectFrom('connectors').select(['key', 'type']).where('enabled', '=', true).orderBy('key').execute();
      const connectors: ChannelConnector[] = rows.filter((r) => channelTypes.has(r.type)).map((r) => ({ key: r.key, channel: channelTypes.get(r.type)! }));

      const title = bothLanguages(effect.title, effect.data) ?? { en: '', 'zh-CN': '' };
      const body = bothLanguages(effect.body, effect.data);
      const link = effect.link ? { ...effect.link } : null;
      const sends: InvokeEffect[] = [];
      const summary: string[] = [];
      for (const userId of recipients) {
        const user = byId.get(userId);
        // Deactivated people (leavers) and ids outside the directory get the inbox entry only.
        if (!user || !user.active) continue;
        const locale = localeOf(user, settings.defaultLocale);
        for (const pick of pickChannels(user, effect.channels, settings.defaultChannels, connectors)) {
          sends.push({
            type: 'invoke',
            key: `${delivery.idempotencyKey}/${userId}/${pick.connectorKey}`,
            connector: pick.connectorKey,
            action: 'sendMessage',
            params: channelMessage(effect, userId, pick.address, locale, settings.publicUrl) as unknown as Record<string, unknown>,
            ...(delivery.instanceId ? { instanceId: delivery.instanceId } : {}),
          });
          summary.push(`${userId}→${pick.connectorKey}`);
        }
      }
      const written = await ctx.db.transaction().execute(async (trx) => {
        if (recipients.length > 0) {
          await connectorDb(trx)
            .insertInto('notifications')
            .values(recipients.map((userId) => ({
              id: `ntf-${randomUUID()}`,
              user_id: userId,
              effect_key: delivery.idempotencyKey,
              title: JSON.stringify(title),
              body: body ? JSON.stringify(body) : null,
              link: link ? JSON.stringify(link) : null,
              created_at: ctx.now,
            })))
            .onConflict((oc) => oc.columns(['effect_key', 'user_id']).doNothing())
            .execute();
        }
        return writeOutbox(trx, delivery.instanceId, sends);
      });
      const note = `inbox: ${recipients.length} ${recipients.length === 1 ? 'person' : 'people'}; channels: ${summary.length > 0 ? summary.join(', ') : 'none'}${written < sends.length ? ` (${sends.length - written} already queued)` : ''}`;
      return { status: 'delivered', log: { note } };
    },
  };
}
