import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkFlowDefinition, fieldsRead } from './check-flow-definition.js';
import type { FlowDefinition } from './flow-definition.js';
import { edges, flowDef, node, offboardingFlow, offboardingForm, testRegistry } from './flow-test-kit.js';

const ctx = (locale: 'en' | 'zh-CN' = 'en'): SemanticCheckContext => ({
  registry: testRegistry(), locale, resolve: (kind, key) => (kind === 'form' && key === 'offboarding-request' ? offboardingForm : undefined),
});
const hr = { assignees: [{ kind: 'role', role: 'hr' }] };

function check(def: FlowDefinition, locale: 'en' | 'zh-CN' = 'en') {
  return checkFlowDefinition(def, ctx(locale)).map((i) => ({ code: i.code, path: i.path }));
}

const linear = (middle: ReturnType<typeof node>[], list = edges(['s', 'a'], ['a', 'e'])) => flowDef([node('s', 'start'), ...middle, node('e', 'end')], list);

describe('checkFlowDefinition', () => {
  it('accepts a sound flow', () => {
    expect(check(linear([node('a', 'task', hr)]))).toEqual([]);
  });

  it('reports unknown node types at /nodes/i/type', () => {
    expect(check(linear([node('a', 'acme/unknown')]))).toContainEqual({ code: 'BATON_E_FLOW_UNKNOWN_TYPE', path: '/nodes/1/type' });
  });

  it('reports config that does not fit the node type', () => {
    const issues = check(linear([node('a', 'approval', { assignees: [], mode: 'sometimes' })]));
    expect(issues.some((i) => i.path.startsWith('/nodes/1/config'))).toBe(true);
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_NO_ASSIGNEES', path: '/nodes/1/config/assignees' });
  });

  it('reports duplicate node and edge ids', () => {
    const def = linear([node('a', 'task', hr), node('a', 'task', hr)], [...edges(['s', 'a'], ['a', 'e']), { id: 'e1', from: 's', to: 'e' }]);
    const issues = check(def);
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_DUPLICATE_NODE_ID', path: '/nodes/2/id' });
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_DUPLICATE_EDGE_ID', path: '/edges/2/id' });
  });

  it('reports a missing start, several starts and a missing end', () => {
    expect(check(flowDef([node('a', 'task', hr), node('e', 'end')], edges(['a', 'e'])))).toContainEqual({ code: 'BATON_E_FLOW_MISSING_START', path: '/nodes' });
    expect(check(flowDef([node('s', 'start'), node('s2', 'start'), node('e', 'end')], edges(['s', 'e'], ['s2', 'e'])))).toContainEqual({ code: 'BATON_E_FLOW_SEVERAL_STARTS', path: '/nodes/1' });
    expect(check(flowDef([node('s', 'start'), node('a', 'task', hr)], edges(['s', 'a'])))).toContainEqual({ code: 'BATON_E_FLOW_MISSING_END', path: '/nodes' });
  });

  it('reports dangling edges at from / to', () => {
    const issues = check(linear([node('a', 'task', hr)], [...edges(['s', 'a'], ['a', 'e']), { id: 'x', from: 'ghost', to: 'nowhere' }]));
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_DANGLING_EDGE', path: '/edges/2/from' });
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_DANGLING_EDGE', path: '/edges/2/to' });
  });

  it('reports unreachable nodes and nodes that cannot reach an end', () => {
    const issues = check(linear([node('a', 'task', hr), node('island', 'task', hr), node('trap', 'task', hr)], edges(['s', 'a'], ['a', 'e'], ['island', 'e'], ['a', 'trap'])));
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_UNREACHABLE_NODE', path: '/nodes/2' });
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_DEAD_END', path: '/nodes/3' });
  });

  it('reports an exclusive gateway without a default branch', () => {
    const def = linear([node('x', 'exclusive'), node('a', 'task', hr)], edges(['s', 'x'], ['x', 'a', { condition: { var: 'jobFamily' } }], ['x', 'e', { condition: { var: 'confidential' } }], ['a', 'e']));
    expect(check(def)).toContainEqual({ code: 'BATON_E_FLOW_NO_DEFAULT_BRANCH', path: '/nodes/1' });
  });

  it('reports parallel blocks whose branches meet at different joins', () => {
    const def = linear(
      [node('p', 'parallel'), node('a', 'task', hr), node('b', 'task', hr), node('c', 'task', hr), node('j1', 'parallel'), node('j2', 'parallel')],
      edges(['s', 'p'], ['p', 'a'], ['p', 'b'], ['p', 'c'], ['a', 'j1'], ['b', 'j1'], ['b', 'j2'], ['c', 'j2'], ['j1', 'e'], ['j2', 'e']),
    );
    expect(check(def).map((i) => i.code)).toContain('BATON_E_FLOW_SPLIT_JOIN_MISMATCH');
  });

  it('reports a join that merges paths never split, and a branch ending before its join', () => {
    const orphan = linear(
      [node('x', 'exclusive'), node('a', 'task', hr), node('b', 'task', hr), node('j', 'parallel')],
      edges(['s', 'x'], ['x', 'a', { condition: { var: 'jobFamily' } }], ['x', 'b', { default: true }], ['a', 'j'], ['b', 'j'], ['j', 'e']),
    );
    expect(check(orphan)).toContainEqual({ code: 'BATON_E_FLOW_JOIN_WITHOUT_SPLIT', path: '/nodes/4' });
    const leaking = linear(
      [node('p', 'parallel'), node('a', 'task', hr), node('b', 'task', hr), node('c', 'task', hr), node('j', 'parallel')],
      edges(['s', 'p'], ['p', 'a'], ['p', 'b'], ['p', 'c'], ['a', 'j'], ['b', 'j'], ['c', 'e'], ['j', 'e']),
    );
    expect(check(leaking)).toContainEqual({ code: 'BATON_E_FLOW_SPLIT_JOIN_MISMATCH', path: '/nodes/1' });
  });

  it('reports loops without a wait state but accepts a loop through an approval', () => {
    const spinning = linear(
      [node('x', 'exclusive'), node('act', 'action', { effects: [{ type: 'setData', set: { n: 1 } }] })],
      edges(['s', 'x'], ['x', 'act', { condition: { var: 'again' } }], ['x', 'e', { default: true }], ['act', 'x']),
    );
    expect(check(spinning)).toContainEqual({ code: 'BATON_E_FLOW_LOOP_WITHOUT_WAIT', path: '/nodes/1' });
    const waiting = linear(
      [node('x', 'exclusive'), node('fix', 'approval', hr)],
      edges(['s', 'x'], ['x', 'fix', { condition: { var: 'again' } }], ['x', 'e', { default: true }], ['fix', 'x']),
    );
    expect(check(waiting).map((i) => i.code)).not.toContain('BATON_E_FLOW_LOOP_WITHOUT_WAIT');
  });

  it('reports approvals and tasks without assignees', () => {
    expect(check(linear([node('a', 'task', { assignees: [] })]))).toContainEqual({ code: 'BATON_E_FLOW_NO_ASSIGNEES', path: '/nodes/1/config/assignees' });
  });

  it('reports approval settings that cannot work', () => {
    expect(check(linear([node('a', 'approval', { ...hr, mode: 'quorum' })]))).toContainEqual({ code: 'BATON_E_FLOW_QUORUM_MISSING', path: '/nodes/1/config/quorum' });
    expect(check(linear([node('a', 'approval', { ...hr, onReject: 'port' })]))).toContainEqual({ code: 'BATON_E_FLOW_REJECT_PORT_UNCONNECTED', path: '/nodes/1/config/onReject' });
    expect(check(linear([node('a', 'approval', { ...hr, whenNoAssignee: 'assign' })]))).toContainEqual({ code: 'BATON_E_FLOW_FALLBACK_MISSING', path: '/nodes/1/config/fallbackAssignees' });
    expect(check(linear([node('a', 'approval', { ...hr, whenNoAssignee: 'assign', fallbackAssignees: [{ kind: 'role', role: 'hr' }] })])).map((i) => i.code)).not.toContain('BATON_E_FLOW_FALLBACK_MISSING');
  });

  it('reports a start check whose expression does not compile, at the check', () => {
    const def = linear([node('a', 'task', hr)]);
    def.nodes[0] = node('s', 'start', { checks: [{ key: 'x', assert: { nope: [1] }, path: 'a', message: 'm' }] });
    expect(check(def).map((i) => [i.code, i.path])).toContainEqual(['BATON_E_FORM_BAD_EXPRESSION', '/nodes/0/config/checks/0/assert']);
  });

  it('reports conditions and field access naming fields the form does not have', () => {
    const def = offboardingFlow();
    def.edges[6] = { ...def.edges[6]!, condition: { '==': [{ var: 'jobFamilly' }, 'sales'] } };
    def.nodes[2] = { ...def.nodes[2]!, form: { access: { interviewNote: 'editable', 'assets.tag': 'readonly', 'assets.serial': 'hidden' } } };
    const issues = check(def);
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_UNKNOWN_FIELD', path: '/edges/6/condition' });
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_UNKNOWN_ACCESS_FIELD', path: '/nodes/2/form/access/interviewNote' });
    expect(issues).toContainEqual({ code: 'BATON_E_FLOW_UNKNOWN_ACCESS_FIELD', path: '/nodes/2/form/access/assets.serial' });
    expect(issues).toHaveLength(3);
  });

  it('skips field checks when the form is unknown, and accepts fields written by actions', () => {
    const def = { ...offboardingFlow(), form: 'unknown-form' };
    def.edges[6] = { ...def.edges[6]!, condition: { var: 'whatever' } };
    expect(check(def)).toEqual([]);
    const withAction = linear(
      [node('act', 'action', { effects: [{ type: 'setData', set: { score: 3 } }] }), node('x', 'exclusive'), node('a', 'task', hr)],
      edges(['s', 'act'], ['act', 'x'], ['x', 'a', { condition: { '>': [{ var: 'score' }, 2] } }], ['x', 'e', { default: true }], ['a', 'e']),
    );
    expect(check({ ...withAction, form: 'offboarding-request' })).toEqual([]);
  });

  it('says what to change in both languages', () => {
    const [first] = checkFlowDefinition(linear([node('a', 'task', { assignees: [] })]), ctx('zh-CN'));
    expect(first!.message).toContain('处理人');
    expect(first!.messages.en).toContain('add at least one');
  });

  it('reads fields outside array scopes only', () => {
    expect([...fieldsRead({ and: [{ var: 'a.b' }, { all: [{ var: 'assets' }, { var: 'returned' }] }] })]).toEqual(['a', 'assets']);
  });
});
