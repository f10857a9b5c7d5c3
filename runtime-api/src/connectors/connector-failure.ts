import { errorSpec, format, type Locale } from '@baton/engine';
import type { DeliveryLog } from '../workers/outbox-handler.js';
import './connector-errors.js';

export interface FailureOptions {
  /** Transient: the outbox tries again (network, 5xx, DNS). Otherwise the delivery is dead. */
  retry?: boolean;
  retryAfterMs?: number;
  /** The peer said the endpoint is gone for good (410): the connector is switched off. */
  disable?: boolean;
}

/** A connector failure with a catalogue code, so it reads the same in the delivery log and the API, in both languages. */
export class ConnectorFailure extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly options: FailureOptions;
  /** The exchange so far (redacted), when the failure came after a request was sent. */
  log?: DeliveryLog;
  constructor(code: string, params: Record<string, unknown>, options: FailureOptions = {}) {
    super(describeFailure(code, params, 'en'));
    this.name = 'ConnectorFailure';
    this.code = code;
    this.params = params;
    this.options = options;
  }
}

export function describeFailure(code: string, params: Record<string, unknown>, locale: Locale): string {
  const spec = errorSpec(code);
  return spec ? `${code}: ${format(spec[locale], params)}` : code;
}
