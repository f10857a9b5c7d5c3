import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from './index.js';

describe('engine entry', () => {
  it('exposes a semver version that plugins pin against', () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
