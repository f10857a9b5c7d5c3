import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUS_CHOICES, isFiltered, NO_DELIVERY_FILTER, rangeIsEmpty, type DeliveryFilter } from './delivery-filters.js';

interface Props {
  connectorKey: string;
  filter: DeliveryFilter;
  actions: readonly string[];
  onChange: (filter: DeliveryFilter) => void;
}

/** Status, event and day range of a connector's delivery log; every change asks the server for the first page again. */
export function DeliveryFilterBar({ connectorKey, filter, actions, onChange }: Props) {
  const { t } = useTranslation('connectors');
  const set = (change: Partial<DeliveryFilter>) => onChange({ ...filter, ...change });
  const id = (name: string) => `deliveries-${connectorKey}-${name}`;
  const emptyRange = rangeIsEmpty(filter);
  return (
    <fieldset className="inline-form delivery-filters" data-testid="delivery-filters">
      <legend className="sr-only">{t('filtersLabel')}</legend>
      <label htmlFor={id('status')}>
        {t('filterStatus')}
        <select id={id('status')} value={filter.status} onChange={(e) => set({ status: e.target.value as DeliveryFilter['status'] })} data-testid="delivery-filter-status">
          {DELIVERY_STATUS_CHOICES.map((s) => <option key={s} value={s}>{t(`statusChoice.${s}`)}</option>)}
        </select>
      </label>
      <label htmlFor={id('action')}>
        {t('filterAction')}
        <select id={id('action')} value={filter.action} onChange={(e) => set({ action: e.target.value })} data-testid="delivery-filter-action">
          <option value="">{t('filterAnyAction')}</option>
          {actions.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </label>
      <label htmlFor={id('from')}>
        {t('filterFrom')}
        <input id={id('from')} type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => set({ from: e.target.value })} aria-invalid={emptyRange} data-testid="delivery-filter-from" />
      </label>
      <label htmlFor={id('to')}>
        {t('filterTo')}
        <input id={id('to')} type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => set({ to: e.target.value })} aria-invalid={emptyRange} aria-describedby={emptyRange ? id('range') : undefined} data-testid="delivery-filter-to" />
      </label>
      {isFiltered(filter) ? (
        <button type="button" onClick={() => onChange(NO_DELIVERY_FILTER)} data-testid="delivery-filter-clear">{t('filterClear')}</button>
      ) : null}
      {emptyRange ? <p id={id('range')} className="field-error" role="alert" data-testid="delivery-filter-range">{t('filterRangeEmpty')}</p> : null}
    </fieldset>
  );
}
