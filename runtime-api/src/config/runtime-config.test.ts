import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './runtime-config.js';

describe('loadConfig', () => {
  it('defaults to port 3000, embedded data in ./.baton, closed CORS', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, corsOrigins: [], bootstrapToken: undefined });
    expect(config.dataDir).toBe(path.resolve('.baton'));
  });

  it('reads the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/baton',
      BATON_CORS_ORIGINS: 'https://a.example, https://b.example',
      BATON_BODY_LIMIT: '2048',
      BATON_BOOTSTRAP_TOKEN: 'secret',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/baton',
      corsOrigins: ['https://a.example', 'https://b.example'],
      bodyLimit: 2048,
      bootstrapToken: 'secret',
    });
  });

  it('fails early and clearly on a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a non-negative integer/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });
});
