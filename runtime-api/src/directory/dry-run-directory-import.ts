import type { Issue, Locale } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { checkDirectoryImport } from './check-directory-import.js';
import type { DirectoryImport } from './directory-schemas.js';
import { loadExistingDirectory } from './directory-store.js';
import { keepStoredFields } from './keep-stored-fields.js';
import { issuesOut, previewDirectoryImport, type ImportPreview } from './preview-directory-import.js';

export type DryRunAnswer = ImportPreview & { dryRun: true; valid: boolean; issues: Array<{ code: string; path: string; message: string }> };

/**
 * POST /directory/import with dryRun: the import's own steps (keep, reference and cycle checks) and a
 * comparison with the stored directory, in one READ ONLY transaction: PostgreSQL itself refuses any write,
 * and repeatable read makes the checks and the counts judge one snapshot. The schema's issues (passed in)
 * come first, then the directory's, so one answer lists every problem.
 */
export async function dryRunDirectoryImport(db: Kysely<Database>, body: DirectoryImport, schemaIssues: readonly Issue[], locale: Locale): Promise<DryRunAnswer> {
  return db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    const users = await keepStoredFields(trx, body.users ?? [], body.keep ?? [], { lock: false });
    const merged = { ...body, users };
    const existing = await loadExistingDirectory(trx);
    const issues = [...schemaIssues, ...checkDirectoryImport(merged, existing, locale)];
    const preview = await previewDirectoryImport(trx, merged);
    return { dryRun: true as const, valid: issues.length === 0, ...preview, issues: issuesOut(issues, locale) };
  });
}
