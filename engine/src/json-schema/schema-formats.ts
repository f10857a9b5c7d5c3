import { isIsoDate, isIsoDateTime } from '../forms/iso-date-formats.js';

// Formats as plain predicates: char-code scans or fixed, linear regular expressions (no user input).

function isTime(s: string): boolean {
  return isIsoDateTime('2000-01-01T' + s);
}

const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const URI = /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]*$/i;
const URI_REFERENCE = /^[^\s"<>\\^`{|}]*$/;
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isRegex(s: string): boolean {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}

/** The `format` values the compiler knows; any other is a compile error, never silently accepted. */
export const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  date: isIsoDate,
  'date-time': isIsoDateTime,
  time: isTime,
  email: (s) => s.length <= 320 && EMAIL.test(s),
  uri: (s) => URI.test(s),
  'uri-reference': (s) => URI_REFERENCE.test(s),
  uuid: (s) => UUID.test(s),
  hostname: (s) => HOSTNAME.test(s),
  ipv4: (s) => IPV4.test(s),
  regex: isRegex,
};
