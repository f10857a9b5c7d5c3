import type { BatonClient, DirectoryImport } from '@baton/client';
import { csvToImport } from './csv-import-body.js';
import type { ImportProblem } from './import-problems.js';
import { countChanges, keptFields, referenceProblems, userIdsNamed, type ImportCounts } from './import-preview.js';
import type { ImportSource } from './import-source.js';
import { parseJsonImport } from './json-import.js';
import { parseCsvRows } from './parse-csv-rows.js';

/** What the page shows before importing: the body to send, where it came from, counts and problems. */
export interface PreparedImport {
  fileName: string;
  body: DirectoryImport;
  source: ImportSource;
  counts: ImportCounts;
  problems: ImportProblem[];
  ignored: string[];
}

/** The route's cap on exact ids a search takes at once is 100 and on a page 50. */
const LOOKUP_BATCH = 50;
/** Lookups in flight at once: fast for thousands of rows without flooding the rate limit's window. */
const LOOKUP_PARALLEL = 4;

/** A file's text: UTF-8, else GB18030 (what Excel in Chinese saves a CSV as). */
export async function readFileText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Which of the ids the directory holds: batches of ids, a few requests at a time (thousands of rows: ~a second). */
async function storedUserIds(api: BatonClient, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) batches.push(ids.slice(i, i + LOOKUP_BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const page = await api.directory.searchUsers({ id: batches[next++]!, include: 'all', limit: LOOKUP_BATCH });
      for (const p of page.items) found.add(p.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_PARALLEL, batches.length) }, worker));
  return found;
}

/**
 * Reads a picked file (JSON in the API's shape, or CSV), compares it with the directory and lists what
 * would change and what is wrong, without writing anything.
 */
export async function prepareImport(api: BatonClient, file: File): Promise<PreparedImport> {
  const text = await readFileText(file);
  const { items: departments } = await api.directory.departments();
  const isJson = /\.json$/i.test(file.name) || /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
  const parsed = isJson ? { ...parseJsonImport(text), ignored: [] as string[], columns: null } : csvToImport(parseCsvRows(text), departments);
  const userIds = await storedUserIds(api, userIdsNamed(parsed.body));
  const known = { userIds, departmentIds: new Set(departments.map((d) => d.id)) };
  const problems = [...parsed.problems, ...referenceProblems(parsed.body, known, parsed.source)];
  // Stored people keep what the file has no column for: the server fills it in, in the import's transaction.
  if (parsed.columns) parsed.body.keep = keptFields(parsed.columns);
  return { fileName: file.name, body: parsed.body, source: parsed.source, counts: countChanges(parsed.body, known), problems, ignored: parsed.ignored };
}
