import { issue, type Issue, type Locale } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { isRecord, mapAtPaths, valuesAtPaths } from '../secrets/data-paths.js';
import './file-errors.js';

/** A signature value compared by content: same keys in any order are the same value. */
function canonical(value: unknown): string {
  return isRecord(value) ? JSON.stringify(Object.keys(value).sort().map((k) => [k, value[k]])) : JSON.stringify(value);
}

/**
 * Signatures the submission adds or changes get the server's `signedAt` (the command's instant) and
 * `signerId` (the actor), whatever the client sent, and must reference an image the actor uploaded with
 * the recorded sha256 (filled in when the client left it out). A value equal to one already stored at
 * that path (an earlier step's signature, sent back unchanged) is kept as stored. Anything that is not a
 * `{ fileId }` object is left to form validation. Throws 422 with every offending path.
 */
export async function stampSignatures(
  trx: Kysely<Database>,
  input: { actor: string; now: Date; locale: Locale },
  submitted: Record<string, unknown>,
  previous: Record<string, unknown>,
  paths: readonly string[],
): Promise<Record<string, unknown>> {
  if (paths.length === 0) return submitted;
  const stored = new Set(valuesAtPaths(previous, paths).map((at) => `${at.path}\n${canonical(at.value)}`));
  const fresh = valuesAtPaths(submitted, paths).filter(
    (at) => isRecord(at.value) && typeof at.value.fileId === 'string' && !stored.has(`${at.path}\n${canonical(at.value)}`),
  );
  if (fresh.length === 0) return submitted;
  const ids = [...new Set(fresh.map((at) => (at.value as { fileId: string }).fileId))];
  const files = new Map(
    (await trx.selectFrom('files').select(['id', 'sha256', 'uploaded_by']).where('id', 'in', ids).execute()).map((f) => [f.id, f]),
  );
  const issues: Issue[] = [];
  const pointers = new Set(fresh.map((at) => at.pointer));
  const signedAt = input.now.toISOString();
  const stamped = mapAtPaths(submitted, paths, (at) => {
    if (!pointers.has(at.pointer)) return at.value;
    const ref = at.value as Record<string, unknown> & { fileId: string };
    const file = files.get(ref.fileId);
    // Only the signer's own upload: a file someone else drew is not this actor's signature.
    if (!file || file.uploaded_by !== input.actor) {
      issues.push(issue('BATON_E_FILE_REFERENCE_INVALID', `/data${at.pointer}/fileId`, { fileId: ref.fileId }, input.locale));
      return at.value;
    }
    if ('sha256' in ref && ref.sha256 !== file.sha256) {
      issues.push(issue('BATON_E_FILE_REFERENCE_MISMATCH', `/data${at.pointer}/sha256`, { fileId: ref.fileId, field: 'sha256' }, input.locale));
      return at.value;
    }
    return { ...ref, sha256: file.sha256, signedAt, signerId: input.actor };
  });
  if (issues.length > 0) throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  return stamped;
}
