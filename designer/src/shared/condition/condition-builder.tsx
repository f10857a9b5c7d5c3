import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import { JsonEditor } from '../../app/ui/json-editor.js';
import {
  COMPARE_OPS,
  UNARY_OPS,
  emptyGroup,
  fromJsonLogic,
  toJsonLogic,
  updateAt,
  type Comparison,
  type Condition,
  type Group,
  type Operand,
} from './condition-model.js';
import type { FieldOption } from './field-options.js';

/** The root is always shown as a group, so a single comparison can grow into "all of / any of". */
function asRoot(condition: Condition): Group {
  return condition.kind === 'group' ? condition : { ...emptyGroup(), children: [condition] };
}

function literalFromInput(raw: string, field: FieldOption | undefined): unknown {
  if (field && ['number', 'money'].includes(field.type) && raw.trim() !== '' && !Number.isNaN(Number(raw))) {
    return field.type === 'money' ? raw : Number(raw);
  }
  if (field?.type === 'boolean') return raw === 'true';
  return raw;
}

function ValueInput({ comparison, field, fields, onChange, name }: { comparison: Comparison; field: FieldOption | undefined; fields: FieldOption[]; onChange: (value: Operand) => void; name: string }) {
  const { t } = useTranslation('common');
  const { l } = useLocalized();
  const value = comparison.value;
  const isField = value !== undefined && 'field' in value;
  const toggle = (
    <select aria-label={t('conditionValueSource')} name={`${name}.source`} value={isField ? 'field' : 'literal'} onChange={(e) => onChange(e.target.value === 'field' ? { field: '' } : { literal: '' })}>
      <option value="literal">{t('conditionLiteral')}</option>
      <option value="field">{t('conditionOtherField')}</option>
    </select>
  );
  if (isField) {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={value.field} onChange={(e) => onChange({ field: e.target.value })}>
          <option value="">{t('chooseField')}</option>
          {fields.map((f) => (
            <option key={f.path} value={f.path}>{l(f.label, f.path)}</option>
          ))}
        </select>
      </>
    );
  }
  const literal = value && 'literal' in value ? value.literal : '';
  if (comparison.op === 'in') {
    const list = Array.isArray(literal) ? literal.map(String) : [];
    if (field?.options) {
      return (
        <select multiple aria-label={t('conditionValue')} name={`${name}.value`} value={list} onChange={(e) => onChange({ literal: [...e.target.selectedOptions].map((o) => o.value) })}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>{l(o.label, o.value)}</option>
          ))}
        </select>
      );
    }
    return (
      <input
        aria-label={t('conditionValue')}
        name={`${name}.value`}
        placeholder={t('conditionListPlaceholder')}
        value={list.join(', ')}
        onChange={(e) => onChange({ literal: e.target.value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => literalFromInput(s, field)) })}
      />
    );
  }
  if (field?.options) {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={String(literal ?? '')} onChange={(e) => onChange({ literal: e.target.value })}>
          <option value="">{t('chooseValue')}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>{l(o.label, o.value)}</option>
          ))}
        </select>
      </>
    );
  }
  if (field?.type === 'boolean') {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={String(literal === true)} onChange={(e) => onChange({ literal: e.target.value === 'true' })}>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      </>
    );
  }
  const inputType = field?.type === 'date' ? 'date' : field?.type === 'number' ? 'number' : 'text';
  return (
    <>
      {toggle}
      <input aria-label={t('conditionValue')} name={`${name}.value`} type={inputType} value={String(literal ?? '')} onChange={(e) => onChange({ literal: literalFromInput(e.target.value, field) })} />
    </>
  );
}

function ComparisonRow({ comparison, fields, onChange, onRemove, name }: { comparison: Comparison; fields: FieldOption[]; onChange: (c: Comparison) => void; onRemove: () => void; name: string }) {
  const { t } = useTranslation('common');
  const { l } = useLocalized();
  const field = fields.find((f) => f.path === comparison.field);
  return (
    <div className="condition-row" data-testid="condition-row">
      <select aria-label={t('conditionField')} name={`${name}.field`} value={comparison.field} onChange={(e) => onChange({ ...comparison, field: e.target.value })}>
        <option value="">{t('chooseField')}</option>
        {fields.map((f) => (
          <option key={f.path} value={f.path}>{l(f.label, f.path)}</option>
        ))}
        {comparison.field !== '' && !field ? <option value={comparison.field}>{comparison.field}</option> : null}
      </select>
      <select
        aria-label={t('conditionOperator')}
        name={`${name}.op`}
        value={comparison.op}
        onChange={(e) => {
          const op = e.target.value as Comparison['op'];
          const next: Comparison = { kind: 'compare', field: comparison.field, op };
          if (!UNARY_OPS.has(op)) next.value = op === 'in' ? { literal: [] } : comparison.op === 'in' ? { literal: '' } : (comparison.value ?? { literal: '' });
          onChange(next);
        }}
      >
        {COMPARE_OPS.map((op) => (
          <option key={op} value={op}>{t(`op.${op}`)}</option>
        ))}
      </select>
      {UNARY_OPS.has(comparison.op) ? null : <ValueInput comparison={comparison} field={field} fields={fields} name={name} onChange={(value) => onChange({ ...comparison, value })} />}
      <button type="button" className="icon-button" aria-label={t('remove')} onClick={onRemove}>×</button>
    </div>
  );
}

