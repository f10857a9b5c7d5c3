/** What a delivery row means for people: its action word key, its result and the connector when it was skipped. */
export interface DeliveryWording {
  action: 'notify' | 'invoke' | 'setData' | 'renderDocument' | 'startFlow' | 'createTask' | 'other';
  result: 'delivered' | 'skipped' | 'pending' | 'retry' | 'dead' | 'other';
  /** The connector type named in a "skipped:" note (runtime-api/src/connectors/invoke-handler.ts). */
  connector?: string;
}

const ACTIONS = new Set<DeliveryWording['action']>(['notify', 'invoke', 'setData', 'renderDocument', 'startFlow', 'createTask']);
const RESULTS = new Set<DeliveryWording['result']>(['delivered', 'pending', 'retry', 'dead']);
const SKIPPED = /^skipped: no enabled (\S+) connector/;

/** A delivered row whose note starts "skipped:" sent nothing: it is its own state, not "delivered". */
export function deliveryWording(type: string, status: string, note: string | null): DeliveryWording {
  const action = ACTIONS.has(type as DeliveryWording['action']) ? (type as DeliveryWording['action']) : 'other';
  if (note?.startsWith('skipped:')) {
    const connector = SKIPPED.exec(note)?.[1];
    return { action, result: 'skipped', ...(connector ? { connector } : {}) };
  }
  return { action, result: RESULTS.has(status as DeliveryWording['result']) ? (status as DeliveryWording['result']) : 'other' };
}

/** Roles that see the technical side of a delivery (notes, errors): the rest see words only. */
export const DELIVERY_DETAIL_ROLES = ['hr', 'admin', 'auditor'] as const;
