import type { AccessPlan } from './form-access.js';
import type { FormDataDraft } from './form-data-draft.js';
import type { FormModel } from './form-model.js';

/**
 * A new submission stores every sub-table it may fill as a list, `[]` when it sent none: a form on screen
 * leaves an empty table out, and gates, rules and documents must then read the same empty list a client
 * that sends `[]` gets (an offboarding without devices has `assets: []`, not no `assets`). Tables the node
 * shows read-only or hides stay as access left them.
 */
export function fillEmptyTables(model: FormModel, plan: AccessPlan, enforceAccess: boolean, draft: FormDataDraft): void {
  for (const field of model.fields) {
    if (field.columns === undefined || field.key in draft.data) continue;
    if (enforceAccess && plan.byPath[field.path] !== 'editable') continue;
    draft.set(field.key, []);
  }
}
