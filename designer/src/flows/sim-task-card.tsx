import type { FlowDefinition, SimulatedTask } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { SimFormView, type SimRecordChoice } from './sim-form.js';
import { stepFormsAt, type SimForms } from './step-samples.js';

type Json = Record<string, unknown>;

/** What the analyst decides at an open task: the data it sends, the action and who acts. */
export interface TaskDecision {
  data: Json | undefined;
  action: string;
  by: string;
}

export interface SimTaskCardProps {
  flow: FlowDefinition;
  forms: SimForms;
  task: SimulatedTask;
  nodeName: string;
  decision: TaskDecision;
  onChange: (decision: TaskDecision) => void;
  onComplete: () => void;
  /** The fields the flow refused last time this step was sent (path into the data + message). */
  issues: readonly DisplayIssue[];
  people: string[];
  busy: boolean;
  /** The step's instructions as the engine filled them (its node's description, records read through relations). */
  instructions?: string;
  /** What relation fields may point at: the simulation's records. */
  records: readonly SimRecordChoice[];
}

/**
 * One open task of the run: the forms the node may edit (its own, and the flow form's editable fields)
 * prefilled with sample values, the action and the acting person, and a button that sends the step.
 */
export function SimTaskCard({ flow, forms, task, nodeName, decision, onChange, onComplete, issues, people, busy, instructions, records }: SimTaskCardProps) {
  const { t } = useTranslation('flows');
  const { nodeForm, startForm, access } = stepFormsAt(flow, forms, task.node);
  const data = decision.data ?? {};
  const setData = (next: Json) => onChange({ ...decision, data: next });
  const id = `sim-task-${task.node}`;
  const actors = [...task.assignees, ...people.filter((p) => !task.assignees.includes(p))];
  return (
    <li className={`sim-task${issues.length > 0 ? ' sim-task-refused' : ''}`} data-testid={id} data-task={task.id}>
      <h4>{nodeName}</h4>
      <p className="muted small">{t('simTaskFor', { people: task.assignees.join(', ') || '—' })}</p>
      {instructions ? <p className="sim-task-instructions" data-testid={`${id}-instructions`}>{instructions}</p> : null}
      {issues.length > 0 ? (
        <div className="sim-step-issues" data-testid={`${id}-issues`} role="alert">
          <p>{t('simRefused', { node: nodeName })}</p>
          <IssueList issues={[...issues]} />
        </div>
      ) : null}
      {nodeForm ? <SimFormView sim={nodeForm} value={data} onChange={setData} issues={issues} idPrefix={`${id}-own`} people={people} records={records} /> : null}
      {startForm ? <SimFormView sim={startForm} access={access} value={data} onChange={setData} issues={issues} idPrefix={`${id}-flow`} people={people} records={records} /> : null}
      {!nodeForm && !startForm ? <p className="muted small">{t('simStepNoForm')}</p> : null}
      <div className="row">
        <label>
          {t('simAction')}
          <select data-testid={`${id}-action`} value={decision.action} onChange={(e) => onChange({ ...decision, action: e.target.value })}>
            {task.actions.map((a) => (
              <option key={a} value={a}>{t(`simActions.${a}`, { defaultValue: a })}</option>
            ))}
          </select>
        </label>
        <label>
          {t('simActingPerson')}
          <select data-testid={`${id}-by`} value={decision.by} onChange={(e) => onChange({ ...decision, by: e.target.value })}>
            {actors.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" data-testid={`${id}-complete`} disabled={busy} onClick={onComplete}>{t('simCompleteStep')}</button>
      </div>
    </li>
  );
}
