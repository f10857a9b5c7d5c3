import type { WidgetProps } from '@rjsf/utils';
import type { DirectoryDepartment } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/session/use-api.js';
import { ChoiceSelect } from './choice-select.js';

type Money = { amount: string; currency: string };

/**
 * "12.5" → "12.50" at the field's scale, by string, never through a float (the engine keeps the amount a
 * decimal string so no cent is lost). Anything that is not a plain decimal is left as typed for the server
 * to reject with its message.
 */
export function padAmount(text: string, scale: number): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text.trim();
  const whole = m[2]!.replace(/^0+(?=\d)/, '');
  const fraction = m[3] ?? '';
  if (fraction.length > scale) return text.trim();
  return scale > 0 ? `${m[1]}${whole}.${fraction.padEnd(scale, '0')}` : `${m[1]}${whole}`;
}

/** The engine's `money`: `{ amount, currency }`, options `currency` and `scale` (digits after the point). */
export function MoneyWidget({ id, value, required, disabled, readonly, autofocus, options, onChange, onBlur, onFocus }: WidgetProps) {
  const current = (value ?? null) as Partial<Money> | null;
  const currency = typeof options.currency === 'string' ? options.currency : current?.currency ?? 'CNY';
  const scale = typeof options.scale === 'number' ? options.scale : 2;
  const text = typeof current?.amount === 'string' ? current.amount : '';
  const set = (amount: string): void => onChange(amount === '' ? undefined : { amount, currency });
  return (
    <span className="money-input">
      <input
        id={id}
        name={id}
        type="text"
        inputMode="decimal"
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        autoComplete="off"
        placeholder={scale > 0 ? `0.${'0'.repeat(scale)}` : '0'}
        onChange={(e) => set(e.target.value.trim())}
        onBlur={() => {
          const padded = padAmount(text, scale);
          if (padded !== text) set(padded);
          onBlur(id, value);
        }}
        onFocus={() => onFocus(id, value)}
      />
      <span className="muted" data-testid={`${id}-currency`}> {currency}</span>
    </span>
  );
}

/** Departments below `root` (itself included), or all when no root is set. */
export function departmentsUnder(all: readonly DirectoryDepartment[], root: string | undefined): DirectoryDepartment[] {
  if (!root) return [...all];
  const keep = new Set([root]);
  // Parents may come after their children in the list: repeat until nothing is added.
  for (let grown = true; grown; ) {
    grown = false;
    for (const d of all) if (d.parentId && keep.has(d.parentId) && !keep.has(d.id)) (keep.add(d.id), (grown = true));
  }
  return all.filter((d) => keep.has(d.id));
}

/** The engine's `department-picker`: a department id of the directory, option `root` narrows the list. */
export function DepartmentPickerWidget(props: WidgetProps) {
  const { options } = props;
  const { t } = useTranslation('workspace');
  const api = useApi();
  const [items, setItems] = useState<DirectoryDepartment[] | null>(null);
  useEffect(() => {
    let live = true;
    api.directory.departments().then((r) => live && setItems(r.items), () => live && setItems([]));
    return () => {
      live = false;
    };
  }, [api]);
  const shown = departmentsUnder(items ?? [], typeof options.root === 'string' ? options.root : undefined);
  const placeholder = items ? t('pickDepartment') : t('loadingDepartments');
  return <ChoiceSelect props={props} placeholder={placeholder} choices={shown.map((d) => ({ value: d.id, label: d.name }))} />;
}
