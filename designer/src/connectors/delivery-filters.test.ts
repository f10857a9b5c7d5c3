import type { ConnectorDelivery } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../workspace/records/csv-export.js';
import { healthOf, proofSummary, roleChoice } from './connector-model.js';
import {
  actionChoices,
  deliveryCsvColumns,
  deliveryCsvRows,
  deliveryQuery,
  exportFileName,
  isFiltered,
  localDateTime,
  localMidnight,
  NO_DELIVERY_FILTER,
  rangeIsEmpty,
} from './delivery-filters.js';

const label = (key: string, options?: Record<string, unknown>) => (key.startsWith('deliveryStatus.') ? `[${key.slice(15)}]` : String(options?.defaultValue ?? key));

const delivery = (over: Partial<ConnectorDelivery>): ConnectorDelivery => ({
  id: 1, at: '2026-03-02T09:00:00.000Z', action: 'deliverEvent', status: 'delivered', attempt: 1, idempotencyKey: 'k1',
  instanceId: null, subject: null, error: null, proof: null, durationMs: 12, ...over,
});

describe('delivery filters', () => {
  it('asks the server for nothing extra when nothing is filtered', () => {
    expect(isFiltered(NO_DELIVERY_FILTER)).toBe(false);
    expect(deliveryQuery(NO_DELIVERY_FILTER)).toEqual({});
  });

  it('turns the status choice into statuses: "failed" is will-retry and dead letters', () => {
    expect(deliveryQuery({ ...NO_DELIVERY_FILTER, status: 'failed' }).status).toEqual(['retry', 'dead']);
    expect(deliveryQuery({ ...NO_DELIVERY_FILTER, status: 'skipped' }).status).toEqual(['skipped']);
    expect(deliveryQuery({ ...NO_DELIVERY_FILTER, action: 'receive' })).toEqual({ action: 'receive' });
  });

  it('reads days as the user\'s calendar: from local midnight up to the midnight after the "to" day', () => {
    const query = deliveryQuery({ ...NO_DELIVERY_FILTER, from: '2026-03-01', to: '2026-03-31' });
    expect(new Date(query.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(query.to!).getTime()).toBe(new Date(2026, 3, 1).getTime());
    // The last day of a year rolls into the next one.
    expect(localMidnight('2026-12-31', 1)!.getTime()).toBe(new Date(2027, 0, 1).getTime());
    expect(localMidnight('31/12/2026')).toBeNull();
    expect(deliveryQuery({ ...NO_DELIVERY_FILTER, from: 'garbage' })).toEqual({});
  });

  it('knows a range that cannot match before asking', () => {
    expect(rangeIsEmpty({ from: '2026-03-05', to: '2026-03-04' })).toBe(true);
    expect(rangeIsEmpty({ from: '2026-03-05', to: '2026-03-05' })).toBe(false);
    expect(rangeIsEmpty({ from: '', to: '2026-03-04' })).toBe(false);
  });

  it('offers the type\'s actions, those seen and the chosen one, once each and sorted', () => {
    expect(actionChoices(['sendMessage', 'deliverEvent'], new Set(['receive', 'deliverEvent']), 'legacyAction')).toEqual(['deliverEvent', 'legacyAction', 'receive', 'sendMessage']);
    expect(actionChoices([], [], '')).toEqual([]);
  });
});

describe('delivery CSV', () => {
  it('writes words for statuses, one-line proofs and local times, under translated headers, with a BOM', () => {
    const items = [
      delivery({ id: 2, status: 'skipped', subject: 'record.updated cust-9', proof: { state: 'skipped', reason: 'record.updated is no longer among this subscription\'s events; nothing sent' } }),
      delivery({ id: 1, status: 'dead', error: '=HYPERLINK("x") HTTP 422', attempt: 3, instanceId: 'inst-1' }),
    ];
    const rows = deliveryCsvRows(items, label);
    expect(rows[0]).toMatchObject({ status: '[skipped]', proof: 'record.updated is no longer among this subscription\'s events; nothing sent', at: localDateTime(items[0]!.at) });
    const csv = toCsv(deliveryCsvColumns(label), rows);
    expect(csv.startsWith('\uFEFFcolAt,colEvent,csvSubject,colDeliveryStatus')).toBe(true);
    // A peer's error text can never become a spreadsheet formula.
    expect(csv).toContain(`"'=HYPERLINK(""x"") HTTP 422"`);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('formats a spreadsheet-friendly local time and names the file after the connector and the days', () => {
    expect(localDateTime(new Date(2026, 2, 2, 7, 5, 9).toISOString())).toBe('2026-03-02 07:05:09');
    const today = new Date(2026, 2, 10, 12);
    expect(exportFileName('crm', NO_DELIVERY_FILTER, today)).toBe('deliveries-crm-2026-03-10.csv');
    expect(exportFileName('crm', { ...NO_DELIVERY_FILTER, from: '2026-03-01' }, today)).toBe('deliveries-crm-2026-03-01_now-2026-03-10.csv');
  });
});

describe('skipped deliveries and the no-access page', () => {
  it('counts a skip as healthy and shows its reason as the proof', () => {
    expect(healthOf({ configured: true, enabled: true, lastDelivery: { at: '2026-03-02T09:00:00Z', action: 'deliverEvent', status: 'skipped', attempt: 1, error: null } })).toBe('ok');
    expect(proofSummary({ state: 'skipped', reason: 'nothing sent' })).toBe('nothing sent');
    expect(proofSummary({ state: 'inactive', verifiedAt: 'x' })).toBe('state: inactive · verifiedAt: x');
  });

  it('joins the allowed roles as alternatives in either language', () => {
    expect(roleChoice(['designer', 'auditor'], 'en')).toBe('designer or auditor');
    expect(roleChoice(['设计者', '审计员'], 'zh-CN')).toBe('设计者或审计员');
  });
});
