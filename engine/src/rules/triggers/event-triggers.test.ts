import { describe, expect, it } from 'vitest';
import { ctx, event } from '../rule-test-fixtures.js';
import { flowCompletedTrigger } from './flow-completed-trigger.js';
import { flowStartedTrigger } from './flow-started-trigger.js';
import { invokeFailedTrigger } from './invoke-failed-trigger.js';
import { nodeEnteredTrigger } from './node-entered-trigger.js';
import { nodeLeftTrigger } from './node-left-trigger.js';
import { recordCreatedTrigger } from './record-created-trigger.js';
import { recordUpdatedTrigger } from './record-updated-trigger.js';
import { taskCompletedTrigger } from './task-completed-trigger.js';
import { taskCreatedTrigger } from './task-created-trigger.js';

const c = ctx('2025-09-20T02:00:00.000Z');

describe('event triggers', () => {
  it('record-created matches only record.created', () => {
    expect(recordCreatedTrigger.match!(event('record.created'), {}, c)).toBe(true);
    expect(recordCreatedTrigger.match!(event('record.updated'), {}, c)).toBe(false);
    expect(recordCreatedTrigger.describe().mode).toBe('event');
  });

  it('record-updated matches any change, or only changes to the listed fields', () => {
    const changed = event('record.updated', { data: { a: 1, b: 2 }, previous: { a: 1, b: 1 } });
    expect(recordUpdatedTrigger.match!(changed, {}, c)).toBe(true);
    expect(recordUpdatedTrigger.match!(changed, { fields: ['b'] }, c)).toBe(true);
    expect(recordUpdatedTrigger.match!(changed, { fields: ['a'] }, c)).toBe(false);
  });

  it('record-updated compares nested values structurally and honours payload.changedFields', () => {
    const same = event('record.updated', { data: { rows: [{ x: 1 }] }, previous: { rows: [{ x: 1 }] } });
    expect(recordUpdatedTrigger.match!(same, { fields: ['rows'] }, c)).toBe(false);
    const listed = event('record.updated', { data: { a: 1 }, previous: { a: 1 }, payload: { changedFields: ['a'] } });
    expect(recordUpdatedTrigger.match!(listed, { fields: ['a'] }, c)).toBe(true);
  });

  it('record-updated without fields ignores an update that changed nothing (key order ignored)', () => {
    const same = event('record.updated', { data: { a: 1, rows: [{ x: 1, y: 2 }] }, previous: { rows: [{ y: 2, x: 1 }], a: 1 } });
    expect(recordUpdatedTrigger.match!(same, {}, c)).toBe(false);
    expect(recordUpdatedTrigger.match!(event('data.changed', { data: { a: 1 }, previous: { a: 1 }, payload: { patch: { a: 1 } } }), {}, c)).toBe(false);
    expect(recordUpdatedTrigger.match!(event('record.updated', { data: { a: 1 }, previous: { a: 1 }, payload: { changedFields: [] } }), {}, c)).toBe(false);
    expect(recordUpdatedTrigger.match!(event('record.updated', { data: { a: 1 } }), {}, c)).toBe(true);
  });

  it('record-updated also listens to a flow instance data change', () => {
    const e = event('data.changed', { data: { lastWorkingDay: '2025-10-13' }, previous: { lastWorkingDay: '2025-10-10' } });
    expect(recordUpdatedTrigger.match!(e, { fields: ['lastWorkingDay'] }, c)).toBe(true);
  });

  it('flow-started and flow-completed match their event only', () => {
    expect(flowStartedTrigger.match!(event('flow.started'), {}, c)).toBe(true);
    expect(flowStartedTrigger.match!(event('flow.completed'), {}, c)).toBe(false);
    expect(flowCompletedTrigger.match!(event('flow.completed'), {}, c)).toBe(true);
    expect(flowCompletedTrigger.match!(event('flow.rejected'), {}, c)).toBe(false);
  });

  it('node-entered / node-left filter by one or several node ids', () => {
    const entered = event('node.entered', { nodeId: 'admin-affairs' });
    expect(nodeEnteredTrigger.match!(entered, {}, c)).toBe(true);
    expect(nodeEnteredTrigger.match!(entered, { nodeId: 'admin-affairs' }, c)).toBe(true);
    expect(nodeEnteredTrigger.match!(entered, { nodeId: ['it', 'admin-affairs'] }, c)).toBe(true);
    expect(nodeEnteredTrigger.match!(entered, { nodeId: 'it' }, c)).toBe(false);
    expect(nodeLeftTrigger.match!(event('node.left', { nodeId: 'it' }), { nodeId: 'it' }, c)).toBe(true);
    expect(nodeLeftTrigger.match!(entered, { nodeId: 'admin-affairs' }, c)).toBe(false);
  });

  it('task-created filters by node', () => {
    expect(taskCreatedTrigger.match!(event('task.created', { nodeId: 'it', taskId: 't1' }), { nodeId: 'it' }, c)).toBe(true);
    expect(taskCreatedTrigger.match!(event('task.created', { nodeId: 'hr' }), { nodeId: 'it' }, c)).toBe(false);
  });

  it('task-completed filters by node and by the action taken ("when HR approves")', () => {
    const approved = event('task.completed', { nodeId: 'hr-interview', taskId: 't2', payload: { action: 'approve' } });
    const returned = event('task.completed', { nodeId: 'hr-interview', taskId: 't2', payload: { action: 'return' } });
    const config = { nodeId: 'hr-interview', action: 'approve' };
    expect(taskCompletedTrigger.match!(approved, config, c)).toBe(true);
    expect(taskCompletedTrigger.match!(returned, config, c)).toBe(false);
    expect(taskCompletedTrigger.match!(approved, { nodeId: 'manager' }, c)).toBe(false);
    expect(taskCompletedTrigger.match!(returned, {}, c)).toBe(true);
    // An event that does not say which action was taken never passes an action filter.
    expect(taskCompletedTrigger.match!(event('task.completed', { nodeId: 'hr-interview' }), config, c)).toBe(false);
  });

  it('invoke-failed filters by connector key or type and by action', () => {
    const failed = event('invoke.failed', { payload: { connector: 'scim-wiki', connectorType: 'scim', action: 'deactivateUser', error: '503' } });
    expect(invokeFailedTrigger.match!(failed, {}, c)).toBe(true);
    expect(invokeFailedTrigger.match!(failed, { connector: 'type:scim', action: 'deactivateUser' }, c)).toBe(true);
    expect(invokeFailedTrigger.match!(failed, { connector: 'scim-wiki' }, c)).toBe(true);
    expect(invokeFailedTrigger.match!(failed, { connector: 'crm' }, c)).toBe(false);
    expect(invokeFailedTrigger.match!(failed, { action: 'updateOwner' }, c)).toBe(false);
    expect(invokeFailedTrigger.match!(event('invoke.succeeded', { payload: failed.payload }), {}, c)).toBe(false);
  });
});
