/** Each retry waits this many times longer than the one before. */
export const RETRY_FACTOR = 4;
/** No single wait is longer than this (before jitter). */
export const RETRY_CAP_MS = 12 * 60 * 60 * 1000;
/** ±20 %: spreads retries of rows that failed together (a peer that was down) so they do not return as one wave. */
export const RETRY_JITTER = 0.2;

/**
 * The wait after failed attempt `attempt` (1 = the first try failed): base × 4^(attempt-1), capped at 12 h,
 * ±20 % jitter, and never shorter than what the peer asked for (`retryAfterMs`, e.g. HTTP Retry-After).
 * With the default base of 30 s: 30 s, 2 min, 8 min, 32 min, 2.1 h, 8.5 h, 12 h — eight attempts span a day.
 */
export function retryDelayMs(attempt: number, baseMs: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(RETRY_CAP_MS, baseMs * RETRY_FACTOR ** Math.max(0, attempt - 1));
  const jittered = exponential * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
