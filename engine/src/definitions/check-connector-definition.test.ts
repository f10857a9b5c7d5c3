import { describe, expect, it } from 'vitest';
import { checkConnectorDefinition } from './check-connector-definition.js';
import { codesAndPaths, context, schemaThenCheck } from './fixtures/check-harness.js';
import { copy, crmConnector, dingtalkConnector } from './fixtures/offboarding-examples.js';

const check = (def: unknown, ctx = context()) => schemaThenCheck('connector', def, checkConnectorDefinition, ctx);

describe('connector definitions', () => {
  it('accepts the CRM and DingTalk examples', () => {
    expect(check(crmConnector)).toEqual([]);
    expect(check(dingtalkConnector)).toEqual([]);
  });

  it('validates the config against the schema of its type', () => {
    const def = copy(crmConnector) as Record<string, any>;
    def.config.baseUrl = 'ftp://crm';
    def.config.actions.reassignOwner.method = 'PUSH';
    def.config.colour = 'red';
    expect(codesAndPaths(check(def))).toEqual([
      ['BATON_E_SCHEMA_ADDITIONAL_PROPERTIES', '/config/colour'],
      ['BATON_E_SCHEMA_PATTERN', '/config/baseUrl'],
      ['BATON_E_SCHEMA_ENUM', '/config/actions/reassignOwner/method'],
    ]);
  });

  it('refuses an unknown type unless a plugin announced it', () => {
    const def = { ...copy(crmConnector), type: 'acme/erp', config: { url: 'https://erp.example.com' }, secrets: {} };
    const [only] = check(def);
    expect(only).toMatchObject({ code: 'BATON_E_CONNECTOR_UNKNOWN_TYPE', path: '/type' });
    expect(only?.message).toContain('use one of webhook, scim, crm-rest, dingtalk-robot, wecom-robot, sms-http, smtp');
    expect(check(def, { ...context(), connectorTypes: ['acme/erp'] })).toEqual([]);
  });

  it('refuses secret values, credentials pasted into the config, and undeclared secrets', () => {
    const def = copy(crmConnector) as Record<string, any>;
    def.secrets.token = 'sk_live_123456';
    def.config.actions.reassignOwner.headers = { 'X-Api-Key': 'abcdef', Cookie: '{{secrets.cookie}}' };
    def.config.baseUrl = 'https://crm.example.com/api?access_token=abc123';
    const issues = check(def, context('zh-CN'));
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_CONNECTOR_SECRET_VALUE', '/secrets/token'],
      ['BATON_E_CONNECTOR_SECRET_IN_CONFIG', '/config/baseUrl'],
      ['BATON_E_CONNECTOR_SECRET_IN_CONFIG', '/config/actions/reassignOwner/headers/X-Api-Key'],
      ['BATON_E_CONNECTOR_UNKNOWN_SECRET', '/config/actions/reassignOwner/headers/Cookie'],
    ]);
    expect(issues[0]?.messages.en).toContain('{ "secretRef": "crm.token" }');
    expect(issues[0]?.message).toContain('定义中不得包含密钥');
    // The secret value itself never appears in a message.
    expect(JSON.stringify(issues)).not.toContain('sk_live_123456');
  });

  it('asks for the secrets a built-in type needs', () => {
    const def = copy(dingtalkConnector) as Record<string, any>;
    delete def.secrets;
    expect(codesAndPaths(check(def))).toEqual([['BATON_E_CONNECTOR_MISSING_SECRET', '']]);
  });
});
