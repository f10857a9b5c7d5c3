// The rules of an 18-character Chinese resident identity card number (GB 11643-1999), as plain functions.
// Nothing here knows about Baton: keep the domain logic testable on its own, the field type only wraps it.

/** Two-digit province-level codes of GB/T 2260 (plus 71/81/82/83 used by Taiwan, Hong Kong, Macao residents). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** ISO 7064 MOD 11-2 weights: position i (0-based, of the first 17) weighs 2^(17 - i) mod 11. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

/** What is wrong with a number, most basic problem first; the field type turns it into a message. */
export type ResidentIdProblem =
  | { kind: 'characters' }
  | { kind: 'lowercase-x' }
  | { kind: 'region'; region: string }
  | { kind: 'birth-date'; digits: string }
  | { kind: 'checksum'; expected: string; actual: string };

export interface ResidentId {
  /** Six-digit administrative division code (where the number was issued). */
  region: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** Three-digit sequence; odd for men, even for women. */
  sequence: string;
  checkDigit: string;
}

/** The check digit ('0'–'9' or 'X') the first 17 digits call for. */
export function checkDigitFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  // The digit d makes (sum + d) ≡ 1 (mod 11); 10 is written 'X'.
  const digit = (12 - (sum % 11)) % 11;
  return digit === 10 ? 'X' : String(digit);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** YYYYMMDD → YYYY-MM-DD when it is a day that exists (no 31 April, 29 February only in leap years). */
export function realDate(digits: string): string | undefined {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return undefined;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/**
 * Checks an 18-character number. Length is the caller's business (the JSON Schema says 18), so this only
 * looks at characters, region, birth date and check digit, and reports the first thing that is wrong.
 */
export function parseResidentId(id: string): { ok: true; value: ResidentId } | { ok: false; problem: ResidentIdProblem } {
  if (/^[0-9]{17}x$/.test(id)) return { ok: false, problem: { kind: 'lowercase-x' } };
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return { ok: false, problem: { kind: 'characters' } };
  const region = id.slice(0, 6);
  if (!PROVINCES.has(region.slice(0, 2))) return { ok: false, problem: { kind: 'region', region } };
  const birthDate = realDate(id.slice(6, 14));
  if (birthDate === undefined) return { ok: false, problem: { kind: 'birth-date', digits: id.slice(6, 14) } };
  const expected = checkDigitFor(id.slice(0, 17));
  const actual = id.slice(17);
  if (expected !== actual) return { ok: false, problem: { kind: 'checksum', expected, actual } };
  return { ok: true, value: { region, birthDate, sequence: id.slice(14, 17), checkDigit: actual } };
}

/** "110105********002X": region and the last four stay readable, the birth date is hidden. */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id;
}
