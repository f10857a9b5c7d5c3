import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { externalUses, usePlaces, type LoadedDefinition } from './external-references.js';

const root = new URL('../../../templates/offboarding/', import.meta.url);
const pack: LoadedDefinition[] = ['forms', 'flows', 'rules', 'reports', 'documents'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, root))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(`${dir}/${f}`, root), 'utf8')) as { kind: string; key: string; title: unknown })
    .map((body) => ({ kind: body.kind, key: body.key, title: body.title, body })),
);

describe('externalUses', () => {
  it('finds the flow condition, and rules scoped by that flow, reading a field of its form', () => {
    const uses = externalUses(pack, 'offboarding-request', 'employeeId');
    const flow = uses.find((u) => u.kind === 'flow' && u.key === 'offboarding');
    expect(flow?.places).toContainEqual({ role: 'condition', name: { en: 'Sales only', 'zh-CN': '仅销售岗位' } });
    expect(uses.some((u) => u.kind === 'rule' && u.key === 'mark-left')).toBe(true);
    expect(uses.every((u) => !(u.kind === 'form' && u.key === 'offboarding-request'))).toBe(true);
  });

  it('finds nothing for a field no other definition reads, and nothing in definitions of other forms', () => {
    expect(externalUses(pack, 'offboarding-request', 'noSuchField')).toEqual([]);
    const other: LoadedDefinition = { kind: 'flow', key: 'x', title: 'X', body: { form: 'another', edges: [{ condition: { var: 'employeeId' } }] } };
    expect(externalUses([other], 'offboarding-request', 'employeeId')).toEqual([]);
  });

  it('reads access maps, placeholders, field properties and $item paths for sub-table columns', () => {
    const body = {
      nodes: [{ name: 'Check', form: { key: 'f', access: { 'assets.tag': 'readonly' } } }],
      actions: [{ title: 'Mail', params: { text: 'Tag {{$item.tag}} of {{employeeId}}' } }],
      dataset: { groupBy: 'assets.tag' },
    };
    expect(usePlaces(body, 'assets.tag')).toEqual([
      { role: 'access', name: 'Check' },
      { role: 'text', name: 'Mail' },
      { role: 'field' },
    ]);
    expect(usePlaces(body, 'employeeId')).toEqual([{ role: 'text', name: 'Mail' }]);
    expect(usePlaces(body, 'tag')).toEqual([]);
  });
});
