// Char-code checks for the two formats every handover row carries: a regex match allocates an array per
// value, which once was a third of a form validation.

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] as number));
}

function dateAt(s: string): boolean {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  return year >= 0 && month >= 0 && day >= 0 && validDay(year, month, day);
}

/** RFC 3339 full-date: "2025-02-29" is rejected, "2024-02-29" accepted. */
export function isIsoDate(s: string): boolean {
  return s.length === 10 && dateAt(s);
}

/** RFC 3339 date-time with a mandatory offset: "2025-03-31T09:00:00+08:00", "…T01:00:00.5Z". */
export function isIsoDateTime(s: string): boolean {
  if (s.length < 20 || !dateAt(s)) return false;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116 && t !== 32) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === s.length;
  if (zone !== 43 && zone !== 45) return false;
  if (s.length !== i + 6 || s.charCodeAt(i + 3) !== 58) return false;
  const offsetHour = digits(s, i + 1, 2);
  const offsetMinute = digits(s, i + 4, 2);
  return offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}
