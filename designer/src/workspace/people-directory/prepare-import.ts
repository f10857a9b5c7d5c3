import type { BatonClient, DirectoryImport } from '@baton/client';
import { csvToImport } from './csv-import-body.js';
import type { ShownProblem } from './import-problem-table.js';
import type { ImportProblem } from './import-problems.js';
import { changesOfPreview, keptFields, mergeProblems, type ImportCounts, type ShownChange } from './import-preview.js';
import type { ImportSource } from './import-source.js';
import { parseJsonImport } from './json-import.js';
import { parseCsvRows } from './parse-csv-rows.js';

/** What the page shows before importing: the body to send, where it came from, counts, changes and problems. */
export interface PreparedImport {
  fileName: string;
  body: DirectoryImport;
  source: ImportSource;
  /** Null when the file could not be compared (unreadable, no id column): its problems say why. */
  counts: ImportCounts | null;
  changes: ShownChange[];
  /** More entries change than the server listed one by one (the counts cover them all). */
  changesTruncated: boolean;
  problems: ShownProblem[];
  ignored: string[];
}

/** Where preparing a file is, for the page's progress line. */
export type PrepareStage = { stage: 'reading' } | { stage: 'checking'; people: number; departments: number };

/** A file's text: UTF-8, else GB18030 (what Excel in Chinese saves a CSV as). */
export async function readFileText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Problems that leave nothing to compare: the server's dry run would only repeat them row by row. */
function blocksComparison(problems: readonly ImportProblem[]): boolean {
  return problems.some((p) => p.code === 'missingColumn' || p.code === 'fileEmpty' || p.code === 'fileUnreadable' || p.code === 'jsonShape');
}

/**
 * Reads a picked file (JSON in the API's shape, or CSV) and asks the server what importing it would do:
 * one dry-run request (POST /directory/import with dryRun) runs every check the import runs (schema,
 * duplicates, references, cycles) and compares each entry with the stored directory, writing nothing.
 * The file's own checks name CSV lines and columns in the page's words; the server's add what only the
 * directory knows.
 */
export async function prepareImport(api: BatonClient, file: File, onStage: (stage: PrepareStage) => void = () => undefined): Promise<PreparedImport> {
  onStage({ stage: 'reading' });
  const text = await readFileText(file);
  const isJson = /\.json$/i.test(file.name) || /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
  // Department names in a CSV are looked up among the stored departments.
  const departments = isJson ? [] : (await api.directory.departments()).items;
  const parsed = isJson ? { ...parseJsonImport(text), ignored: [] as string[], columns: null } : csvToImport(parseCsvRows(text), departments);
  // Stored people keep what the file has no column for: the server fills it in, in the import's transaction.
  if (parsed.columns) parsed.body.keep = keptFields(parsed.columns);
  const base = { fileName: file.name, body: parsed.body, source: parsed.source, ignored: parsed.ignored };
  const people = parsed.body.users?.length ?? 0;
  const depts = parsed.body.departments?.length ?? 0;
  if (blocksComparison(parsed.problems) || people + depts === 0) {
    return { ...base, counts: null, changes: [], changesTruncated: false, problems: mergeProblems(parsed.problems, [], parsed.source) };
  }
  onStage({ stage: 'checking', people, departments: depts });
  const preview = await api.directory.previewImport(parsed.body);
  return {
    ...base,
    counts: { users: preview.users, departments: preview.departments },
    changes: changesOfPreview(preview, parsed.source),
    changesTruncated: preview.changesTruncated,
    problems: mergeProblems(parsed.problems, preview.issues, parsed.source),
  };
}
