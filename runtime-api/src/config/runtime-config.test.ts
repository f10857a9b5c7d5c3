import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './runtime-config.js';

describe('loadConfig', () => {
  it('defaults to port 3000, embedded data in ./.baton, closed CORS', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, databasePoolSize: 10, corsOrigins: [], bootstrapToken: undefined });
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
      BATON_DB_POOL_SIZE: '6',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/baton',
      corsOrigins: ['https://a.example', 'https://b.example'],
      bodyLimit: 2048,
      bootstrapToken: 'secret',
      databasePoolSize: 6,
    });
  });

  it('fails early and clearly on a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a non-negative integer/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ BATON_DB_POOL_SIZE: '0' })).toThrow(/BATON_DB_POOL_SIZE must be at least 1/);
  });
});
