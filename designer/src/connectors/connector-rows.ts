import type { ConnectorSummary } from '@baton/client';
import { replayableDeadLetters, targetHost, unresolvedDeadLetters, type ConnectorAccess } from './connector-model.js';
import type { ConnectorsApi } from './connectors-api.js';

export interface ConnectorRow extends ConnectorSummary {
  /** The host it calls (settings readers only: the config is theirs). */
  target: string | null;
  /** Its dead letters (deliveries readers only); null when not known. */
  dead: number | null;
}

/**
 * The list with what the user may see of each connector: the target host from its settings (designers,
 * admins), its dead letters from its deliveries (auditors, admins). Admins count the outbox's dead letters
 * (those they can send again); auditors, who may not read the outbox, the deliveries whose last try died.
 */
export async function loadConnectorRows(api: ConnectorsApi, access: ConnectorAccess): Promise<ConnectorRow[]> {
  const [list, letters] = await Promise.all([api.list(), access.replay ? api.deadLetters() : null]);
  return Promise.all(
    list.items.map(async (c): Promise<ConnectorRow> => {
      if (!c.configured) return { ...c, target: null, dead: null };
      const [view, deliveries] = await Promise.all([
        access.readConfig ? api.get(c.key) : null,
        access.readDeliveries ? api.deliveries(c.key) : null,
      ]);
      const dead = deliveries === null ? null : letters ? replayableDeadLetters(deliveries.items, letters.items).size : unresolvedDeadLetters(deliveries.items).length;
      return { ...c, target: view ? targetHost(view.config) : null, dead };
    }),
  );
}
