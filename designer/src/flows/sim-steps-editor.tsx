import type { FlowDefinition } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import type { ScenarioStep } from './scenario-builder.js';

/** The scenario's steps as a list anyone can edit by hand: decisions (with their data as sent) and waits. */
export function SimStepsEditor({ def, steps, onChange }: { def: FlowDefinition; steps: ScenarioStep[]; onChange: (steps: ScenarioStep[]) => void }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const nodeName = (id: string) => l(def.nodes.find((n) => n.id === id)?.name as never, id);
  const setStep = (i: number, step: ScenarioStep | null) => onChange(step ? steps.map((s, j) => (j === i ? step : s)) : steps.filter((_, j) => j !== i));
  return (
    <details className="sim-advanced" data-testid="sim-steps">
      <summary>{t('simAdvanced')} ({steps.length})</summary>
      {steps.length === 0 ? <p className="muted small">{t('simNoSteps')}</p> : null}
      <ol className="sim-steps">
        {steps.map((step, i) => (
          <li key={i}>
            {'complete' in step ? (
              <span className="row">
                <select aria-label={t('simNode')} value={step.complete.node} onChange={(e) => setStep(i, { complete: { ...step.complete, node: e.target.value } })}>
                  {def.nodes.map((n) => (
                    <option key={n.id} value={n.id}>{nodeName(n.id)}</option>
                  ))}
                </select>
                <input aria-label={t('simAction')} value={step.complete.action} list="sim-actions" onChange={(e) => setStep(i, { complete: { ...step.complete, action: e.target.value } })} />
                <input aria-label={t('simBy')} placeholder={t('simBy')} value={step.complete.by ?? ''} onChange={(e) => { const { by: _b, ...rest } = step.complete; setStep(i, { complete: e.target.value ? { ...rest, by: e.target.value } : rest }); }} />
              </span>
            ) : (
              <span className="row">
                {t('simAdvance')} <input aria-label={t('simAdvance')} value={step.advance} onChange={(e) => setStep(i, { advance: e.target.value })} />
              </span>
            )}
            <button type="button" className="icon-button" aria-label={t('simStepRemove', { step: i + 1 })} title={t('simStepRemove', { step: i + 1 })} onClick={() => setStep(i, null)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ol>
      <datalist id="sim-actions">
        {['approve', 'reject', 'return', 'submit', 'complete', 'resubmit'].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <div className="row">
        <button type="button" onClick={() => onChange([...steps, { complete: { node: def.nodes.find((n) => n.type !== 'start')?.id ?? '', action: 'approve' } }])}>{t('simAddStep')}</button>
        <button type="button" onClick={() => onChange([...steps, { advance: 'P1D' }])}>{t('simAddAdvance')}</button>
      </div>
    </details>
  );
}
