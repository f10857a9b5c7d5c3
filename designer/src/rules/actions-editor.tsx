import type { FormDefinition } from '@baton/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import type { FieldOption } from '../shared/condition/field-options.js';
import { SchemaForm, type Choices } from '../shared/schema-form/schema-form.js';
import type { RuleBody } from './new-rule.js';
import { FallbackAssigneesPicker } from './fallback-assignees-picker.js';
import { takesFallback, withFallback, type Fallback } from './fallback-assignees.js';
import { issuesOutsidePanel, shownProperties } from './action-issues.js';
import { afterMove, afterRemove, markFresh, markTouched, type FreshActions } from './fresh-actions.js';
import { RuleProblemList } from './rule-problem-list.js';
import type { RuleProblem } from './rule-problems.js';

type Action = RuleBody['actions'][number];

/** For an action repeated over a sub-table (`forEach: {"var": "customers"}`): that table's columns as `$item.…`. */
function itemFields(action: Action, fields: FieldOption[], rowLabel: (table: FieldOption, column: FieldOption) => string): FieldOption[] {
  const each = action.forEach as { var?: unknown } | undefined;
  const table = typeof each?.var === 'string' ? fields.find((f) => f.path === each.var) : undefined;
  return (table?.columns ?? []).map((c) => ({ ...c, path: `$item.${c.path}`, label: rowLabel(table!, c) }));
}

/**
 * THEN: the actions in order, each with a parameter form generated from its type's params schema. `issues`
 * are worded for the panels' fields; `problems` are the rule's, each action listing its own that no field of
 * its panel shows.
 */
