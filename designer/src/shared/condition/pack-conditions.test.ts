import { compileExpression } from '@baton/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromJsonLogic, isFullyVisual, toJsonLogic, type Condition } from './condition-model.js';

const PACK = new URL('../../../../templates/offboarding/', import.meta.url);

/** Keys whose value is a JsonLogic condition in flows (edges, gates), rules (condition, when) and forms. */
const CONDITION_KEYS = new Set(['condition', 'when', 'gate', 'visibleIf', 'requiredIf', 'assert']);

function conditionsIn(value: unknown, at: string, out: Array<[string, unknown]>): void {
  if (Array.isArray(value)) value.forEach((v, i) => conditionsIn(v, `${at}/${i}`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (CONDITION_KEYS.has(key) && child !== null && typeof child === 'object') out.push([`${at}/${key}`, child]);
      conditionsIn(child, `${at}/${key}`, out);
    }
  }
}

function packConditions(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const folder of ['flows', 'rules', 'forms']) {
    const dir = new URL(`${folder}/`, PACK);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      conditionsIn(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), `${folder}/${file}#`, out);
    }
  }
  return out;
}

const conditions = packConditions();

describe('the offboarding pack’s conditions in the builder', () => {
  it('finds the flow’s branch conditions and gates, and the rules’ action conditions', () => {
    const places = conditions.map(([place]) => place);
    const branches = conditions.filter(([place, logic]) => place.startsWith('flows/') && JSON.stringify(logic).includes('"directory"'));
    expect(branches.map(([, logic]) => JSON.stringify(logic)).join()).toMatch(/jobFamily.*confidential/);
    expect(places.some((p) => p.startsWith('rules/reassign-customers.json#/actions/0/when'))).toBe(true);
    expect(conditions.length).toBeGreaterThanOrEqual(8);
  });

  it.each(conditions)('%s: opens as rows and saves back exactly as written', (_place, logic) => {
    const model = fromJsonLogic(logic);
    expect(isFullyVisual(model)).toBe(true);
    expect(JSON.stringify(toJsonLogic(model))).toBe(JSON.stringify(logic));
  });

  it('reads the sales branch as "the employee’s directory job family is sales"', () => {
    const logic = { '==': [{ directory: [{ var: 'employeeId' }, 'attributes.jobFamily'] }, 'sales'] };
    expect(fromJsonLogic(logic)).toEqual({ kind: 'compare', field: 'employeeId', lookup: 'attributes.jobFamily', op: '==', value: { literal: 'sales' } });
  });

  it('reads a gate over a sub-table as a row check whose rows read their own columns', () => {
    const logic = { none: [{ var: 'assets' }, { '!': { var: 'returned' } }] };
    const model = fromJsonLogic(logic);
    expect(model).toEqual({
      kind: 'quantifier',
      quantifier: 'none',
      list: 'assets',
      condition: { kind: 'group', combinator: 'and', negate: false, children: [{ kind: 'compare', field: 'returned', op: 'empty' }] },
    });
    const gate = compileExpression(toJsonLogic(model));
    expect(gate({ assets: [{ returned: true }, { returned: true }] })).toBe(true);
    expect(gate({ assets: [{ returned: true }, { returned: false }] })).toBe(false);
  });

  it('writes an edited row check and a bare "is set" test the engine evaluates', () => {
    const edited: Condition = {
      kind: 'group',
      combinator: 'and',
      negate: false,
      children: [
        { kind: 'compare', field: 'settlementConfirmed', op: 'truthy' },
        { kind: 'quantifier', quantifier: 'some', list: 'accounts', condition: { kind: 'group', combinator: 'and', negate: false, children: [{ kind: 'compare', field: 'disabled', op: '==', value: { literal: true } }] } },
      ],
    };
    const logic = toJsonLogic(edited);
    expect(logic).toEqual({ and: [{ var: 'settlementConfirmed' }, { some: [{ var: 'accounts' }, { '==': [{ var: 'disabled' }, true] }] }] });
    expect(compileExpression(logic)({ settlementConfirmed: true, accounts: [{ disabled: false }, { disabled: true }] })).toBe(true);
    expect(compileExpression(logic)({ settlementConfirmed: true, accounts: [{ disabled: false }] })).toBe(false);
  });
});
