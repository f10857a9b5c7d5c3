import type { DirectoryImport } from '@baton/client';
import type { ImportProblem } from './import-problems.js';
import type { ImportSource } from './import-source.js';

const JSON_SOURCE: ImportSource = { kind: 'json', userLines: [], departmentLines: [], userColumns: {}, departmentColumns: {} };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON file in the API's body shape ({ departments?: [...], users?: [...] }). Only the shape the preview
 * needs is checked here (entries are objects with a string id); the server checks every field and its
 * issues are shown by entry.
 */
export function parseJsonImport(text: string): { body: DirectoryImport; source: ImportSource; problems: ImportProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { body: {}, source: JSON_SOURCE, problems: [{ line: null, column: null, code: 'fileUnreadable', params: { detail: e instanceof Error ? e.message : String(e) } }] };
  }
  const problems: ImportProblem[] = [];
  if (!isObject(value) || !(Array.isArray(value.users) || Array.isArray(value.departments))) {
    return { body: {}, source: JSON_SOURCE, problems: [{ line: null, column: null, code: 'jsonShape' }] };
  }
  for (const list of ['users', 'departments'] as const) {
    const entries = value[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) {
      problems.push({ line: null, column: list, code: 'jsonShape' });
      continue;
    }
    entries.forEach((entry: unknown, index) => {
      if (!isObject(entry) || typeof entry.id !== 'string' || entry.id === '') problems.push({ line: null, entry: { list, index }, column: 'id', code: 'required' });
    });
  }
  return { body: value as DirectoryImport, source: JSON_SOURCE, problems };
}
