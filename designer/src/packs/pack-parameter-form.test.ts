import { BatonApiError, type PackParameter } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { changedValues, draftsOf, issuesByParameter, valueOf } from './pack-parameter-form.js';

const days: PackParameter = { key: 'days', label: 'Days', type: 'integer', minimum: 0, maximum: 30, default: 3, value: 5, overridden: true };
const channel: PackParameter = {
  key: 'channel', label: 'Channel', type: 'select', default: 'email', value: 'email', overridden: false,
  options: [{ value: 'email', label: 'Email' }, { value: 2, label: 'Two' }],
};
const sla: PackParameter = { key: 'sla', label: 'SLA', type: 'duration', default: { amount: 2, unit: 'business-days' }, value: { unit: 'business-days', amount: 2 }, overridden: false };
const on: PackParameter = { key: 'on', label: 'On', type: 'boolean', default: false, value: false, overridden: false };

describe('pack parameter form', () => {
  it('starts from the values in force and sends nothing until one changes (key order ignored)', () => {
    const draft = draftsOf([days, channel, sla, on]);
    expect(draft).toEqual({ days: '5', channel: '0', sla: { amount: '2', unit: 'business-days' }, on: false });
    expect(changedValues([days, channel, sla, on], draft)).toEqual({});
  });

  it('sends typed values: numbers, option values of any type, durations and switches', () => {
    const draft = { days: '7', channel: '1', sla: { amount: '4', unit: 'hours' }, on: true };
    expect(changedValues([days, channel, sla, on], draft)).toEqual({ days: 7, channel: 2, sla: { amount: 4, unit: 'hours' }, on: true });
  });

  it('sends text that is not a number as typed, for the server to refuse with a path', () => {
    expect(valueOf(days, '3x')).toBe('3x');
  });

  it('an emptied field goes back to the default: null only for a value set on this installation', () => {
    expect(changedValues([days, channel], { days: '', channel: '' })).toEqual({ days: null });
  });

  it('files the server issues under their parameter, keeping the precise issue for a repeated path', () => {
    const error = new BatonApiError({
      status: 422, code: 'BATON_E_PACK_PARAMETER_VALUE', message: 'Some values do not fit', path: '/body/values/days', request: 'PUT /api/packs/x/parameters',
      issues: [{ code: 'BATON_E_SCHEMA_MAXIMUM', path: '/body/values/days', message: 'must be ≤ 30' }, { code: 'BATON_E_SCHEMA_TYPE', path: '/body/values/sla/amount', message: 'must be a number' }],
    });
    const { byKey, rest } = issuesByParameter(error);
    expect(rest).toBe(false);
    expect(byKey.get('days')).toEqual([{ code: 'BATON_E_SCHEMA_MAXIMUM', path: '/body/values/days', message: 'must be ≤ 30' }]);
    expect(byKey.get('sla')?.[0]?.path).toBe('/body/values/sla/amount');
    const forbidden = new BatonApiError({ status: 403, code: 'BATON_E_FORBIDDEN', message: 'no', path: '/', request: 'PUT /api/packs/x/parameters' });
    expect(issuesByParameter(forbidden).rest).toBe(true);
  });
});
