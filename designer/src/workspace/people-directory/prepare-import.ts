import type { BatonClient, DirectoryImport } from '@baton/client';
import { csvToImport } from './csv-import-body.js';
import type { CsvField } from './directory-csv-columns.js';
import type { ImportProblem } from './import-problems.js';
import { countChanges, keepStoredFields, referenceProblems, userIdsNamed, type ImportCounts } from './import-preview.js';
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
/** Stored records read at once when carrying over fields a CSV has no column for. */
const READ_PARALLEL = 6;

/** A file's text: UTF-8, else GB18030 (what Excel in Chinese saves a CSV as). */
export async function readFileText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function storedUserIds(api: BatonClient, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const page = await api.directory.searchUsers({ id: ids.slice(i, i + LOOKUP_BATCH), include: 'all', limit: LOOKUP_BATCH });
    for (const p of page.items) found.add(p.id);
  }
  return found;
}

/** Replaces each CSV row of a stored person with the row plus what the file has no column for. */
async function carryOverStored(api: BatonClient, body: DirectoryImport, stored: ReadonlySet<string>, columns: ReadonlySet<CsvField>): Promise<void> {
  const users = body.users ?? [];
  const todo = users.map((u, i) => [u, i] as const).filter(([u]) => stored.has(u.id));
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const [user, i] = todo[next++]!;
      users[i] = keepStoredFields(user, await api.directory.user(user.id), columns);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_PARALLEL, todo.length) }, worker));
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
  if (parsed.columns && problems.length === 0) await carryOverStored(api, parsed.body, userIds, parsed.columns);
  return { fileName: file.name, body: parsed.body, source: parsed.source, counts: countChanges(parsed.body, known), problems, ignored: parsed.ignored };
}
