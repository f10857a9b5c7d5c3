import { Cron } from 'croner';

/**
 * Cron arithmetic through croner (MIT, no dependencies, time-zone and DST aware). We only ever ask it for
 * the next run after an instant WE pass in: it computes from that instant, so the answer does not depend
 * on the wall clock (the engine's purity rule). No callback is given, so croner schedules nothing.
 */
function build(expression: string, timeZone: string): Cron {
  // 5 fields (minute precision) or 6 with seconds; day-of-month and day-of-week combine with OR as in Vixie cron.
  return new Cron(expression, { timezone: timeZone, mode: '5-or-6-parts' });
}

/** The first run strictly after `after` (ISO instant), as an ISO instant, or undefined when there is none. */
export function nextCronRun(expression: string, after: string, timeZone: string): string | undefined {
  const next = build(expression, timeZone).nextRun(new Date(after));
  return next ? next.toISOString() : undefined;
}

/** Why a cron expression is not valid, or undefined when it is. */
export function cronError(expression: string, timeZone = 'UTC'): string | undefined {
  try {
    build(expression, timeZone);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** True when Intl knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
