/**
 * CSV export that is safe to open in a spreadsheet. A text cell starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before reading a formula) is prefixed with a single quote,
 * so "=HYPERLINK(…)" typed into a form stays text instead of running as a formula (CSV injection, OWASP).
 * Real numbers are left alone: -5 cannot be a formula and must stay a number. Cells with a comma, quote or
 * line break are quoted (RFC 4180); rows end with CRLF; the file starts with a UTF-8 BOM so Excel reads
 * Chinese correctly.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of one value as a cell shows it (before escaping). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A masked secret: never try to show more than the mask.
    if (o.sealed === true && typeof o.masked === 'string') return o.masked;
    // A file reference or a person: its name reads better than JSON.
    if (typeof o.name === 'string') return o.name;
    if (typeof o['zh-CN'] === 'string' || typeof o.en === 'string') return String(o['zh-CN'] ?? o.en);
    return JSON.stringify(value);
  }
  return String(value);
}

/** One CSV field: formula-neutralised when it is text, quoted when needed. */
export function escapeCsvCell(value: unknown): string {
  let text = cellText(value);
  if (typeof value !== 'number' && typeof value !== 'bigint' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn {
  key: string;
  label: string;
}

/** A whole file: a header row of labels, then one row per record (values read by column key). */
export function toCsv(columns: readonly CsvColumn[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.map((c) => escapeCsvCell(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => escapeCsvCell(row[c.key])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