function GroupView({ group, path, fields, root, onRoot, name }: { group: Group; path: number[]; fields: FieldOption[]; root: Condition; onRoot: (c: Condition) => void; name: string }) {
  const { t } = useTranslation('common');
  const set = (next: Condition | null, at: number[]) => onRoot(updateAt(root, at, next));
  return (
    <div className="condition-group" data-depth={path.length}>
      <div className="condition-group-head">
        <label className="compact">
          <input type="checkbox" checked={group.negate} onChange={(e) => set({ ...group, negate: e.target.checked }, path)} /> {t('conditionNot')}
        </label>
        <select aria-label={t('conditionCombinator')} name={`${name}.combinator`} value={group.combinator} onChange={(e) => set({ ...group, combinator: e.target.value as Group['combinator'] }, path)}>
          <option value="and">{t('conditionAll')}</option>
          <option value="or">{t('conditionAny')}</option>
        </select>
        {path.length > 0 ? <button type="button" className="icon-button" aria-label={t('remove')} onClick={() => set(null, path)}>×</button> : null}
      </div>
      {group.children.map((child, i) => {
        const at = [...path, i];
        const childName = `${name}.${i}`;
        if (child.kind === 'group') return <GroupView key={i} group={child} path={at} fields={fields} root={root} onRoot={onRoot} name={childName} />;
        if (child.kind === 'compare') return <ComparisonRow key={i} comparison={child} fields={fields} name={childName} onChange={(c) => set(c, at)} onRemove={() => set(null, at)} />;
        return (
          <div key={i} className="condition-raw">
            <JsonEditor name={childName} label={t('conditionRaw')} value={child.logic} onChange={(v) => set({ kind: 'raw', logic: v }, at)} rows={3} />
            <button type="button" className="icon-button" aria-label={t('remove')} onClick={() => set(null, at)}>×</button>
          </div>
        );
      })}
      <div className="condition-actions">
        <button type="button" onClick={() => set({ ...group, children: [...group.children, { kind: 'compare', field: fields[0]?.path ?? '', op: '==', value: { literal: '' } }] }, path)}>
          {t('addCondition')}
        </button>
        <button type="button" onClick={() => set({ ...group, children: [...group.children, emptyGroup()] }, path)}>{t('addGroup')}</button>
      </div>
    </div>
  );
}

/**
 * A visual editor for a JsonLogic condition: comparisons of a field with a value or another field,
 * grouped with all-of / any-of and negation. Writes JsonLogic on every change (`undefined` when empty).
 * A hand-written expression the builder cannot show stays as raw JSON.
 */
export function ConditionBuilder({ value, onChange, fields, name, label }: { value: unknown; onChange: (logic: unknown) => void; fields: FieldOption[]; name: string; label?: string }) {
  const { t } = useTranslation('common');
  // The model is kept locally: an empty group or a half-filled row has no JsonLogic yet, and must not
  // vanish. Outside changes (undo, another panel) replace it when they mean something else.
  const [root, setRoot] = useState<Group>(() => asRoot(fromJsonLogic(value)));
  const valueText = JSON.stringify(value);
  useEffect(() => {
    setRoot((current) => (JSON.stringify(toJsonLogic(current)) === valueText ? current : asRoot(fromJsonLogic(value))));
  }, [valueText]); // eslint-disable-line react-hooks/exhaustive-deps
  const update = (next: Condition) => {
    const group = asRoot(next);
    setRoot(group);
    onChange(toJsonLogic(group));
  };
  return (
    <fieldset className="condition-builder" data-testid={`condition-${name}`}>
      <legend>{label ?? t('condition')}</legend>
      <GroupView group={root} path={[]} fields={fields} root={root} onRoot={update} name={name} />
      {value !== undefined ? <code className="logic-preview" data-testid={`logic-${name}`}>{JSON.stringify(value)}</code> : <span className="muted">{t('conditionNone')}</span>}
    </fieldset>
  );
}
