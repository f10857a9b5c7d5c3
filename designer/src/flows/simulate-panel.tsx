import { commentRequiredActions, type FormDefinition, type SimulationResult } from '@baton/engine';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../app/engine/engine-client.js';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { useFlowNames } from './flow-problem-list.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { applyPreset, branchPresets, type BranchPreset } from './branch-presets.js';
import type { FlowBody } from './flow-graph.js';
import { defaultScenario, sampleContextOf, toScenario, type ScenarioDraft, type ScenarioStep } from './scenario-builder.js';
import { defaultAction, refusedStart, runToEnd, settle, taskInstructions, type RefusedStep, type RunOutcome, type SampleStep } from './scenario-runner.js';
import type { SampleContext } from './sample-data.js';
import { SimBranches, SimPresets } from './sim-branches.js';
import { SimInstructions } from './sim-instructions.js';
import type { RecordsRead } from './sim-record-lookup.js';
import { SimRecordsRead, SimRecordsSection } from './sim-records-section.js';
import { SimStartSection } from './sim-start-section.js';
import { SimStarter } from './sim-starter.js';
import { SimStepsEditor } from './sim-steps-editor.js';
import { SimTaskCard, type TaskDecision } from './sim-task-card.js';
import { sampleStartData, sampleStepData, startNodeOf, stepFormsAt, type SimForms } from './step-samples.js';
import { useSimForms } from './use-sim-forms.js';
import { useSimRecords } from './use-sim-records.js';
import './simulate-panel.css';

type Json = Record<string, unknown>;

/** What the engine worker answers: the result, and which records the run's texts read. */
const recordsReadOf = (result: SimulationResult | null): RecordsRead | undefined => (result as { recordsRead?: RecordsRead } | null)?.recordsRead;

/** Per open task: what was refused last time at that task, else sample data and the forward action. */
function decisionsFor(outcome: RunOutcome, sample: SampleStep): Record<string, TaskDecision> {
  const out: Record<string, TaskDecision> = {};
  const refused = outcome.refused && 'complete' in outcome.refused.step ? outcome.refused.step.complete : undefined;
  for (const task of outcome.result.tasks.filter((t) => t.status === 'open')) {
    const again = refused && refused.node === task.node && (refused.by === undefined || task.assignees.includes(refused.by)) ? refused : undefined;
    out[task.id] = again
      ? { data: again.data, action: again.action, by: again.by ?? task.assignees[0] ?? '' }
      : { data: sample(task.node, outcome.result.finalState.data), action: defaultAction(task.actions), by: task.assignees[0] ?? '' };
  }
  return out;
}

/** The issues of the refused step at this task, or none. */
function issuesAt(refused: RefusedStep | undefined, node: string) {
  if (!refused || !('complete' in refused.step) || refused.step.complete.node !== node) return [];
  return refused.failure.issues?.length ? refused.failure.issues : [{ code: refused.failure.code, path: '', message: refused.failure.message }];
}

/**
 * Runs the flow in the browser with the engine's simulate(): the same reducer the server runs, on an
 * in-memory organisation. The start data is the flow's form (sample values on a click); each open step
 * shows its form prefilled, with the action and the acting person; "Run to the end" completes every step
 * with sample data and its forward action. A refused step names its fields, and the branches taken show.
 * Relation fields point at records the run looks up as the runtime does (sample and workspace records), and
 * the panel lists the records each run read.
 */
