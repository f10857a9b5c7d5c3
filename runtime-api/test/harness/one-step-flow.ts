// The smallest real process, for tests and benchmarks that need a flow but are not about its design:
// start → one step → end. Plain data with no imports, so tests/bench can use it as well.
type Text = { en: string; 'zh-CN': string };

export const t = (en: string, zh: string): Text => ({ en, 'zh-CN': zh });

export interface FlowStep {
  id: string;
  type: string;
  name: Text;
  config?: Record<string, unknown>;
}

/** start → `step` → end, joined by the edges e1 and e2. */
export function oneStepFlow(head: { key: string; title: Text; form: string }, step: FlowStep) {
  return {
    kind: 'flow',
    ...head,
    nodes: [{ id: 'start', type: 'start', name: t('Start', '开始') }, step, { id: 'end', type: 'end', name: t('End', '结束') }],
    edges: [
      { id: 'e1', from: 'start', to: step.id },
      { id: 'e2', from: step.id, to: 'end' },
    ],
  };
}

/** One approval by the user `approver`. */
export const approverStep: FlowStep = { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'user', id: 'approver' }] } };

/** The start form's fields: whom the request is about (required) and a note. */
export const requestFields = [
  { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
  { key: 'note', type: 'text', label: t('Note', '备注') },
];
