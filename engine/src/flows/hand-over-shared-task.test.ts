import { describe, expect, it } from 'vitest';
import { createMemoryDirectory, type DirectoryUser } from '../directory/directory.js';
import { replayFlow } from './evolve-flow-state.js';
import { batonErrorOf, edges, flowDef, FlowHarness, node } from './flow-test-kit.js';
import { handOverPlan } from './hand-over-task.js';

// a → b → c; p1 → pm → c; p2 → c; it1, it2 hold the role "it" (manager c); it3 takes the role later.
const person = (id: string, managerId?: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id, name: id, roles: [], attributes: {}, ...(managerId ? { managerId } : {}), ...extra,
});
const everyone = [
  person('a', 'b'), person('b', 'c'), person('c'), person('p1', 'pm'), person('pm', 'c'), person('p2', 'c'),
  person('it1', 'c', { roles: ['it'] }), person('it2', 'c', { roles: ['it'] }), person('it3', 'c'), person('gone'),
];
/** The directory with `left` gone since 2025-03-01 and `changes` applied. */
function directoryWith(left: string[], changes: Record<string, Partial<DirectoryUser>> = {}) {
  return createMemoryDirectory({
    users: everyone.map((p) => ({ ...p, ...(left.includes(p.id) ? { leaveDate: '2025-03-01' } : {}), ...(changes[p.id] ?? {}) })),
  });
}
const before = directoryWith([]);

const approval = (config: Record<string, unknown>, timeZone = 'Asia/Shanghai') => flowDef(
  [node('start', 'start'), node('approve', 'approval', config), node('end', 'end')],
  edges(['start', 'approve'], ['approve', 'end']),
  { timeZone },
);
const users = (...ids: string[]) => ids.map((id) => ({ kind: 'user', id }));

/** Started on the 1st with everyone here; from then on `after` is the directory and it is the 3rd. */
function started(def: ReturnType<typeof approval>, after: ReturnType<typeof directoryWith>): FlowHarness {
  const h = new FlowHarness(def);
  h.ctxExtra = { directory: before, timeZone: 'Asia/Shanghai' };
  h.now = '2025-03-01T01:00:00.000Z';
  h.start({});
  h.ctxExtra = { directory: after, timeZone: 'Asia/Shanghai' };
  h.now = '2025-03-03T01:00:00.000Z';
  return h;
}

describe('a task shared by several people ("any one of them") when some of them left', () => {
  it('drops the leaver, keeps the present ones, records assignee.removed and tells nobody new', () => {
    const h = started(approval({ assignees: users('p1', 'p2') }), directoryWith(['p1']));
    const old = h.task('approve');
    expect(old.assignees).toEqual(['p1', 'p2']);
    // Until the sweep runs, the leaver is still listed but cannot act.
    expect(batonErrorOf(() => h.act('approve', 'p1'))?.code).toBe('BATON_E_FLOW_ASSIGNEE_LEFT');
    const t = h.apply({ type: 'handOverTask', taskId: old.id });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['p2']]);
    expect(t.events.map((e) => e.type)).toEqual(['assignee.removed', 'task.reassigned']);
    expect(t.events[0]).toMatchObject({ actor: 'system', taskId: old.id, payload: { from: 'p1', presence: 'left', leaveDate: '2025-03-01', coveredBy: 'assignees', taskId: old.id } });
    expect(t.events[1]).toMatchObject({ payload: { from: old.id, reason: 'left', by: 'system' } });
    expect(t.effects.filter((e) => e.type === 'notify')).toEqual([]);
    expect(replayFlow(h.events)).toEqual(h.state);
    h.act('approve', 'p2');
    expect(h.state.status).toBe('completed');
  });

  it('an added signer slot of several people is "any one of them" too', () => {
    const h = started(approval({ assignees: users('a') }), directoryWith(['p1']));
    h.ctxExtra = { directory: before, timeZone: 'Asia/Shanghai' };
    h.act('approve', 'a', 'add-signer-after', { to: ['p1', 'p2'] });
    h.ctxExtra = { directory: directoryWith(['p1']), timeZone: 'Asia/Shanghai' };
    h.apply({ type: 'handOverTask', taskId: h.task('approve', 'p1').id });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['p2']]);
    h.act('approve', 'p2');
    expect(h.state.status).toBe('completed');
  });
});

