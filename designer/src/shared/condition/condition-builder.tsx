import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import { JsonEditor } from '../../app/ui/json-editor.js';
import {
  COMPARE_OPS,
  QUANTIFIERS,
  UNARY_OPS,
  emptyGroup,
  fromJsonLogic,
  toJsonLogic,
  updateAt,
  type Comparison,
  type Condition,
  type Group,
  type Quantifier,
  type Raw,
} from './condition-model.js';
import type { FieldOption } from './field-options.js';
import { ValueInput } from './value-input.js';

/** The root is always shown as a group, so a single comparison can grow into "all of / any of". */
function asRoot(condition: Condition): Group {
  return condition.kind === 'group' ? condition : { ...emptyGroup(), children: [condition] };
}

/** Directory attributes offered when a comparison reads the person's directory record. */
const DIRECTORY_ATTRIBUTES = ['attributes.jobFamily', 'attributes.confidential', 'departmentId', 'position', 'email', 'name', 'hireDate'] as const;

function FieldSelect({ value, fields, onChange, label, name }: { value: string; fields: FieldOption[]; onChange: (path: string) => void; label: string; name: string }) {
  const { t } = useTranslation('common');
  const { l } = useLocalized();
  const known = fields.some((f) => f.path === value);
  return (
    <select aria-label={label} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('chooseField')}</option>
      {fields.map((f) => (
        <option key={f.path} value={f.path}>{l(f.label, f.path)}</option>
      ))}
      {value !== '' && !known ? <option value={value}>{value}</option> : null}
    </select>
  );
}

/** For a person field: compare the field itself, or an attribute of the person's directory record. */
function LookupInput({ comparison, field, onChange, name }: { comparison: Comparison; field: FieldOption | undefined; onChange: (c: Comparison) => void; name: string }) {
  const { t } = useTranslation('common');
  if (comparison.lookup === undefined && field?.type.replace(/@.*$/, '') !== 'user') return null;
  const attributes = comparison.lookup !== undefined && !(DIRECTORY_ATTRIBUTES as readonly string[]).includes(comparison.lookup) ? [comparison.lookup, ...DIRECTORY_ATTRIBUTES] : DIRECTORY_ATTRIBUTES;
  const setLookup = (lookup: string) => {
    const { lookup: _drop, ...rest } = comparison;
    onChange(lookup === '' ? rest : { ...rest, lookup });
  };
  return (
    <select aria-label={t('conditionAttribute')} name={`${name}.lookup`} value={comparison.lookup ?? ''} onChange={(e) => setLookup(e.target.value)}>
      <option value="">{t('conditionFieldItself')}</option>
      {attributes.map((a) => (
        <option key={a} value={a}>{t(`directoryAttribute.${a.replace(/\./g, '_')}`, { defaultValue: a })}</option>
      ))}
    </select>
  );
}

function ComparisonRow({ comparison, fields, onChange, onRemove, name }: { comparison: Comparison; fields: FieldOption[]; onChange: (c: Comparison) => void; onRemove: () => void; name: string }) {
  const { t } = useTranslation('common');
  const field = fields.find((f) => f.path === comparison.field);
  return (
    <div className="condition-row" data-testid="condition-row">
      <FieldSelect label={t('conditionField')} name={`${name}.field`} value={comparison.field} fields={fields} onChange={(path) => onChange({ ...comparison, field: path })} />
      <LookupInput comparison={comparison} field={field} name={name} onChange={onChange} />
      <select
        aria-label={t('conditionOperator')}
        name={`${name}.op`}
        value={comparison.op}
        onChange={(e) => {
          const op = e.target.value as Comparison['op'];
          const next: Comparison = { kind: 'compare', field: comparison.field, op, ...(comparison.lookup !== undefined ? { lookup: comparison.lookup } : {}) };
          if (!UNARY_OPS.has(op)) next.value = op === 'in' ? { literal: [] } : comparison.op === 'in' ? { literal: '' } : (comparison.value ?? { literal: '' });
          onChange(next);
        }}
      >
        {COMPARE_OPS.map((op) => (
          <option key={op} value={op}>{t(`op.${op}`)}</option>
        ))}
      </select>
      {UNARY_OPS.has(comparison.op) ? null : (
        <ValueInput comparison={comparison} field={comparison.lookup !== undefined ? undefined : field} fields={fields} name={name} onChange={(value) => onChange({ ...comparison, value })} />
      )}
      <button type="button" className="icon-button" aria-label={t('removeCondition')} title={t('removeCondition')} onClick={onRemove}>×</button>
    </div>
  );
}

