import type { SlaSpec } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { AssigneesEditor, type Assignee } from '../shared/assignees/assignees-editor.js';

const UNITS = ['minutes', 'hours', 'days', 'business-hours', 'business-days'] as const;
const ACTIONS = ['notify', 'reassign', 'auto-approve', 'auto-reject'] as const;

/** How long a node may take, and what happens after: notify, reassign, or decide automatically. */
export function SlaEditor({ value, onChange, fieldPaths }: { value: SlaSpec | undefined; onChange: (sla: SlaSpec | undefined) => void; fieldPaths: string[] }) {
  const { t } = useTranslation('flows');
  return (
    <fieldset className="sla" data-testid="sla-editor">
      <legend>{t('sla')}</legend>
      <label className="inline">
        <input type="checkbox" name="sla-enabled" checked={value !== undefined} onChange={(e) => onChange(e.target.checked ? { due: { amount: 2, unit: 'business-days' }, escalate: { action: 'notify' } } : undefined)} />
        {t('slaEnabled')}
      </label>
      {value ? (
        <>
          <div className="row">
            <label>
              {t('slaDue')}
              <input type="number" min={0} name="sla-amount" value={value.due.amount} onChange={(e) => onChange({ ...value, due: { ...value.due, amount: Number(e.target.value) } })} />
            </label>
            <label>
              {t('slaUnit')}
              <select name="sla-unit" value={value.due.unit} onChange={(e) => onChange({ ...value, due: { ...value.due, unit: e.target.value as SlaSpec['due']['unit'] } })}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>{t(`unit.${u}`)}</option>
                ))}
              </select>
            </label>
            <label>
              {t('slaEscalate')}
              <select name="sla-action" value={value.escalate.action} onChange={(e) => onChange({ ...value, escalate: { ...value.escalate, action: e.target.value as SlaSpec['escalate']['action'] } })}>
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>{t(`escalation.${a}`)}</option>
                ))}
              </select>
            </label>
          </div>
          {value.escalate.action === 'notify' || value.escalate.action === 'reassign' ? (
            <AssigneesEditor
              name="sla-to"
              label={t('slaTo')}
              fieldPaths={fieldPaths}
              value={value.escalate.to ? [value.escalate.to as Assignee] : []}
              onChange={(list) => {
                const { to: _old, ...escalate } = value.escalate;
                const to = list[list.length - 1];
                onChange({ ...value, escalate: to ? { ...escalate, to } : escalate });
              }}
            />
          ) : null}
          <p className="muted small">{t('slaHelp')}</p>
        </>
      ) : null}
    </fieldset>
  );
}
