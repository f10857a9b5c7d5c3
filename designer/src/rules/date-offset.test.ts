import { createRegistry, validateDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { freshDateOffsetConfig, readDateOffset, writeDateOffset } from './new-rule.js';

const registry = createRegistry();
const valid = (config: Record<string, unknown>) =>
  validateDefinition({ kind: 'rule', key: 'r', version: 1, title: 'R', trigger: { type: 'date-offset', config }, actions: [{ type: 'notify', params: { to: [{ kind: 'initiator' }], title: 'Hi' } }] }, { registry }).errors;

describe('"N days before/after a date" ⇄ the date-offset trigger config', () => {
  it('reads and writes a typed number', () => {
    const value = readDateOffset({ field: 'lastDay', offset: -3, unit: 'business-days', at: '09:00' })!;
    expect(value).toEqual({ field: 'lastDay', amount: 3, direction: 'before', unit: 'business-days', at: '09:00' });
    expect(writeDateOffset(value, { late: 'skip' })).toEqual({ late: 'skip', field: 'lastDay', offset: -3, unit: 'business-days', at: '09:00' });
  });

  it('reads a pack parameter (negated for "before", with its default) and writes it back as the engine takes it', () => {
    const config = { field: 'lastWorkingDay', offset: { param: 'settlementReminderDays', negate: true, default: 3 }, unit: 'business-days', at: '09:00' };
    const value = readDateOffset(config)!;
    expect(value).toMatchObject({ direction: 'before', param: { name: 'settlementReminderDays', fallback: 3 } });
    expect(writeDateOffset(value, undefined)).toEqual(config);
    expect(valid(writeDateOffset(value, undefined))).toEqual([]);
  });

  it('writes "after" without negate, and leaves the default out when none is given', () => {
    const value = readDateOffset({ field: 'd', offset: 2 })!;
    const written = writeDateOffset({ ...value, direction: 'after', param: { name: 'graceDays' } }, undefined);
    expect(written).toEqual({ field: 'd', offset: { param: 'graceDays' }, unit: 'days' });
    expect(valid(written)).toEqual([]);
    expect(readDateOffset(written)).toMatchObject({ direction: 'after', param: { name: 'graceDays' } });
  });

  it('goes back to a number when the parameter is dropped', () => {
    const value = readDateOffset({ field: 'd', offset: { param: 'x', negate: true, default: 4 } })!;
    const { param: _p, ...number } = value;
    expect(writeDateOffset(number, undefined)).toEqual({ field: 'd', offset: -4, unit: 'days' });
  });

  it('leaves to the generic panel what the dedicated editor cannot show', () => {
    expect(readDateOffset({ field: 'd', at: { param: 'reminderTime' } })).toBeNull();
    expect(readDateOffset({ field: 'd', offset: { param: 'x', default: 'three' } })).toBeNull();
    expect(readDateOffset({ field: 'd', offset: { param: 'x', extra: 1 } })).toBeNull();
  });

  it('reads a new trigger as "N days before", the common case, and starts one as 1 day before the first date field at 09:00', () => {
    expect(readDateOffset({})!.direction).toBe('before');
    expect(readDateOffset({ field: 'd', offset: 0 })!.direction).toBe('before');
    expect(readDateOffset({ field: 'd', offset: 2 })!.direction).toBe('after');
    const fresh = freshDateOffsetConfig('lastWorkingDay');
    expect(fresh).toEqual({ field: 'lastWorkingDay', offset: -1, unit: 'days', at: '09:00' });
    expect(readDateOffset(fresh)).toEqual({ field: 'lastWorkingDay', amount: 1, direction: 'before', unit: 'days', at: '09:00' });
    expect(freshDateOffsetConfig(undefined)).toEqual({ offset: -1, unit: 'days', at: '09:00' });
  });
});
