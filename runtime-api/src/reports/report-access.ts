import type { ReportDefinition } from '@baton/engine';
import { canReadRecords } from '../access/record-access.js';
import { INSTANCE_ADMIN_ROLES } from '../access/instance-access.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';
import type { RowScope } from './report-sql-context.js';
import './reports-errors.js';

export type ReportPurpose = 'aggregate' | 'rows';

/**
 * Who may run a report and over which rows:
 * 1. `access.roles` set: only holders of one of them (and admins) may open it; others get 403.
 * 2. HR and admins count every row.
 * 3. `access.aggregate: true`: holders of the report's roles count every row in totals (run, CSV); their
 *    drill-down still lists only rows they may see one by one.
 * 4. Everyone else counts only rows they may see one by one: instances they started, are the subject
 *    of, or were ever an assignee in (or whose flow names one of their roles as viewers); their own
 *    directory row; records of collections they may read (else 403).
 */
export function reportScope(
  principal: Principal,
  def: ReportDefinition,
  purpose: ReportPurpose,
  context: { formBody?: Record<string, unknown>; collection: boolean; viewerFlows: () => Promise<string[]> },
): Promise<RowScope> | RowScope {
  const roles = def.access?.roles ?? [];
  if (roles.length > 0 && !hasAnyRole(principal, roles)) {
    throw new ApiError('BATON_E_REPORT_FORBIDDEN', { reportKey: def.key, roles: roles.map((r) => `"${r}"`).join(', ') });
  }
  if (hasAnyRole(principal, INSTANCE_ADMIN_ROLES)) return { kind: 'all' };
  if (purpose === 'aggregate' && def.access?.aggregate === true && roles.length > 0) return { kind: 'all' };
  if (context.collection) {
    if (!canReadRecords(principal, context.formBody ?? {})) {
      throw new ApiError('BATON_E_REPORT_FORBIDDEN', { reportKey: def.key, roles: 'hr, designer' });
    }
    return { kind: 'all' };
  }
  return context.viewerFlows().then((viewerFlows) => ({ kind: 'visible', userId: principal.userId, viewerFlows }));
}