/** "No row of <table> where …": the nested condition reads the table's columns. */
function QuantifierRow({ quantifier, fields, onChange, onRemove, name }: { quantifier: Quantifier; fields: FieldOption[]; onChange: (q: Quantifier) => void; onRemove: () => void; name: string }) {
  const { t } = useTranslation('common');
  const lists = fields.filter((f) => f.columns !== undefined);
  const columns = fields.find((f) => f.path === quantifier.list)?.columns ?? [];
  return (
    <div className="condition-quantifier" data-testid="condition-quantifier">
      <div className="condition-row">
        <select aria-label={t('conditionQuantifier')} name={`${name}.quantifier`} value={quantifier.quantifier} onChange={(e) => onChange({ ...quantifier, quantifier: e.target.value as Quantifier['quantifier'] })}>
          {QUANTIFIERS.map((q) => (
            <option key={q} value={q}>{t(`quantifier.${q}`)}</option>
          ))}
        </select>
        <FieldSelect label={t('conditionList')} name={`${name}.list`} value={quantifier.list} fields={lists} onChange={(list) => onChange({ ...quantifier, list })} />
        <span>{t('conditionRowsWhere')}</span>
        <button type="button" className="icon-button" aria-label={t('removeCondition')} title={t('removeCondition')} onClick={onRemove}>×</button>
      </div>
      <GroupView group={quantifier.condition} path={[]} fields={columns} root={quantifier.condition} onRoot={(c) => onChange({ ...quantifier, condition: asRoot(c) })} name={`${name}.row`} />
    </div>
  );
}

function RawRow({ raw, onChange, onRemove, name }: { raw: Raw; onChange: (r: Raw) => void; onRemove: () => void; name: string }) {
  const { t } = useTranslation('common');
  const why = raw.reason?.code === 'operator' ? t('conditionRawWhy.operator', { operator: raw.reason.operator }) : t('conditionRawWhy.shape');
  return (
    <div className="condition-raw">
      <p className="muted small" data-testid="condition-raw-why">{why}</p>
      <JsonEditor name={name} label={t('conditionRaw')} value={raw.logic} onChange={(v) => onChange({ kind: 'raw', logic: v })} rows={3} />
      <button type="button" className="icon-button" aria-label={t('removeCondition')} title={t('removeCondition')} onClick={onRemove}>×</button>
    </div>
  );
}

function GroupView({ group, path, fields, root, onRoot, name }: { group: Group; path: number[]; fields: FieldOption[]; root: Condition; onRoot: (c: Condition) => void; name: string }) {
  const { t } = useTranslation('common');
  const set = (next: Condition | null, at: number[]) => onRoot(updateAt(root, at, next));
  const lists = fields.filter((f) => f.columns !== undefined);
  const add = (child: Condition) => set({ ...group, children: [...group.children, child] }, path);
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
        {path.length > 0 ? <button type="button" className="icon-button" aria-label={t('removeGroup')} title={t('removeGroup')} onClick={() => set(null, path)}>×</button> : null}
      </div>
      {group.children.map((child, i) => {
        const at = [...path, i];
        const childName = `${name}.${i}`;
        const remove = () => set(null, at);
        if (child.kind === 'group') return <GroupView key={i} group={child} path={at} fields={fields} root={root} onRoot={onRoot} name={childName} />;
        if (child.kind === 'compare') return <ComparisonRow key={i} comparison={child} fields={fields} name={childName} onChange={(c) => set(c, at)} onRemove={remove} />;
        if (child.kind === 'quantifier') return <QuantifierRow key={i} quantifier={child} fields={fields} name={childName} onChange={(q) => set(q, at)} onRemove={remove} />;
        return <RawRow key={i} raw={child} name={childName} onChange={(r) => set(r, at)} onRemove={remove} />;
      })}
      <div className="condition-actions">
        <button type="button" onClick={() => add({ kind: 'compare', field: fields[0]?.path ?? '', op: '==', value: { literal: '' } })}>{t('addCondition')}</button>
        <button type="button" onClick={() => add(emptyGroup())}>{t('addGroup')}</button>
        {lists.length > 0 ? (
          <button type="button" onClick={() => add({ kind: 'quantifier', quantifier: 'none', list: lists[0]!.path, condition: emptyGroup() })}>{t('addRowCheck')}</button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A visual editor for a JsonLogic condition: comparisons of a field (or a directory attribute of the person
 * in it) with a value or another field, row tests over sub-tables, grouped with all-of / any-of and
 * negation. Writes JsonLogic on every change (`undefined` when empty). What the builder cannot show
 * exactly stays as raw JSON, with a note saying why.
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
      {value !== undefined ? (
        <details className="logic-preview">
          <summary>{t('conditionShowJson')}</summary>
          <code data-testid={`logic-${name}`}>{JSON.stringify(value)}</code>
        </details>
      ) : (
        <span className="muted">{t('conditionNone')}</span>
      )}
    </fieldset>
  );
}
