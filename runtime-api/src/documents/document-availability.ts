import type { DocumentDefinition } from '@baton/engine';
import { ApiError } from '../errors/api-error.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import './document-errors.js';

/**
 * - `live`: the definition names no `issueAt`; rendered afresh on every request.
 * - `issued`: its `issueAt` has come; rendered once, stored with its sha256, the same bytes ever after.
 * - `draft`: not issued yet, but the definition offers a `draft`; rendered live, watermarked, never stored.
 */
export type DocumentAvailability = 'live' | 'issued' | 'draft';

/**
 * What the definition allows for this instance now. A document issued at completion does not exist before
 * it (a leaving certificate that says "all handover procedures have been completed" while the manager has
 * not even approved would be false), nor for a rejected or cancelled request: 409 unless there is a draft.
 */
export function documentAvailability(definition: DocumentDefinition, instance: Pick<InstanceRow, 'status'>): DocumentAvailability {
  if (definition.issueAt === undefined) return 'live';
  if (definition.issueAt === 'completed' && instance.status === 'completed') return 'issued';
  if (definition.draft) return 'draft';
  throw new ApiError('BATON_E_DOCUMENT_NOT_ISSUED', { documentKey: definition.key, status: instance.status }, [], '/params/documentKey');
}
