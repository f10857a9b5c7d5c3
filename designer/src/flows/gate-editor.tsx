import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import type { FieldOption } from '../shared/condition/field-options.js';
import { checklistErrors, checklistFromGate, FIELD_CHECKS, gateFromChecklist, gateMode, jsonGateError, modesFor, type ChecklistError, type ChecklistItem, type FieldCheck, type GateMode } from './gate-model.js';

const MODES: readonly GateMode[] = ['checklist', 'condition', 'json'];

/** A yes/no field is ticked; anything else (a signature, a text) is filled in. */
const checkFor = (type: string | undefined): FieldCheck => (type?.replace(/@.*$/, '') === 'boolean' ? 'ticked' : 'filled');

function FieldError({ error, testId }: { error: ChecklistError | undefined; testId: string }) {
  const { t } = useTranslation('pickers');
  if (!error) return null;
  return <span className="field-error" data-testid={testId}>{t(`gateErrors.${error.key}`, { name: error.name ?? '' })}</span>;
}

function Choice({ label, name, value, options, onChange, error, testId }: { label: string; name: string; value: string; options: FieldOption[]; onChange: (v: string) => void; error: ChecklistError | undefined; testId: string }) {
  const { t } = useTranslation('common');
  const { l } = useLocalized();
  return (
    <label className="compact">
      <span>{label}</span>
      <select name={name} value={value} aria-invalid={error !== undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('chooseField')}</option>
        {options.map((f) => (
          <option key={f.path} value={f.path}>{l(f.label, f.path)}</option>
        ))}
        {value !== '' && !options.some((f) => f.path === value) ? <option value={value}>{value}</option> : null}
      </select>
      <FieldError error={error} testId={testId} />
    </label>
  );
}

