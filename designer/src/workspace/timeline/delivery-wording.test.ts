import { describe, expect, it } from 'vitest';
import { deliveryWording } from './delivery-wording.js';

describe('delivery wording', () => {
  it('names each action and result for people', () => {
    expect(deliveryWording('setData', 'delivered', 'user demo-sales-1: set leaveDate, attributes')).toEqual({ action: 'setData', result: 'delivered' });
    expect(deliveryWording('renderDocument', 'retry', null)).toEqual({ action: 'renderDocument', result: 'retry' });
    expect(deliveryWording('somethingNew', 'odd', null)).toEqual({ action: 'other', result: 'other' });
  });
  it('shows a fan-out with no connector as skipped with the connector type, not as delivered', () => {
    const note = 'skipped: no enabled crm-rest connector is configured, so nothing was sent';
    expect(deliveryWording('invoke', 'delivered', note)).toEqual({ action: 'invoke', result: 'skipped', connector: 'crm-rest' });
  });
});
