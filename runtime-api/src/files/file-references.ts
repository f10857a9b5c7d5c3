import { issue, type Issue, type Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { isRecord, valuesAtPaths } from '../secrets/data-paths.js';
import './file-errors.js';
import type { FileSubjectKind } from './file-tables.js';

/** The instance, record or rule task whose data holds file references. */
export interface FileSubject {
  kind: FileSubjectKind;
  id: string;
}

export interface FileRefAt {
  fileId: string;
  ref: Record<string, unknown>;
  /** JSON Pointer of the reference object in the data. */
  pointer: string;
}

/**
 * File references at the attachment paths: an attachment holds an array of `{ fileId, … }`, a signature
 * one such object. Anything else is left to form validation.
 */
export function fileRefsIn(data: Record<string, unknown>, paths: readonly string[]): FileRefAt[] {
  const refs: FileRefAt[] = [];
  const take = (value: unknown, pointer: string) => {
    if (isRecord(value) && typeof value.fileId === 'string') refs.push({ fileId: value.fileId, ref: value, pointer });
  };
  for (const { value, pointer } of valuesAtPaths(data, paths)) {
    if (Array.isArray(value)) value.forEach((item: unknown, i) => take(item, `${pointer}/${i}`));
    else take(value, pointer);
  }
  return refs;
}

/** Which reference fields must equal the stored metadata, when the reference names them. */
const METADATA: Array<[string, 'name' | 'size' | 'content_type' | 'sha256']> = [
  ['name', 'name'],
  ['size', 'size'],
  ['contentType', 'content_type'],
  ['sha256', 'sha256'],
];

/**
 * References the submission adds (not in `previous`) must name a file the actor uploaded, or one already
 * linked to the same subject, with the metadata the upload recorded. Returns the ids to link; throws 422
 * with every offending path otherwise (an unknown id and someone else's file get the same answer).
 */
export async function checkFileReferences(
  trx: Kysely<Database>,
  input: { actor: string; subject: FileSubject; locale: Locale },
  submitted: Record<string, unknown>,
  previous: Record<string, unknown>,
  paths: readonly string[],
): Promise<string[]> {
  if (paths.length === 0) return [];
  const before = new Set(fileRefsIn(previous, paths).map((r) => r.fileId));
  const added = fileRefsIn(submitted, paths).filter((r) => !before.has(r.fileId));
  if (added.length === 0) return [];
  const ids = [...new Set(added.map((r) => r.fileId))];
  const files = new Map((await trx.selectFrom('files').selectAll().where('id', 'in', ids).execute()).map((f) => [f.id, f]));
  const linked = new Set(
    (
      await trx
        .selectFrom('file_links')
        .select('file_id')
        .where('subject_kind', '=', input.subject.kind)
        .where('subject_id', '=', input.subject.id)
        .where('file_id', 'in', ids)
        .execute()
    ).map((l) => l.file_id),
  );
  const issues: Issue[] = [];
  for (const { fileId, ref, pointer } of added) {
    const file = files.get(fileId);
    if (!file || (file.uploaded_by !== input.actor && !linked.has(fileId))) {
      issues.push(issue('BATON_E_FILE_REFERENCE_INVALID', `/data${pointer}/fileId`, { fileId }, input.locale));
      continue;
    }
    for (const [field, column] of METADATA) {
      if (field in ref && ref[field] !== file[column]) {
        issues.push(issue('BATON_E_FILE_REFERENCE_MISMATCH', `/data${pointer}/${field}`, { fileId, field }, input.locale));
      }
    }
  }
  if (issues.length > 0) throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  return ids;
}

/** Records that the subject's data references the files (idempotent). */
export async function linkFiles(trx: Kysely<Database>, subject: FileSubject, fileIds: readonly string[], actor: string): Promise<void> {
  if (fileIds.length === 0) return;
  await trx
    .insertInto('file_links')
    .values(fileIds.map((fileId) => ({ file_id: fileId, subject_kind: subject.kind, subject_id: subject.id, linked_by: actor })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Whether `data` references the file anywhere (any field, any depth). */
export function referencesFile(data: unknown, fileId: string): boolean {
  if (Array.isArray(data)) return data.some((item) => referencesFile(item, fileId));
  if (!isRecord(data)) return false;
  if (data.fileId === fileId) return true;
  return Object.values(data).some((value) => referencesFile(value, fileId));
}
