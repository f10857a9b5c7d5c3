import type { ReportCell, ReportRow } from '@baton/engine';
import type { ReportColumn } from './report-columns.js';

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text from users that starts like a formula is prefixed with an apostrophe, so
 * "=HYPERLINK(…)" typed into a reason field stays text in Excel or WPS; numbers are the report's own.
 */
export function csvCell(value: ReportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A report result as CSV: a UTF-8 byte-order mark (Excel then reads Chinese correctly), the column labels,
 * and one line per row, with value labels (department names, band labels, people's names) where the report
 * has them. A column of ids (people, instances) is written twice: its labels, then the ids themselves, so a
 * spreadsheet can still be matched against other exports.
 */
export function reportCsv(columns: readonly ReportColumn[], rows: readonly ReportRow[]): string {
  const cells = columns.flatMap((c) => {
    const labelled = (row: ReportRow) => {
      const value = row[c.key] ?? null;
      const label = typeof value === 'string' || typeof value === 'number' ? c.valueLabels?.[String(value)] : undefined;
      return label ?? value;
    };
    const shown = { header: c.label, value: labelled };
    return c.references ? [shown, { header: `${c.label} (ID)`, value: (row: ReportRow) => row[c.key] ?? null }] : [shown];
  });
  const lines = [cells.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(cells.map((c) => csvCell(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
