import type { FormDefinition, SimulationResult } from '@baton/engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import type { FlowBody } from './flow-graph.js';
import { defaultScenario, stepsForOpenTasks, toScenario, type ScenarioDraft, type ScenarioStep } from './scenario-builder.js';

const MAX_AUTO_ROUNDS = 25;

/**
 * Runs the flow in the browser with the engine's simulate(): the same reducer the server runs, on an
 * in-memory organisation, with a scripted list of decisions. "Run to the end" keeps completing whatever
 * task is open with its first action, so the happy path needs no typing.
 */
export function SimulatePanel({ def, forms, onResult }: { def: FlowBody; forms: FormDefinition[]; onResult: (r: SimulationResult | null) => void }) {
  const { t } = useTranslation('flows');
  const { l, locale } = useLocalized();
  const [draft, setDraft] = useState<ScenarioDraft>(() => defaultScenario(def));
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (steps: ScenarioStep[]) =>
    engine().call('simulate', { flow: def, scenario: toScenario(def, { ...draft, steps }), forms, locale });

  const execute = async (auto: boolean) => {
    setBusy(true);
    setError(null);
    try {
      let steps = draft.steps;
      let r = await run(steps);
      for (let round = 0; auto && round < MAX_AUTO_ROUNDS && r.failures.length === 0; round++) {
        const more = stepsForOpenTasks(r);
        if (more.length === 0) break;
        steps = [...steps, ...more];
        r = await run(steps);
      }
      setDraft((d) => ({ ...d, steps }));
      setResult(r);
      onResult(r);
    } catch (err) {
      setError(err);
      setResult(null);
      onResult(null);
    } finally {
      setBusy(false);
    }
  };

  const setStep = (i: number, step: ScenarioStep | null) =>
    setDraft((d) => ({ ...d, steps: step ? d.steps.map((s, j) => (j === i ? step : s)) : d.steps.filter((_, j) => j !== i) }));
  const nodeName = (id: string) => l(def.nodes.find((n) => n.id === id)?.name, id);

  return (
    <div className="simulate-panel" data-testid="simulate-panel">
      <h2>{t('simulate')}</h2>
      <p className="muted small">{t('simulateHelp')}</p>
      <label>
        {t('simInitiator')}
        <select name="sim-initiator" value={draft.initiator} onChange={(e) => setDraft((d) => ({ ...d, initiator: e.target.value }))}>
          {draft.users.map((u) => (
            <option key={u.id} value={u.id}>{u.id}</option>
          ))}
        </select>
      </label>
      <JsonEditor name="sim-data" label={t('simData')} value={draft.data} rows={4} onChange={(v) => setDraft((d) => ({ ...d, data: (v ?? {}) as Record<string, unknown> }))} />
      <details>
        <summary>{t('simDirectory')}</summary>
        <JsonEditor
          name="sim-directory"
          label={t('simDirectoryHelp')}
          rows={8}
          value={{ users: draft.users, departments: draft.departments }}
          onChange={(v) => {
            const dir = (v ?? {}) as Partial<Pick<ScenarioDraft, 'users' | 'departments'>>;
            setDraft((d) => ({ ...d, users: dir.users ?? [], departments: dir.departments ?? [] }));
          }}
        />
      </details>
      <h3>{t('simSteps')}</h3>
      {draft.steps.length === 0 ? <p className="muted small">{t('simNoSteps')}</p> : null}
      <ol className="sim-steps">
        {draft.steps.map((step, i) => (
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
            <button type="button" className="icon-button" aria-label={t('remove')} onClick={() => setStep(i, null)}>×</button>
          </li>
        ))}
      </ol>
      <datalist id="sim-actions">
        {['approve', 'reject', 'return', 'complete', 'resubmit'].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <div className="row">
        <button type="button" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, { complete: { node: def.nodes.find((n) => n.type !== 'start')?.id ?? '', action: 'approve' } }] }))}>{t('simAddStep')}</button>
        <button type="button" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, { advance: 'P1D' }] }))}>{t('simAddAdvance')}</button>
        {result ? <button type="button" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, ...stepsForOpenTasks(result)] }))}>{t('simAddOpen')}</button> : null}
      </div>
      <div className="row">
        <button type="button" className="primary" data-testid="sim-run" disabled={busy} onClick={() => void execute(false)}>{t('simRun')}</button>
        <button type="button" data-testid="sim-run-to-end" disabled={busy} onClick={() => void execute(true)}>{t('simRunToEnd')}</button>
        <button type="button" onClick={() => { setDraft((d) => ({ ...d, steps: [] })); setResult(null); onResult(null); }}>{t('simClear')}</button>
      </div>
      {error ? <ErrorPanel error={error} title={t('simFailed')} /> : null}
      {result ? (
        <div className="sim-result" data-testid="sim-result" aria-live="polite">
          <p>
            {t('simStatus')}: <strong data-testid="sim-status">{t(`flowStatus.${result.finalState.status}`, { defaultValue: result.finalState.status })}</strong>
          </p>
          {result.failures.length > 0 ? (
            <ul className="issue-list" data-testid="sim-failures">
              {result.failures.map((f, i) => (
                <li key={i}><code>{f.path}</code> {f.message} <code className="issue-code">{f.code}</code></li>
              ))}
            </ul>
          ) : null}
          <p className="small">{t('simPath')}: {result.path.map((p) => nodeName(p.node)).join(' → ')}</p>
          {result.tasks.some((task) => task.status === 'open') ? (
            <p className="small">{t('simOpen')}: {result.tasks.filter((task) => task.status === 'open').map((task) => `${nodeName(task.node)} (${task.assignees.join(', ')})`).join('; ')}</p>
          ) : null}
          <p className="small" data-testid="sim-uncovered">
            {result.uncovered.branches.length === 0 && result.uncovered.nodes.length === 0
              ? t('simAllCovered')
              : t('simUncovered', { nodes: result.uncovered.nodes.map(nodeName).join(', ') || '—', branches: result.uncovered.branches.join(', ') || '—' })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