export function SimulatePanel({ def, forms, onResult }: { def: FlowBody; forms: FormDefinition[]; onResult: (r: SimulationResult | null) => void }) {
  const { t } = useTranslation('flows');
  const { l, locale } = useLocalized();
  const { forms: simForms, error: formsError } = useSimForms(forms);
  const [draft, setDraft] = useState<ScenarioDraft>(() => defaultScenario(def));
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [decisions, setDecisions] = useState<Record<string, TaskDecision>>({});
  const [preset, setPreset] = useState<BranchPreset | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const simRecords = useSimRecords(forms, sampleContextOf(draft));
  const formsReady = forms.every((f) => simForms.has(f.key)) && simRecords.ready;
  const start = stepFormsAt(def, simForms, startNodeOf(def));
  const presets = useMemo(() => branchPresets(def), [def]);
  const people = draft.users.map((u) => u.id);
  const result = outcome?.result ?? null;
  const nodeName = (id: string) => l(def.nodes.find((n) => n.id === id)?.name, id);
  // Connections never reached are named by the steps they join (‘A’ → ‘B’), not by their ids.
  const names = useFlowNames(def)!;
  // Sample relation values name a record the run can look up: the subject's, a sample one first.
  const contextFor = (d: ScenarioDraft): SampleContext => ({ ...sampleContextOf(d), record: (formKey) => simRecords.pick(formKey, d.initiator) });
  const sampleFor = (d: ScenarioDraft): SampleStep => (node, current) => sampleStepData(def, simForms as SimForms, node, current, contextFor(d));
  const withSampleStart = (d: ScenarioDraft): ScenarioDraft => ({ ...d, data: sampleStartData(def, simForms, contextFor(d)) });

  // An analyst starts from a filled form, not an empty one (once the records it may point at are known).
  useEffect(() => {
    if (start.startForm && simRecords.ready) setDraft((d) => (Object.keys(d.data).length === 0 ? withSampleStart(d) : d));
  }, [start.startForm, simRecords.ready]); // eslint-disable-line react-hooks/exhaustive-deps

  const show = (d: ScenarioDraft, next: RunOutcome | null) => {
    setDraft({ ...d, steps: next?.steps ?? d.steps });
    setOutcome(next);
    setDecisions(next ? decisionsFor(next, sampleFor(d)) : {});
    onResult(next?.result ?? null);
  };

  const perform = async (base: ScenarioDraft, steps: ScenarioStep[], auto: boolean) => {
    // "Run to the end" with nothing typed uses sample start data too.
    const d = auto && start.startForm && Object.keys(base.data).length === 0 ? withSampleStart(base) : base;
    setBusy(true);
    setError(null);
    try {
      // With their collections: the run judges relation filters over them as the runtime does (engine relation-filter.ts).
      const records = simRecords.records.map(({ id, data, formKey }) => ({ id, data, formKey }));
      const run = (s: ScenarioStep[]) => engine().call('simulate', { flow: def, scenario: toScenario(def, { ...d, steps: s }), forms, locale, records });
      show(d, auto ? await runToEnd(run, steps, sampleFor(d)) : settle(steps, await run(steps)));
    } catch (err) {
      setError(err);
      show(d, null);
    } finally {
      setBusy(false);
    }
  };

  const pickPreset = (p: BranchPreset) => {
    setPreset(p);
    show(applyPreset(withSampleStart({ ...defaultScenario(def), initiator: draft.initiator }), p), null);
  };

  const completeTask = (taskId: string, node: string) => {
    const c = decisions[taskId];
    if (!c) return;
    // A reject or return needs a reason (task-action-rules.ts): the simulation gives one, saying so.
    const config = def.nodes.find((n) => n.id === node)?.config;
    const reason = commentRequiredActions(config).includes(c.action) ? { comment: t('simulatedReason') } : {};
    const step: ScenarioStep = { complete: { node, action: c.action, ...reason, ...(c.by ? { by: c.by } : {}), ...(c.data ? { data: c.data } : {}) } };
    void perform(draft, [...draft.steps, step], false);
  };

  // A refused start (its checks, who it is for, a relation filter): what to correct, in words, at the form.
  const startRefusal = result ? refusedStart(result) : undefined;
  const startIssues = startRefusal?.issues ?? [];
  const openTasks = result?.tasks.filter((task) => task.status === 'open') ?? [];
  const instructions = result ? taskInstructions(result) : [];
  const instructionsOf = (taskId: string) => {
    const text = instructions.find((i) => i.taskId === taskId)?.text;
    return text === undefined ? undefined : l(text, '');
  };

  return (
    <div className="simulate-panel" data-testid="simulate-panel">
      <h2>{t('simulate')}</h2>
      <p className="muted small">{t('simulateHelp')}</p>
      {formsError ? <ErrorPanel error={formsError} /> : null}
      {simRecords.error ? <ErrorPanel error={simRecords.error} /> : null}
      <SimPresets presets={presets} onPick={pickPreset} disabled={busy || !formsReady} />
      {preset ? <p className="small" data-testid="sim-preset-active">{t('simPresetActive', { name: l(preset.label as never, preset.edge) })}</p> : null}
      <SimStarter def={def} forms={forms} draft={draft} onChange={setDraft} />
      <SimStartSection
        startForm={start.startForm}
        access={start.access}
        formsReady={formsReady}
        data={draft.data}
        onChange={(data: Json) => setDraft((d) => ({ ...d, data }))}
        onFillSample={() => setDraft(withSampleStart)}
        issues={startIssues}
        refused={startRefusal !== undefined}
        people={people}
        records={simRecords.choices}
      />
      <SimRecordsSection
        collections={simRecords.collections}
        forms={simRecords.forms}
        samples={simRecords.samples}
        onChange={simRecords.setSamples}
        makeSample={simRecords.makeSample}
        choices={simRecords.choices}
        people={people}
      />
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
      <SimStepsEditor def={def} steps={draft.steps} onChange={(steps) => setDraft((d) => ({ ...d, steps }))} />
      <div className="row">
        <button type="button" className="primary" data-testid="sim-run" disabled={busy} onClick={() => void perform(draft, draft.steps, false)}>{t('simRun')}</button>
        <button type="button" data-testid="sim-run-to-end" disabled={busy || !formsReady} onClick={() => void perform(draft, draft.steps, true)}>{t('simRunToEnd')}</button>
        <button type="button" onClick={() => show({ ...draft, steps: [] }, null)}>{t('simClear')}</button>
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
                <li key={i}>
                  <code>{f.path}</code> {f.message} <code className="issue-code">{f.code}</code>
                  {f.issues?.length ? (
                    <ul data-testid="sim-failure-fields">
                      {f.issues.map((issue, j) => (
                        <li key={j}><code className="issue-path">{issue.path || '/'}</code> {issue.message}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {openTasks.length > 0 ? (
            <>
              <h3>{t('simTasks')}</h3>
              <ul className="sim-tasks" data-testid="sim-tasks">
                {openTasks.map((task) => (
                  <SimTaskCard
                    key={task.id}
                    flow={def}
                    forms={simForms}
                    task={task}
                    nodeName={nodeName(task.node)}
                    decision={decisions[task.id] ?? { data: undefined, action: defaultAction(task.actions), by: task.assignees[0] ?? '' }}
                    onChange={(next) => setDecisions((all) => ({ ...all, [task.id]: next }))}
                    onComplete={() => completeTask(task.id, task.node)}
                    issues={issuesAt(outcome?.refused, task.node)}
                    people={people}
                    busy={busy}
                    instructions={instructionsOf(task.id)}
                    records={simRecords.choices}
                  />
                ))}
              </ul>
            </>
          ) : null}
          <p className="small">{t('simPath')}: {result.path.map((p) => nodeName(p.node)).join(' → ')}</p>
          <SimBranches flow={def} result={result} />
          <SimRecordsRead read={recordsReadOf(result)} records={simRecords.records} collections={simRecords.collections} />
          <SimInstructions list={instructions} nodeName={nodeName} />
          <p className="small" data-testid="sim-uncovered">
            {result.uncovered.branches.length === 0 && result.uncovered.nodes.length === 0
              ? t('simAllCovered')
              : t('simUncovered', { nodes: result.uncovered.nodes.map((id) => names.quoted(id)).join(', ') || '—', branches: result.uncovered.branches.map((id) => names.arrow(id)).join(', ') || '—' })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
