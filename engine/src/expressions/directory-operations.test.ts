import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from '../directory/directory.js';
import { edges, flowDef, FlowHarness, node } from '../flows/flow-test-kit.js';
import { compileExpression } from './compile-expression.js';

const directory = createMemoryDirectory({
  users: [
    { id: 'u1', name: '张三', departmentId: 'd1', position: 'Account manager', hireDate: '2021-03-01', roles: [], attributes: { jobFamily: 'sales', confidential: true } },
  ],
  departments: [{ id: 'd1', name: '销售部' }],
});

describe('directory operation', () => {
  const read = (path: unknown) => compileExpression({ directory: [{ var: 'employeeId' }, path] });

  it('reads a user, its attributes and a department by id', () => {
    expect(read('attributes.jobFamily')({ employeeId: 'u1' }, { directory })).toBe('sales');
    expect(read('hireDate')({ employeeId: 'u1' }, { directory })).toBe('2021-03-01');
    expect(read('name')({ employeeId: 'd1' }, { directory })).toBe('销售部');
    expect(compileExpression({ directory: [{ var: 'employeeId' }] })({ employeeId: 'u1' }, { directory })).toBe('u1');
  });

  it('answers null for unknown people, missing paths, prototype keys and without a directory', () => {
    expect(read('name')({ employeeId: 'nobody' }, { directory })).toBeNull();
    expect(read('attributes.missing')({ employeeId: 'u1' }, { directory })).toBeNull();
    expect(read('constructor')({ employeeId: 'u1' }, { directory })).toBeNull();
    expect(read('name')({ employeeId: 'u1' })).toBeNull();
  });

  it('is what flow conditions use to route on who someone is', () => {
    const h = new FlowHarness(flowDef(
      [node('start', 'start'), node('route', 'exclusive'), node('sales', 'task', { assignees: [{ kind: 'role', role: 'hr' }] }), node('end', 'end')],
      edges(
        ['start', 'route'],
        ['route', 'sales', { condition: { '==': [{ directory: [{ var: 'employee' }, 'departmentId'] }, 'sales'] } }],
        ['route', 'end', { default: true }],
        ['sales', 'end'],
      ),
    ));
    h.start({ employee: 'emp' });
    expect(h.positions()).toEqual(['sales']);
    const other = new FlowHarness(h.flow);
    other.start({ employee: 'hr1' });
    expect(other.state.status).toBe('completed');
  });
});
