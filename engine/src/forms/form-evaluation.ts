import type { EvalContext } from '../expressions/expression-types.js';
import { FormDataDraft, isRecord, setInScope, truthy } from './form-data-draft.js';
import type { FieldNode, FormModel } from './form-model.js';


/**
 * Evaluates computed fields in dependency order, writing into the draft. A sub-table step computes its
 * computed columns row by row; each result is put into the row scope at once, so a later column can read it.
 */
export function applyCompute(model: FormModel, draft: FormDataDraft, ctx: EvalContext | undefined): void {
  for (const step of model.computeSteps) {
    // draft.data afresh each time: the first change copies it.
    if (step.computed) {
      draft.set(step.key, step.computed(draft.data, ctx));
      continue;
    }
    const rows = draft.data[step.key];
    if (!Array.isArray(rows)) continue;
    const columns = step.computedColumns as FieldNode[];
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (!isRecord(row)) continue;
      const scope = draft.rowScope(step, i, row);
      for (const column of columns) {
        const value = (column.computed as NonNullable<FieldNode['computed']>)(scope, ctx);
        setInScope(step, scope, column.key, value);
        if (row[column.key] !== value) draft.setInRow(step, i, column.key, value);
      }
    }
  }
}

/** Receives every visibility decision; `validate` strips, `visibility()` records. */
export interface VisibilityVisitor {
  field(node: FieldNode, visible: boolean): void;
  /** Called once per row of a visible sub-table, with the row's hidden columns (valid during the call only). */
  row(table: FieldNode, index: number, row: Record<string, unknown>, scope: unknown, hiddenColumns: FieldNode[] | undefined): void;
}

/**
 * Walks the fields in definition order deciding visibility. Invisible values are removed from the draft
 * as they are found, so a later `visibleIf` that reads an invisible field sees no value (visibility
 * cascades, as it does on screen).
 */
export function applyVisibility(
  model: FormModel,
  draft: FormDataDraft,
  ctx: EvalContext | undefined,
  visitor: VisibilityVisitor,
): void {
  // One list reused for every row: visitors read it during the call only.
  const hidden: FieldNode[] = [];
  for (const field of model.fields) {
    // draft.data afresh each time: the first change (a value stripped, a row copied) copies it.
    const visible = field.visibleIf === undefined || truthy(field.visibleIf(draft.data, ctx));
    visitor.field(field, visible);
    if (!visible) {
      draft.remove(field.key);
      continue;
    }
    if (!field.columns) continue;
    const rows = draft.data[field.key];
    if (!Array.isArray(rows)) continue;
    const conditional = field.conditionalColumns as FieldNode[];
    if (conditional.length === 0 && !field.rowScoped) {
      // Nothing to decide per row (no column visibleIf, no scope to build): just visit.
      for (let i = 0; i < rows.length; i++) {
        const row: unknown = rows[i];
        if (isRecord(row)) visitor.row(field, i, row, undefined, undefined);
      }
      continue;
    }
    for (let i = 0; i < rows.length; i++) {
      const original: unknown = rows[i];
      if (!isRecord(original)) continue;
      let row = original;
      const scope = field.rowScoped ? draft.rowScope(field, i, row) : undefined;
      // pop, not `length = 0`: setting length is a runtime call, measured at 4% of a validation.
      while (hidden.length > 0) hidden.pop();
      for (let c = 0; c < conditional.length; c++) {
        const column = conditional[c] as FieldNode;
        if (truthy((column.visibleIf as NonNullable<FieldNode['visibleIf']>)(scope, ctx))) continue;
        hidden.push(column);
        if (scope) setInScope(field, scope, column.key, undefined);
        if (column.key in row) {
          row = draft.writableRow(field, i);
          delete row[column.key];
        }
      }
      visitor.row(field, i, row, scope, hidden.length > 0 ? hidden : undefined);
    }
  }
}
