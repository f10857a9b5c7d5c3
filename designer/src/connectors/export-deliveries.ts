import type { ConnectorDelivery } from '@baton/client';
import { toCsv } from '../workspace/records/csv-export.js';
import type { ConnectorsApi } from './connectors-api.js';
import { deliveryCsvColumns, deliveryCsvRows, deliveryQuery, EXPORT_MAX, EXPORT_PAGE, type DeliveryFilter, type DeliveryLabel } from './delivery-filters.js';

export interface DeliveryExport {
  csv: string;
  rows: number;
  /** More rows matched than EXPORT_MAX: the newest ones were exported. */
  capped: boolean;
}

/**
 * Every delivery the filter matches (not only the pages on screen), newest first, read page by page with the
 * server's cursor, as CSV with a UTF-8 BOM so Excel opens Chinese text correctly. `onProgress` gets the rows read.
 */
export async function exportDeliveries(
  api: ConnectorsApi,
  connectorKey: string,
  filter: DeliveryFilter,
  t: DeliveryLabel,
  onProgress?: (read: number) => void,
): Promise<DeliveryExport> {
  const query = deliveryQuery(filter);
  const items: ConnectorDelivery[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.deliveries(connectorKey, { ...query, limit: Math.min(EXPORT_PAGE, EXPORT_MAX - items.length), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
    onProgress?.(items.length);
  } while (cursor !== null && items.length < EXPORT_MAX);
  return { csv: toCsv(deliveryCsvColumns(t), deliveryCsvRows(items, t)), rows: items.length, capped: cursor !== null };
}

/** Hands a CSV to the browser as a download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
