import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { oneStepFlow, requestFields, t } from '../harness/one-step-flow.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;

const form = { kind: 'form', key: 'leave-note', title: t('Leave note', '请假说明'), fields: requestFields };
/** An approval offered to a role nobody holds, ending as `whenNoAssignee` says. */
const flowWhen = (whenNoAssignee: 'approve' | 'reject') =>
  oneStepFlow(
    { key: `nobody-${whenNoAssignee}`, title: t('Nobody', '无人'), form: 'leave-note' },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'role', role: 'nobody-holds-this' }], whenNoAssignee } },
  );

// The timeline says whether an approval nobody could take was refused or passed by itself
// (history assignee.none, its payload's resolution), so the designer can put it in words.
forEachDatabase('an approval with nobody to approve: the history says how it ended', (ctx) => {
  let employee = '';

  it('sets up the directory, the form and the flows', async () => {
    const c = ctx();
    const imported = await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'employee', name: 'E', roles: [] }] } });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [form, flowWhen('approve'), flowWhen('reject')]) await publish(c, def);
    employee = await c.tokenFor('employee', []);
  });

  for (const [when, status, resolution] of [['reject', 'rejected', 'rejected'], ['approve', 'completed', 'approved']] as const) {
    it(`whenNoAssignee ${when}: the request is ${status} and assignee.none says "${resolution}"`, async () => {
      const c = ctx();
      const started = await c.call({ method: 'POST', url: `/api/flows/nobody-${when}/instances`, payload: { data: { employeeId: 'employee' } }, token: employee });
      expect(started.statusCode, started.body).toBe(201);
      const view = (await c.call({ method: 'GET', url: `/api/instances/${started.json().id}`, token: employee })).json() as Json;
      expect(view.status).toBe(status);
      const none = (view.history as Json[]).find((h) => h.type === 'assignee.none');
      expect(none, JSON.stringify(view.history)).toMatchObject({ nodeId: 'approve', resolution });
      // Other entries carry no resolution.
      expect((view.history as Json[]).filter((h) => 'resolution' in h)).toHaveLength(1);
    });
  }
});
