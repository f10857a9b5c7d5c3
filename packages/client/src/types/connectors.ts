import type { IsoDateTime } from './common.js';

/** A connector as GET /connectors lists it (runtime-api connector-schemas.ts ConnectorSummarySchema). */
export interface ConnectorSummary {
  key: string;
  type: string;
  /** Saved through the API with every required secret; false: declared by a published definition only. */
  configured: boolean;
  enabled: boolean;
  disabledReason: string | null;
  lastDelivery: { at: IsoDateTime; action: string; status: string; attempt: number; error: string | null } | null;
}

export interface ConnectorList {
  items: ConnectorSummary[];
}
