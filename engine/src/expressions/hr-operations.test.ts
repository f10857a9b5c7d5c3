import { describe, expect, it } from 'vitest';
import { CN_CALENDAR } from '../calendar/cn-calendar.js';
import { compileExpression } from './compile-expression.js';
import { ExpressionError } from './expression-error.js';
import type { EvalContext } from './expression-types.js';

const run = (logic: unknown, data: unknown = {}, ctx?: EvalContext): unknown => compileExpression(logic)(data, ctx);
const cn: EvalContext = { now: '2025-09-30T02:00:00Z', timeZone: 'Asia/Shanghai', calendar: CN_CALENDAR };

describe('date operations', () => {
  it('now and today come from ctx, never the wall clock', () => {
    expect(run({ now: [] }, {}, cn)).toBe('2025-09-30T02:00:00Z');
    expect(run({ today: [] }, {}, { now: '2025-09-30T17:00:00Z', timeZone: 'Asia/Shanghai' })).toBe('2025-10-01');
    expect(run({ today: ['UTC'] }, {}, { now: '2025-09-30T17:00:00Z', timeZone: 'Asia/Shanghai' })).toBe('2025-09-30');
    expect(() => run({ now: [] })).toThrow(ExpressionError);
    expect(run({ try: [{ now: [] }, { val: 'type' }] })).toBe('Missing Context');
  });

  it('addDays on dates and instants (instants keep their wall-clock time)', () => {
    expect(run({ addDays: ['2024-02-28', 1] })).toBe('2024-02-29');
    expect(run({ addDays: [{ var: 'd' }, -3] }, { d: '2025-03-01' })).toBe('2025-02-26');
    expect(run({ addDays: ['2025-03-08T09:00:00-05:00', 1] }, {}, { timeZone: 'America/New_York' })).toBe('2025-03-09T13:00:00.000Z');
    expect(() => run({ addDays: ['2025-02-30', 1] })).toThrow(/YYYY-MM-DD/);
    expect(run({ try: [{ addDays: ['soon', 1] }, { val: 'type' }] })).toBe('Invalid Date');
  });

  it('addBusinessDays follows ctx.calendar, including 调休 working weekends, and goes backwards', () => {
    // 2025-09-30 (Tue) + 1 working day: 1–8 Oct are off, 11 Oct (Sat) is a working day, 9 Oct (Thu) first.
    expect(run({ addBusinessDays: ['2025-09-30', 1] }, {}, cn)).toBe('2025-10-09');
    expect(run({ addBusinessDays: ['2025-10-10', 1] }, {}, cn)).toBe('2025-10-11');
    expect(run({ addBusinessDays: ['2025-10-09', -1] }, {}, cn)).toBe('2025-09-30');
    expect(run({ addBusinessDays: ['2025-05-02', 1] })).toBe('2025-05-05'); // no calendar: Mon–Fri
    expect(run({ addBusinessDays: ['2025-09-30T01:30:00Z', 1] }, {}, cn)).toBe('2025-10-09T01:30:00.000Z');
  });

  it('diffDays and diffBusinessDays', () => {
    expect(run({ diffDays: ['2025-01-01', '2025-03-01'] })).toBe(59);
    expect(run({ diffDays: ['2025-03-01', '2025-01-01'] })).toBe(-59);
    expect(run({ diffDays: [{ today: [] }, { var: 'last' }] }, { last: '2025-10-10' }, cn)).toBe(10);
    expect(run({ diffBusinessDays: ['2025-09-30', '2025-10-11'] }, {}, cn)).toBe(3);
    expect(run({ diffBusinessDays: ['2025-10-11', '2025-09-30'] }, {}, cn)).toBe(-3);
    expect(run({ isWorkday: ['2025-10-11'] }, {}, cn)).toBe(true);
    expect(run({ isWorkday: ['2025-10-01'] }, {}, cn)).toBe(false);
  });

  it('startOfDay, toDate and atTime in IANA time zones', () => {
    expect(run({ startOfDay: ['2025-03-31T20:00:00Z', 'Asia/Shanghai'] })).toBe('2025-03-31T16:00:00.000Z');
    expect(run({ startOfDay: ['2025-03-31'] }, {}, { timeZone: 'Europe/Berlin' })).toBe('2025-03-30T22:00:00.000Z');
    expect(run({ toDate: ['2025-03-31T20:00:00Z', 'Asia/Shanghai'] })).toBe('2025-04-01');
    expect(run({ atTime: ['2025-03-31', '09:00', 'Asia/Shanghai'] })).toBe('2025-03-31T01:00:00.000Z');
    expect(run({ atTime: [{ addBusinessDays: [{ var: 'last' }, -3] }, '09:00'] }, { last: '2025-10-10' }, cn)).toBe(
      '2025-09-29T01:00:00.000Z', // 10 Oct − 3 working days: 9 Oct, (1–8 Oct off) 30 Sep, 29 Sep
    );
    expect(() => run({ atTime: ['2025-03-31', '9am', 'Asia/Shanghai'] })).toThrow(/HH:mm/);
    expect(() => run({ toDate: ['2025-03-31T20:00:00Z', 'Mars/Olympus'] })).toThrow(/IANA/);
  });

  it('addDuration for SLAs', () => {
    expect(run({ addDuration: ['2025-09-30T08:00:00Z', 4, 'business-hours'] }, {}, cn)).toBe('2025-10-09T03:00:00.000Z');
    expect(() => run({ addDuration: ['2025-09-30T08:00:00Z', 4, 'fortnights'] }, {}, cn)).toThrow(/unit/);
  });
});

