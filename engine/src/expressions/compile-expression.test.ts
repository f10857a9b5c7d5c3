import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { collectVariables, compileExpression } from './compile-expression.js';
import { ExpressionError } from './expression-error.js';
import type { ExpressionOperation } from './expression-operation.js';
import { validateExpression } from './validate-expression.js';

describe('compileExpression', () => {
  it('evaluates the same compiled closure against many data objects', () => {
    const rule = compileExpression({ and: [{ '>=': [{ var: 'age' }, 18] }, { '==': [{ var: 'country' }, 'CN'] }] });
    expect(rule({ age: 30, country: 'CN' })).toBe(true);
    expect(rule({ age: 17, country: 'CN' })).toBe(false);
    expect(rule({ age: '18', country: 'CN' })).toBe(true);
    expect(rule({})).toBe(false);
  });

  it('never reads through __proto__, constructor or prototype', () => {
    const data = { a: { b: 1 } };
    for (const path of ['__proto__', 'a.__proto__', 'constructor', 'a.constructor.prototype', 'toString']) {
      expect(compileExpression({ var: path })(data)).toBeNull();
    }
    expect(compileExpression({ val: ['constructor', 'prototype'] })(data)).toBeNull();
    expect(compileExpression({ var: { cat: ['__pro', 'to__'] } })(data)).toBeNull();
    expect(compileExpression({ exists: ['__proto__'] })(data)).toBe(false);
    expect(compileExpression({ pluck: [{ preserve: [{ a: 1 }] }, '__proto__'] })(data)).toEqual([null]);
  });

  it('rejects an invalid tree with a BatonError that lists every issue', () => {
    let thrown: unknown;
    try {
      compileExpression({ and: [{ frobnicate: [1] }, { '<': [1] }, { if: 'x' }, { a: 1, b: 2 }] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BatonError);
    const codes = (thrown as BatonError).issues.map((i) => `${i.code} ${i.path}`);
    expect(codes).toEqual([
      'BATON_E_EXPR_UNKNOWN_OPERATOR /and/0',
      'BATON_E_EXPR_ARG_COUNT /and/1/<',
      'BATON_E_EXPR_ARGS_NOT_ARRAY /and/2/if',
      'BATON_E_EXPR_NOT_AN_OPERATION /and/3',
    ]);
    expect((thrown as BatonError).code).toBe('BATON_E_EXPR_INVALID');
  });

  it('validates under a base path, with messages in the requested locale', () => {
    const issues = validateExpression({ map: [null, { var: '' }] }, '/fields/3/computed', 'zh-CN');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('/fields/3/computed/map/0');
    expect(issues[0]?.message).toContain('不能为 null');
    expect(issues[0]?.messages.en).toMatch(/^Invalid arguments to "map"/);
    expect(validateExpression({ '+': [1, { var: 'x' }] })).toEqual([]);
  });

  it('raises ExpressionError with a type that try can catch', () => {
    expect(() => compileExpression({ '/': [1, { var: 'x' }] })({ x: 0 })).toThrow(ExpressionError);
    expect(compileExpression({ try: [{ '/': [1, { var: 'x' }] }, { val: 'type' }] })({ x: 0 })).toBe('NaN');
    expect.assertions(5);
    try {
      compileExpression({ throw: { preserve: { type: 'NotAllowed', who: 'u1' } } })();
    } catch (err) {
      expect(err).toBeInstanceOf(ExpressionError);
      expect((err as ExpressionError).type).toBe('NotAllowed');
      expect((err as ExpressionError).payload).toEqual({ type: 'NotAllowed', who: 'u1' });
    }
  });

  it('folds constant sub-expressions but still raises their errors at run time', () => {
    expect(compileExpression({ '*': [24, 60] })()).toBe(1440);
    const bad = compileExpression({ '/': [1, 0] });
    expect(() => bad()).toThrow(ExpressionError);
    const literal = compileExpression(['a', 'b']);
    const first = literal() as string[];
    first.push('mutated');
    expect(literal()).toEqual(['a', 'b']);
  });

  it('accepts plugin operations and refuses to replace JsonLogic operators', () => {
    const double: ExpressionOperation = { minArgs: 1, maxArgs: 1, pure: true, evaluate: ([x]) => Number(x) * 2 };
    const timezone: ExpressionOperation = { maxArgs: 0, evaluate: (_args, ctx) => ctx.timeZone ?? 'none' };
    const options = { operations: { 'acme/double': double, 'acme/tz': timezone } };
    expect(compileExpression({ 'acme/double': { var: 'n' } }, options)({ n: 21 })).toBe(42);
    expect(compileExpression({ 'acme/tz': [] }, options)({}, { timeZone: 'Asia/Shanghai' })).toBe('Asia/Shanghai');
    expect(() => compileExpression({ 'acme/double': [1, 2] }, options)).toThrow(BatonError);
    expect(() => compileExpression({ 'acme/double': [1] })).toThrow(/Invalid|not valid/);
    expect(() => compileExpression(1, { operations: { '+': double } })).toThrow(/cannot be replaced/);
  });

  it('passes a per-call ctx to operations even when the compiled closure is reused', () => {
    const now = compileExpression({ now: [] });
    expect(now({}, { now: '2025-01-01T00:00:00Z' })).toBe('2025-01-01T00:00:00Z');
    expect(now({}, { now: '2025-06-01T00:00:00Z' })).toBe('2025-06-01T00:00:00Z');
    expect(() => now({})).toThrow(/ctx.now/);
  });

  it('lets val climb out of nested iterators and try handlers', () => {
    const rule = { map: [{ var: 'teams' }, { map: [{ var: 'members' }, { cat: [{ val: [] }, '@', { val: [[4], 'org'] }, '#', { val: [[1], 'index'] }] }] }] };
    expect(compileExpression(rule)({ org: 'acme', teams: [{ members: ['a', 'b'] }, { members: ['c'] }] })).toEqual([
      ['a@acme#0', 'b@acme#1'],
      ['c@acme#0'],
    ]);
  });
});

describe('collectVariables', () => {
  it('lists root paths read, leaving out paths inside iterator bodies', () => {
    const logic = {
      and: [
        { var: 'employee.id' },
        { all: [{ var: 'assets' }, { '==': [{ var: 'returned' }, true] }] },
        { filter: [{ val: 'customers' }, { '===': [{ val: 'owner' }, { val: [[2], 'employee', 'id'] }] }] },
        { missing: ['lastWorkingDay'] },
        { missing_some: [1, ['phone', 'email']] },
        { var: ['manager', null] },
        { try: [{ var: 'x' }, { var: 'type' }] },
        { preserve: { var: 'not-read' } },
      ],
    };
    expect(collectVariables(logic).sort()).toEqual(
      ['assets', 'customers', 'email', 'employee.id', 'lastWorkingDay', 'manager', 'phone', 'x'].sort(),
    );
  });
});
