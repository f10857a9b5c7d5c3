import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/runtime-config.js';
import { idempotencySettingsFrom } from './idempotency-settings.js';

describe('BATON_IDEMPOTENCY_RETENTION_HOURS', () => {
  it('defaults to 24 hours', () => {
    expect(idempotencySettingsFrom({})).toEqual({ retentionHours: 24 });
    expect(idempotencySettingsFrom({ BATON_IDEMPOTENCY_RETENTION_HOURS: ' ' })).toEqual({ retentionHours: 24 });
    expect(loadConfig({}).idempotency.retentionHours).toBe(24);
  });

  it('reads whole and fractional hours', () => {
    expect(idempotencySettingsFrom({ BATON_IDEMPOTENCY_RETENTION_HOURS: '72' }).retentionHours).toBe(72);
    expect(idempotencySettingsFrom({ BATON_IDEMPOTENCY_RETENTION_HOURS: '0.5' }).retentionHours).toBe(0.5);
  });

  it('fails at start-up on a value that is not a positive number of hours', () => {
    for (const bad of ['0', '-1', 'abc', '24h', '1e3', '0x10', 'Infinity', '100000']) {
      expect(() => loadConfig({ BATON_IDEMPOTENCY_RETENTION_HOURS: bad }), bad).toThrow(/BATON_IDEMPOTENCY_RETENTION_HOURS must be a positive number of hours/);
    }
  });
});
