import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '@baton/engine';
import { relationFieldPath } from './relation-field-path.js';

const form = {
  fields: [
    { key: 'employeeId', type: 'user' },
    { key: 'assets', type: 'sub-table', fields: [{ key: 'assetId', type: 'relation', config: { form: 'asset' } }] },
    { key: 'customers', type: 'sub-table', fields: [{ key: 'customerId', type: 'relation', config: { form: 'customer' } }] },
    { key: 'mainCustomer', type: 'relation', config: { form: 'customer' } },
  ],
} as unknown as Pick<FormDefinition, 'fields'>;

describe('relationFieldPath', () => {
  it('finds a sub-table column and a top-level field by name and collection', () => {
    expect(relationFieldPath(form, 'assetId', 'asset')).toBe('assets.assetId');
    expect(relationFieldPath(form, 'mainCustomer', 'customer')).toBe('mainCustomer');
  });

  it('is null when nothing or a different collection matches', () => {
    expect(relationFieldPath(form, 'assetId', 'customer')).toBeNull();
    expect(relationFieldPath(undefined, 'assetId', 'asset')).toBeNull();
  });
});