/** Checklist rows: each a table whose rows must all tick a column, or a field that must be ticked or filled in. */
function ChecklistRows({ items, fields, onChange, name }: { items: ChecklistItem[]; fields: FieldOption[]; onChange: (items: ChecklistItem[]) => void; name: string }) {
  const { t } = useTranslation('pickers');
  const errors = checklistErrors(items, fields);
  const tables = fields.filter((f) => f.columns !== undefined);
  const plain = fields.filter((f) => f.columns === undefined);
  const set = (i: number, item: ChecklistItem) => onChange(items.map((x, j) => (j === i ? item : x)));
  const errorOf = (i: number, part: ChecklistError['part']) => errors.find((e) => e.index === i && e.part === part);
  return (
    <div className="gate-checklist" data-testid={`${name}-checklist`}>
      {items.map((item, i) => (
        <div className="row gate-item" key={i} data-testid={`${name}-item`}>
          <label className="compact">
            <span>{t('gateItemKind')}</span>
            <select
              name={`${name}.${i}.kind`}
              value={item.kind}
              onChange={(e) => set(i, e.target.value === 'table' ? { kind: 'table', table: tables[0]?.path ?? '', column: '' } : { kind: 'field', field: '', check: 'ticked' })}
            >
              <option value="table">{t('gateItem.table')}</option>
              <option value="field">{t('gateItem.field')}</option>
            </select>
          </label>
          {item.kind === 'table' ? (
            <>
              <Choice label={t('gateTable')} name={`${name}.${i}.table`} value={item.table} options={tables} error={errorOf(i, 'table')} testId={`${name}-error-${i}-table`} onChange={(table) => set(i, { kind: 'table', table, column: '' })} />
              <Choice
                label={t('gateColumn')}
                name={`${name}.${i}.column`}
                value={item.column}
                options={tables.find((x) => x.path === item.table)?.columns ?? []}
                error={errorOf(i, 'column')}
                testId={`${name}-error-${i}-column`}
                onChange={(column) => set(i, { ...item, column })}
              />
            </>
          ) : (
            <>
              <Choice
                label={t('gateField')}
                name={`${name}.${i}.field`}
                value={item.field}
                options={plain}
                error={errorOf(i, 'field')}
                testId={`${name}-error-${i}-field`}
                onChange={(field) => set(i, { ...item, field, check: checkFor(plain.find((f) => f.path === field)?.type) })}
              />
              <label className="compact">
                <span>{t('gateCheck')}</span>
                <select name={`${name}.${i}.check`} value={item.check} onChange={(e) => set(i, { ...item, check: e.target.value as FieldCheck })}>
                  {FIELD_CHECKS.map((c) => (
                    <option key={c} value={c}>{t(`gateChecks.${c}`)}</option>
                  ))}
                </select>
              </label>
            </>
          )}
          <button type="button" className="icon-button" aria-label={t('gateRemoveItem')} title={t('gateRemoveItem')} onClick={() => onChange(items.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" data-testid={`${name}-add-item`} onClick={() => onChange([...items, tables.length > 0 ? { kind: 'table', table: tables[0]!.path, column: '' } : { kind: 'field', field: '', check: 'ticked' }])}>
        {t('gateAddItem')}
      </button>
    </div>
  );
}

/** The JSON escape hatch: any JsonLogic, with a parse error or a shape error shown at the box. */
function JsonGate({ value, onChange, name }: { value: unknown; onChange: (v: unknown) => void; name: string }) {
  const { t } = useTranslation('pickers');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="gate-json">
      <JsonEditor
        name={`${name}-json`}
        label={t('gateJson')}
        rows={5}
        value={value}
        onChange={(next) => {
          const problem = jsonGateError(next);
          setError(problem);
          if (!problem) onChange(next);
        }}
      />
      {error ? <span className="field-error" data-testid={`${name}-json-error`}>{t(`gateErrors.${error}`)}</span> : null}
      <p className="muted small">{t('gateJsonHelp')}</p>
    </div>
  );
}

/**
 * A task's gate (what must hold before the step can be completed), edited as checklist rows, with the
 * condition builder, or as raw JSON for advanced gates. Problems show at the field they concern: a row's
 * missing or unknown table, column or field, a JSON box that does not parse, and the engine's issues.
 */
export function GateEditor({ value, onChange, fields, issues, name, hasForm }: { value: unknown; onChange: (gate: unknown) => void; fields: FieldOption[]; issues: readonly DisplayIssue[]; name: string; hasForm: boolean }) {
  const { t } = useTranslation('pickers');
  const [mode, setMode] = useState<GateMode>(() => gateMode(value));
  // Half-filled rows have no JsonLogic yet: they are kept here until they are complete.
  const [items, setItems] = useState<ChecklistItem[]>(() => checklistFromGate(value) ?? []);
  const valueText = JSON.stringify(value ?? null);
  useEffect(() => {
    setItems((current) => (JSON.stringify(gateFromChecklist(current) ?? null) === valueText ? current : (checklistFromGate(value) ?? [])));
  }, [valueText]); // eslint-disable-line react-hooks/exhaustive-deps
  const modes = modesFor(value);
  const writeItems = (next: ChecklistItem[]) => {
    setItems(next);
    onChange(gateFromChecklist(next));
  };
  return (
    <fieldset className="gate-editor" data-testid={name} aria-invalid={issues.length > 0}>
      <legend>{t('gateTitle')}</legend>
      <p className="muted small">{t('gateHelp')}</p>
      <div className="row" role="radiogroup" aria-label={t('gateModes')}>
        {MODES.map((m) => (
          <label key={m} className="inline">
            <input type="radio" name={`${name}-mode`} value={m} checked={mode === m} disabled={!modes[m] && mode !== m} onChange={() => setMode(m)} />
            {t(`gateMode.${m}`)}
          </label>
        ))}
      </div>
      {!modes.checklist ? <p className="muted small" data-testid={`${name}-not-checklist`}>{t(modes.condition ? 'gateChecklistOnly' : 'gateConditionOnly')}</p> : null}
      {!hasForm && mode !== 'json' ? <p className="muted small">{t('gateNoForm')}</p> : null}
      {mode === 'checklist' && modes.checklist ? <ChecklistRows items={items} fields={fields} onChange={writeItems} name={name} /> : null}
      {mode === 'condition' && modes.condition ? <ConditionBuilder name={`${name}-condition`} label={t('gateMode.condition')} value={value} fields={fields} onChange={onChange} /> : null}
      {mode === 'json' || !modes[mode] ? <JsonGate value={value} onChange={onChange} name={name} /> : null}
      {value === undefined && items.length === 0 ? <p className="muted small">{t('gateNone')}</p> : null}
      {issues.map((issue, i) => (
        <p key={i} className="field-error" data-testid={`${name}-issue`} data-error-code={issue.code}>
          <code>{issue.path}</code> {issue.message}
        </p>
      ))}
    </fieldset>
  );
}