describe('string operations', () => {
  it('covers the helpers', () => {
    const d = { name: '  Li Lei ', email: 'Li.Lei@Example.COM', cc: 'a,b,c', seq: 42 };
    expect(run({ lower: { var: 'email' } }, d)).toBe('li.lei@example.com');
    expect(run({ upper: [{ var: 'email' }] }, d)).toBe('LI.LEI@EXAMPLE.COM');
    expect(run({ trim: { var: 'name' } }, d)).toBe('Li Lei');
    expect(run({ startsWith: [{ var: 'email' }, 'Li.'] }, d)).toBe(true);
    expect(run({ endsWith: [{ lower: { var: 'email' } }, '@example.com'] }, d)).toBe(true);
    expect(run({ includes: [{ var: 'email' }, '@'] }, d)).toBe(true);
    expect(run({ includes: [['hr', 'it'], 'it'] })).toBe(true);
    expect(run({ split: [{ var: 'cc' }, ','] }, d)).toEqual(['a', 'b', 'c']);
    expect(run({ join: [{ split: [{ var: 'cc' }, ','] }, ' / '] }, d)).toBe('a / b / c');
    expect(run({ length: { var: 'cc' } }, d)).toBe(5);
    expect(run({ length: { split: [{ var: 'cc' }, ','] } }, d)).toBe(3);
    expect(run({ length: { var: 'missing' } }, d)).toBe(0);
    expect(run({ replace: ['138-0000-0000', '-', ''] })).toBe('13800000000');
    expect(run({ padStart: [{ var: 'seq' }, 6, '0'] }, d)).toBe('000042');
  });
});

describe('records', () => {
  const data = {
    customerId: 'C-7',
    customers: [
      { customerId: 'C-1', successorId: 'u2' },
      { customerId: 'C-7', successorId: null },
    ],
    assets: [
      { tag: 'LT-1', returned: true, value: 9000 },
      { tag: 'PH-2', returned: false, value: 4500 },
    ],
  };
  it('in over an array of records by key', () => {
    expect(run({ in: [{ var: 'customerId' }, { var: 'customers' }, 'customerId'] }, data)).toBe(true);
    expect(run({ in: ['C-9', { var: 'customers' }, 'customerId'] }, data)).toBe(false);
    expect(run({ in: [7, { preserve: [{ id: '7' }] }, 'id'] })).toBe(true);
  });
  it('pluck, sumBy and quantifiers for handover gates', () => {
    expect(run({ pluck: [{ var: 'assets' }, 'tag'] }, data)).toEqual(['LT-1', 'PH-2']);
    expect(run({ sumBy: [{ filter: [{ var: 'assets' }, { '!': { var: 'returned' } }] }, 'value'] }, data)).toBe(4500);
    expect(run({ all: [{ var: 'assets' }, { '==': [{ var: 'returned' }, true] }] }, data)).toBe(false);
    expect(run({ all: [{ var: 'customers' }, { '!!': [{ var: 'successorId' }] }] }, data)).toBe(false);
  });
});
