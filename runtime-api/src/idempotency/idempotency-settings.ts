/** How long stored Idempotency-Key answers are kept (see README "Idempotency-Key"). */
export interface IdempotencySettings {
  /**
   * BATON_IDEMPOTENCY_RETENTION_HOURS (default 24, as payment APIs keep theirs): a key's stored answer is
   * swept by the workers once it is older than this; the same key after that is a new request.
   */
  retentionHours: number;
}

export const DEFAULT_RETENTION_HOURS = 24;
/** Ten years: past this the window is surely a typo (and the interval arithmetic stays far from overflow). */
const MAX_RETENTION_HOURS = 24 * 365 * 10;

export function idempotencySettingsFrom(env: Record<string, string | undefined>): IdempotencySettings {
  const raw = env.BATON_IDEMPOTENCY_RETENTION_HOURS?.trim();
  if (raw === undefined || raw === '') return { retentionHours: DEFAULT_RETENTION_HOURS };
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: only plain decimals are accepted.
  const hours = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(hours > 0) || hours > MAX_RETENTION_HOURS) {
    throw new Error(
      `BATON_IDEMPOTENCY_RETENTION_HOURS must be a positive number of hours up to ${MAX_RETENTION_HOURS}, e.g. 24 or 0.5 (got "${env.BATON_IDEMPOTENCY_RETENTION_HOURS}")`,
    );
  }
  return { retentionHours: hours };
}
