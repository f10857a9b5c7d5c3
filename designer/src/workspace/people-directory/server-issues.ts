import type { ApiIssue } from '@baton/client';
import type { ShownProblem } from './import-problem-table.js';
import { locateIssue, type ImportSource } from './import-source.js';

/** A refused import's issues (JSON Pointers into the body sent) as rows of the file: line, column, message. */
export function problemsOfIssues(issues: readonly ApiIssue[], source: ImportSource): ShownProblem[] {
  return issues
    .map((issue) => {
      const where = locateIssue(issue.path, source);
      return {
        line: where.line,
        ...(where.entry ? { entry: where.entry } : {}),
        column: where.column,
        message: issue.message,
        serverCode: issue.code,
      };
    })
    .sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || (a.entry?.index ?? 0) - (b.entry?.index ?? 0));
}
