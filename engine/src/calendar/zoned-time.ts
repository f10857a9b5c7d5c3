import { BatonError } from '../errors/error-catalogue.js';
import { CALENDAR_ERRORS } from './calendar-errors.js';
import { formatDate, isDateString, MS_PER_DAY, parseDate, parseTime } from './calendar-date.js';

/**
 * Wall-clock ↔ instant conversion in IANA time zones through Intl (no time-zone library): the offset at an
 * instant is "the wall clock read as if UTC" minus the instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_BAD_TIME_ZONE, { value: timeZone });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function isUtc(timeZone: string | undefined): boolean {
  return timeZone === undefined || timeZone === 'UTC' || timeZone === 'Etc/UTC';
}

function exactOffsetMs(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  // A plain loop, no lookup closure: this runs for every SLA and timer the flows schedule.
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return wall - Math.floor(instantMs / 1000) * 1000;
}

const MS_PER_HOUR = 3_600_000;
const MAX_CACHED_HOURS = 50_000;
/** Offsets by zone and UTC hour. Intl formatting costs microseconds; a lookup costs nanoseconds. */
const offsetCache = new Map<string, Map<number, number>>();

/** Milliseconds to add to an instant to read its wall clock in `timeZone`. */
export function zoneOffsetMs(instantMs: number, timeZone: string | undefined): number {
  if (isUtc(timeZone)) return 0;
  const zone = timeZone as string;
  const hour = Math.floor(instantMs / MS_PER_HOUR);
  let hours = offsetCache.get(zone);
  const cached = hours?.get(hour);
  if (cached !== undefined) return cached;
  const offset = exactOffsetMs(instantMs, zone);
  // Cache an hour only when its first and last second agree: a transition inside it (DST, or an old
  // local-mean-time change at an odd minute) is then always computed exactly.
  const start = hour * MS_PER_HOUR;
  if (exactOffsetMs(start, zone) === offset && exactOffsetMs(start + MS_PER_HOUR - 1000, zone) === offset) {
    if (!hours) offsetCache.set(zone, (hours = new Map()));
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/** A wall-clock time (as milliseconds since the epoch read as UTC) in `timeZone` → the instant. */
export function wallClockToInstantMs(wallMs: number, timeZone: string | undefined): number {
  if (isUtc(timeZone)) return wallMs;
  const first = zoneOffsetMs(wallMs, timeZone);
  const guess = wallMs - first;
  const second = zoneOffsetMs(guess, timeZone);
  return second === first ? guess : wallMs - second;
}

export function instantToWallClockMs(instantMs: number, timeZone: string | undefined): number {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}

/** Parses an ISO 8601 instant; a bare date means its midnight in `timeZone`. */
export function parseInstant(value: unknown, timeZone?: string): number {
  if (isDateString(value)) return wallClockToInstantMs(parseDate(value) * MS_PER_DAY, timeZone);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const ms = new Date(value).getTime();
    if (ms === ms) return ms;
  }
  throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_BAD_INSTANT, { value: String(value) });
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** "2025-03-31" + "09:00" in Asia/Shanghai → "2025-03-31T01:00:00.000Z". */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): string {
  return formatInstant(wallClockToInstantMs(parseDate(date) * MS_PER_DAY + parseTime(time), timeZone));
}

/** The calendar date an instant falls on in `timeZone`: "2025-03-31T17:00:00Z" in Asia/Shanghai → "2025-04-01". */
export function instantToZonedDate(instant: string, timeZone: string): string {
  const wall = instantToWallClockMs(parseInstant(instant, timeZone), timeZone);
  return formatDate(Math.floor(wall / MS_PER_DAY));
}

/** The wall-clock time of an instant in `timeZone`, "HH:mm". */
export function instantToZonedTime(instant: string, timeZone: string): string {
  const wall = instantToWallClockMs(parseInstant(instant, timeZone), timeZone);
  return new Date(wall).toISOString().slice(11, 16);
}
