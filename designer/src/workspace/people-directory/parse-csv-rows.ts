import Papa from 'papaparse';
import type { ImportProblem } from './import-problems.js';

/** A data row of a CSV file with the file line it starts on (a quoted cell may span lines). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
  problems: ImportProblem[];
}

/** 1-based line of each offset: counts line breaks (\r\n, \n or \r) before it. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Splits a CSV text into a header row and data rows with papaparse (quotes, embedded commas and line
 * breaks, `,` `;` or tab guessed), keeping each row's first line so problems can name it. Blank rows are
 * skipped; a BOM (Excel's UTF-8 export) is dropped.
 */
export function parseCsvRows(input: string): ParsedCsv {
  const text = input.replace(/^\uFEFF/, '');
  const lineAt = lineCounter(text);
  const all: CsvRow[] = [];
  const problems: ImportProblem[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      const line = lineAt(start);
      // The cursor is where the next row begins (after this row's line break).
      start = result.meta.cursor;
      for (const e of result.errors) {
        // A delimiter guess on a one-column file is no problem of the file's.
        if (e.code !== 'UndetectableDelimiter') problems.push({ line, column: null, code: 'csvSyntax', params: { detail: e.message } });
      }
      const cells = result.data.map((c) => (typeof c === 'string' ? c : ''));
      if (cells.some((c) => c.trim() !== '')) all.push({ line, cells });
    },
  });
  const [header, ...rows] = all;
  return { headers: header ? header.cells.map((h) => h.trim()) : [], rows, problems };
}

/** A CSV text with a BOM (so Excel opens Chinese correctly) from a header and rows. */
export function toCsvText(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) }, { newline: '\r\n' });
}
