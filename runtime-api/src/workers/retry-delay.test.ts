import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/runtime-config.js';
import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  it('grows 4x per attempt from the base, capped at 12 h, without jitter at the midpoint', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 30_000, undefined, mid))).toEqual([
      30_000, 120_000, 480_000, 1_920_000, 7_680_000, 30_720_000, 43_200_000,
    ]);
    // Eight attempts (seven waits) with the defaults span about a day.
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + retryDelayMs(n, 30_000, undefined, mid), 0);
    expect(total / 3_600_000).toBeGreaterThan(22);
    expect(total / 3_600_000).toBeLessThan(25);
  });

  it('jitters by ±20 % and never waits less than the peer asked', () => {
    expect(retryDelayMs(1, 10_000, undefined, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, 10_000, undefined, () => 1)).toBe(12_000);
    expect(retryDelayMs(1, 10_000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('worker settings', () => {
  it('defaults: on, 1 s polls, batches of 100, 4 at once, 5 timer and 8 outbox attempts', () => {
    expect(loadConfig({}).workers).toEqual({
      enabled: true, pollIntervalMs: 1000, batchSize: 100, concurrency: 4, leaseMs: 60_000,
      timerMaxAttempts: 5, outboxMaxAttempts: 8, retryBaseMs: 30_000, handlerTimeoutMs: 30_000, shutdownTimeoutMs: 10_000,
      handoverIntervalMs: 300_000,
    });
  });

  it('reads the environment and refuses nonsense early', () => {
    const workers = loadConfig({ BATON_WORKERS: 'off', BATON_WORKER_BATCH: '50', BATON_OUTBOX_MAX_ATTEMPTS: '3' }).workers;
    expect(workers).toMatchObject({ enabled: false, batchSize: 50, outboxMaxAttempts: 3 });
    expect(() => loadConfig({ BATON_WORKERS: 'maybe' })).toThrow(/BATON_WORKERS must be on or off/);
    expect(() => loadConfig({ BATON_WORKER_CONCURRENCY: '0' })).toThrow(/BATON_WORKER_CONCURRENCY must be at least 1/);
  });
});