export function ActionsEditor({ def, onChange, issues, problems, fields, form, choices }: { def: RuleBody; onChange: (update: (d: RuleBody) => RuleBody) => void; issues: DisplayIssue[]; problems: readonly RuleProblem[]; fields: FieldOption[]; form: FormDefinition | undefined; choices: Choices }) {
  const { t } = useTranslation('rules');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  // Every change applies to the actions as they are then, not as this render saw them: a panel may report a
  // change (rjsf re-deriving its data) right after another action was added or removed.
  const setActions = (update: (actions: Action[]) => Action[]) => onChange((d) => ({ ...d, actions: update(d.actions) }));
  const set = (i: number, update: (a: Action) => Action) => setActions((list) => list.map((a, j) => (j === i ? update(a) : a)));
  // Actions just added (or given another type) keep their problems to themselves until the analyst edits them.
  const [fresh, setFresh] = useState<FreshActions>(() => new Set());
  // After the edit has gone through: changing the panel's errors in the same event makes rjsf re-derive its
  // state from the props it had before the keystroke, losing what was typed.
  const touch = (i: number) => {
    if (fresh.has(i)) setTimeout(() => setFresh((f) => markTouched(f, i)), 0);
  };
  const move = (i: number, by: number) => {
    setFresh((f) => afterMove(f, i, by));
    setActions((current) => {
      const list = [...current];
      const [item] = list.splice(i, 1);
      list.splice(i + by, 0, item!);
      return list;
    });
  };
  const add = () => {
    setFresh((f) => markFresh(f, def.actions.length));
    setActions((list) => [...list, { type: catalogue.actions.find((a) => a.type === 'notify')?.type ?? catalogue.actions[0]?.type ?? 'notify' }]);
  };
  const remove = (i: number) => {
    setFresh((f) => afterRemove(f, i));
    setActions((list) => list.filter((_, j) => j !== i));
  };
  const types = def.actions.map((a) => a.type).join('\n');
  // Each panel's issues keep their identity until validation or freshness changes: a new list on every render
  // would make rjsf re-derive its state from props mid-edit and drop a change (a removed assignee, a keystroke).
  const shownIssues = useMemo(
    () =>
      def.actions.map((_, i) => {
        const base = `/actions/${i}`;
        return fresh.has(i) ? [] : issues.filter((x) => x.path === base || x.path.startsWith(base + '/'));
      }),
    [issues, fresh, types], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const personFields = (form?.fields ?? []).filter((f) => ['user', 'department'].includes(f.type.replace(/@.*$/, ''))).map((f) => f.key);
  return (
    <fieldset className="rule-part" data-testid="rule-actions">
      <legend>{t('then')}</legend>
      {def.actions.length === 0 ? <EmptyState title={t('actionsEmpty')}>{t('actionsEmptyBody')}</EmptyState> : null}
      <RuleProblemList problems={problems.filter((p) => p.part === 'actions')} />
      {def.actions.map((action, i) => {
        const entry = findEntry(catalogue.actions, action.type);
        const base = `/actions/${i}`;
        const fallbackAt = `${base}/params/fallbackAssignees`;
        const hasFallback = takesFallback(entry?.paramsSchema);
        const isFresh = fresh.has(i);
        const omit = hasFallback ? ['fallbackAssignees'] : [];
        const specific = shownIssues[i] ?? [];
        const shown = shownProperties(entry?.paramsSchema, omit);
        const outside = (p: RuleProblem) => !(hasFallback && p.issue.path.startsWith(fallbackAt)) && issuesOutsidePanel([p.issue], `${base}/params`, shown).length > 0;
        const mine = isFresh ? [] : problems.filter((p) => p.part === 'action' && p.action === i && outside(p));
        return (
          <div key={i} className="rule-action" data-testid={`rule-action-${i}`} data-fresh={isFresh || undefined}>
            <div className="row">
              <strong>{i + 1}.</strong>
              <select
                aria-label={t('actionType')}
                name={`action-${i}-type`}
                value={action.type}
                onChange={(e) => {
                  setFresh((f) => markFresh(f, i));
                  set(i, () => ({ type: e.target.value }));
                }}
              >
                {catalogue.actions.map((e) => (
                  <option key={e.type} value={e.type}>{l(e.label, e.type)}</option>
                ))}
              </select>
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp')} title={t('moveUp')}>↑</button>
              <button type="button" disabled={i === def.actions.length - 1} onClick={() => move(i, 1)} aria-label={t('moveDown')} title={t('moveDown')}>↓</button>
              <button type="button" onClick={() => remove(i)} aria-label={t('removeAction')}>{t('removeAction')}</button>
            </div>
            {entry?.description ? <p className="muted small">{l(entry.description)}</p> : null}
            {isFresh ? <p className="muted small" data-testid={`rule-action-${i}-fresh`}>{t('actionFreshHint')}</p> : null}
            <RuleProblemList problems={mine} testId={`rule-action-${i}-problems`} />
            {/* Any edit by the analyst (typing, choosing, leaving a field) ends the action's quiet start. */}
            <div className="rule-action-settings" onChangeCapture={() => touch(i)} onInputCapture={() => touch(i)} onBlurCapture={() => touch(i)}>
              {entry ? (
                <SchemaForm
                  name={`action-${i}-params`}
                  schema={entry.paramsSchema}
                  choices={choices}
                  value={action.params}
                  issues={specific}
                  issueBase={`${base}/params`}
                  fieldPaths={personFields}
                  omit={omit}
                  onChange={(params) =>
                    set(i, (a) => {
                      const next = { ...a };
                      // The fallback list is edited below, not in the generated panel: keep it.
                      const merged = hasFallback ? withFallback(params, a.params?.fallbackAssignees as Fallback) : params;
                      if (!merged || Object.keys(merged).length === 0) delete next.params;
                      else next.params = merged;
                      return next;
                    })
                  }
                />
              ) : null}
              {hasFallback ? (
                <FallbackAssigneesPicker
                  name={`action-${i}`}
                  value={action.params?.fallbackAssignees as Fallback}
                  issues={specific.filter((x) => x.path.startsWith(fallbackAt))}
                  onChange={(list) =>
                    set(i, (a) => {
                      const next = { ...a };
                      const params = withFallback(a.params, list);
                      if (params) next.params = params;
                      else delete next.params;
                      return next;
                    })
                  }
                />
              ) : null}
              <details>
                <summary>{t('actionAdvanced')}</summary>
                <ConditionBuilder
                  name={`action-${i}-when`}
                  label={t('actionWhen')}
                  value={action.when}
                  fields={[...itemFields(action, fields, (table, column) => t('itemField', { table: l(table.label, table.path), column: l(column.label, column.path) })), ...fields]}
                  onChange={(when) =>
                    set(i, (a) => {
                      const next = { ...a };
                      if (when === undefined) delete next.when;
                      else next.when = when;
                      return next;
                    })
                  }
                />
                <JsonEditor
                  name={`action-${i}-for-each`}
                  label={t('actionForEach')}
                  rows={2}
                  value={action.forEach}
                  onChange={(forEach) =>
                    set(i, (a) => {
                      const next = { ...a };
                      if (forEach === undefined) delete next.forEach;
                      else next.forEach = forEach;
                      return next;
                    })
                  }
                />
              </details>
            </div>
          </div>
        );
      })}
      <button type="button" data-testid="add-action" onClick={add}>
        {t('addAction')}
      </button>
    </fieldset>
  );
}
