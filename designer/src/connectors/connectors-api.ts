import type { BatonClient, ConnectorDeliveryQuery, ConnectorInput } from '@baton/client';
import { useMemo } from 'react';
import { useApi } from '../app/session/use-api.js';

// The page's connector calls, each one method of @baton/client (token, language, Idempotency-Key and
// errors are the client's): only the page's own choices — how many deliveries, which dead letters — live here.

export type {
  ConnectorDelivery,
  ConnectorDeliveryList,
  ConnectorDeliveryQuery,
  ConnectorDeliveryStatus,
  ConnectorInput,
  ConnectorTestResult,
  ConnectorType as ConnectorTypeInfo,
  ConnectorView,
  OutboxEntry,
} from '@baton/client';

/** Deliveries per page (the list's dead-letter count reads the first page). */
const DELIVERY_LIMIT = 50;
/** Dead letters read to find a connector's replayable ones (the outbox list's maximum page). */
const DEAD_LETTER_LIMIT = 500;

export function connectorsApi(client: BatonClient) {
  return {
    list: () => client.connectors.list(),
    types: () => client.connectors.types(),
    get: (key: string) => client.connectors.get(key),
    save: (key: string, input: ConnectorInput) => client.connectors.save(key, input),
    test: (key: string) => client.connectors.test(key),
    /** One page of a connector's deliveries, newest first (filters and cursor as the server takes them). */
    deliveries: (key: string, query: ConnectorDeliveryQuery = {}) => client.connectors.deliveries(key, { limit: DELIVERY_LIMIT, ...query }),
    /** Dead letters of the outbox (admin): a connector's dead deliveries are replayed through them. */
    deadLetters: () => client.outbox.list({ status: 'dead', limit: DEAD_LETTER_LIMIT }),
    replay: (outboxId: string, comment: string) => client.outbox.replay(outboxId, { comment }),
  };
}

export type ConnectorsApi = ReturnType<typeof connectorsApi>;

/** The connector calls for the signed-in user, in the UI's language (server messages come back in it). */
export function useConnectorsApi(): ConnectorsApi {
  const client = useApi();
  return useMemo(() => connectorsApi(client), [client]);
}