describe('a countersign (会签) when a signer left', () => {
  it('every signer has their own task: the leaver’s goes to their nearest present manager; the countersign completes', () => {
    const h = started(approval({ assignees: users('a', 'p2'), mode: 'all' }), directoryWith(['a']));
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['a'], ['p2']]);
    const t = h.apply({ type: 'handOverTask', taskId: h.task('approve', 'a').id });
    expect(t.events.map((e) => e.type)).toEqual(['assignee.replaced', 'task.reassigned']);
    expect(t.effects.find((e) => e.type === 'notify')).toMatchObject({ to: ['b'] });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['p2'], ['b']]);
    h.act('approve', 'p2');
    expect(h.state.status).toBe('running');
    h.act('approve', 'b');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('when the manager already signs, the leaver’s place is withdrawn (no second task, no second vote)', () => {
    const h = started(approval({ assignees: users('a', 'b', 'p2'), mode: 'all' }), directoryWith(['a']));
    const old = h.task('approve', 'a');
    const t = h.apply({ type: 'handOverTask', taskId: old.id });
    expect(t.events.map((e) => e.type)).toEqual(['assignee.removed', 'task.cancelled', 'node.updated']);
    expect(t.events[0]).toMatchObject({ actor: 'system', taskId: old.id, payload: { from: 'a', coveredBy: 'co-signer', signer: 'b', taskId: old.id } });
    expect(t.events[1]).toMatchObject({ taskId: old.id, payload: { reason: 'left' } });
    expect(t.effects.filter((e) => e.type === 'notify')).toEqual([]);
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['b'], ['p2']]);
    h.act('approve', 'b');
    expect(h.state.status).toBe('running');
    h.act('approve', 'p2');
    expect(h.state.status).toBe('completed');
    expect(replayFlow(h.events)).toEqual(h.state);
  });

  it('in a quorum the withdrawn place no longer counts: the manager has one vote, the quorum shrinks to the signers left', () => {
    // Two of three must approve; a leaves and b (their manager) already votes: two of the two left.
    const h = started(approval({ assignees: users('a', 'b', 'p2'), mode: 'quorum', quorum: { count: 2 } }), directoryWith(['a']));
    h.apply({ type: 'handOverTask', taskId: h.task('approve', 'a').id });
    h.act('approve', 'b');
    expect(h.state.status).toBe('running');
    h.act('approve', 'p2');
    expect(h.state.status).toBe('completed');
    // A quorum of all three shrinks to the two left, rather than waiting for a place nobody holds.
    const all = started(approval({ assignees: users('a', 'b', 'p2'), mode: 'quorum', quorum: { count: 3 } }), directoryWith(['a']));
    all.apply({ type: 'handOverTask', taskId: all.task('approve', 'a').id });
    all.act('approve', 'b');
    all.act('approve', 'p2');
    expect(all.state.status).toBe('completed');
  });

  it('a sequential approval whose manager signs only later: the leaver’s open place goes to the manager now', () => {
    const h = started(approval({ assignees: users('a', 'p2', 'b'), mode: 'sequential' }), directoryWith(['a']));
    // b only signs later: a's place goes to b as a task now (b holds no open task yet).
    h.apply({ type: 'handOverTask', taskId: h.task('approve', 'a').id });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['b']]);
  });
});

describe('a task offered to a role (candidates) when its holders left', () => {
  const todo = flowDef(
    [node('start', 'start'), node('wipe', 'task', { assignees: [{ kind: 'role', role: 'it' }] }), node('end', 'end')],
    edges(['start', 'wipe'], ['wipe', 'end']),
  );

  it('stays with the holders still here; when all left it goes to whoever holds the role now', () => {
    const some = started(todo, directoryWith(['it1']));
    expect(some.task('wipe')).toMatchObject({ assignees: ['it1', 'it2'], candidates: ['role:it'] });
    some.apply({ type: 'handOverTask', taskId: some.task('wipe').id });
    expect(some.tasks('wipe').map((x) => x.assignees)).toEqual([['it2']]);

    const all = started(todo, directoryWith(['it1', 'it2'], { it3: { roles: ['it'] } }));
    expect(batonErrorOf(() => all.act('wipe', 'it2', 'complete'))?.code).toBe('BATON_E_FLOW_ASSIGNEE_LEFT');
    const t = all.apply({ type: 'handOverTask', taskId: all.task('wipe').id });
    expect(all.tasks('wipe').map((x) => x.assignees)).toEqual([['it3']]);
    expect(t.events.filter((e) => e.type === 'assignee.removed').map((e) => e.payload)).toEqual([
      { from: 'it1', presence: 'left', leaveDate: '2025-03-01', coveredBy: 'candidates', taskId: expect.any(String) },
      { from: 'it2', presence: 'left', leaveDate: '2025-03-01', coveredBy: 'candidates', taskId: expect.any(String) },
    ]);
    expect(t.effects.find((e) => e.type === 'notify')).toMatchObject({ to: ['it3'] });
    all.act('wipe', 'it3', 'complete');
    expect(all.state.status).toBe('completed');
  });

  it('with no present holder it goes to the leavers’ present managers; with none, nobody (HR is told)', () => {
    const h = started(todo, directoryWith(['it1', 'it2']));
    h.apply({ type: 'handOverTask', taskId: h.task('wipe').id });
    expect(h.tasks('wipe').map((x) => x.assignees)).toEqual([['c']]);
    expect(handOverPlan(['gone'], directoryWith(['gone']), '2025-03-03', ['role:it'])).toEqual({
      to: ['it1', 'it2'], replacements: [], removals: [{ from: 'gone', presence: 'left', leaveDate: '2025-03-01', coveredBy: 'candidates' }],
    });
    expect(handOverPlan(['gone'], directoryWith(['gone', 'it1', 'it2']), '2025-03-03', ['role:it'])?.to).toEqual([]);
  });
});

describe("presence is judged in the organisation's time zone, whatever the flow's", () => {
  it('a handover across midnight in Shanghai, for a flow kept in Honolulu time', () => {
    const h = started(approval({ assignees: users('a') }, 'Pacific/Honolulu'), directoryWith([], { a: { leaveDate: '2025-03-03' } }));
    const task = h.task('approve');
    // 23:00 on the 3rd in Shanghai: the leave date is still today there.
    h.now = '2025-03-03T15:00:00.000Z';
    expect(batonErrorOf(() => h.apply({ type: 'handOverTask', taskId: task.id }))?.code).toBe('BATON_E_FLOW_HANDOVER_NOT_NEEDED');
    // 00:30 on the 4th in Shanghai (still the 3rd in Honolulu): gone, as the runtime's sweep sees it.
    h.now = '2025-03-03T16:30:00.000Z';
    h.apply({ type: 'handOverTask', taskId: task.id });
    expect(h.tasks('approve').map((x) => x.assignees)).toEqual([['b']]);
  });
});
