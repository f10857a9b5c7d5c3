import { describe, expect, it } from 'vitest';
import { connectorSettingsFrom } from '../../src/connectors/connector-settings.js';
import { evaluateTemplate, templateIssues } from '../../src/connectors/json-template.js';
import { localeOf, pickChannels, type Recipient } from '../../src/connectors/notifications/notification-channels.js';
import { channelMessage } from '../../src/connectors/notifications/notification-message.js';
import { dingtalkSign } from '../../src/connectors/types/dingtalk-robot-connector.js';
import { isActive } from '../../src/connectors/types/scim-connector.js';
import { eventMatches } from '../../src/connectors/webhooks/webhook-connector.js';
import { isSigningSecret, signWebhook, verifyWebhook } from '../../src/connectors/webhooks/webhook-signature.js';

const user = (attributes: Record<string, unknown>, extra: Partial<Recipient> = {}): Recipient => ({
  id: 'u', name: 'U', email: 'u@example.com', mobile: '13800000000', attributes, active: true, ...extra,
});
const connectors = [
  { key: 'dingtalk-hr', channel: 'dingtalk' as const },
  { key: 'dingtalk', channel: 'dingtalk' as const },
  { key: 'mail', channel: 'email' as const },
  { key: 'sms', channel: 'sms' as const },
];

describe('channel selection', () => {
  it('takes the effect\'s channels, else the profile\'s, else the organisation\'s, and needs an address', () => {
    const u = user({ dingtalk: 'dt-u' });
    expect(pickChannels(u, undefined, ['inbox', 'email', 'dingtalk'], connectors)).toEqual([
      { connectorKey: 'mail', channel: 'email', address: 'u@example.com' },
      // The connector named after the channel wins over the first by key.
      { connectorKey: 'dingtalk', channel: 'dingtalk', address: 'dt-u' },
    ]);
    expect(pickChannels(user({ notifyChannels: ['sms'] }), undefined, ['email'], connectors)).toEqual([{ connectorKey: 'sms', channel: 'sms', address: '13800000000' }]);
    expect(pickChannels(u, ['dingtalk-hr', 'wecom'], ['email'], connectors)).toEqual([{ connectorKey: 'dingtalk-hr', channel: 'dingtalk', address: 'dt-u' }]);
    expect(pickChannels(user({}, { email: null }), ['email', 'dingtalk'], [], connectors)).toEqual([]);
  });

  it('picks the language from the profile', () => {
    expect(localeOf(user({ locale: 'en-US' }), 'zh-CN')).toBe('en');
    expect(localeOf(user({ locale: 'zh' }), 'en')).toBe('zh-CN');
    expect(localeOf(user({}), 'en')).toBe('en');
  });

  it('fills late placeholders and links under the public URL only', () => {
    const message = channelMessage(
      { type: 'notify', key: 'k', to: ['u'], title: { en: 'Hello {who}', 'zh-CN': '你好 {who}' }, data: { who: 'Li', smsTemplate: 'hi', n: 3, nested: { x: 1 } }, link: { instanceId: 'i/1' } },
      'u', 'u@example.com', 'zh-CN', 'https://baton.example.com',
    );
    expect(message).toMatchObject({ title: '你好 Li', link: 'https://baton.example.com/instances/i%2F1', template: 'hi', data: { who: 'Li', n: '3' } });
    expect(message.data).not.toHaveProperty('nested');
    expect(channelMessage({ type: 'notify', key: 'k', to: ['u'], title: 'T', link: { taskId: 't' } }, 'u', 'a', 'en', undefined).link).toBeUndefined();
  });
});

describe('small rules', () => {
  it('matches event filters', () => {
    expect(eventMatches(['task.*'], 'task.completed')).toBe(true);
    expect(eventMatches(['task.*'], 'task.completed.extra')).toBe(false);
    expect(eventMatches(['*'], 'flow.completed')).toBe(true);
    expect(eventMatches(['flow.completed'], 'flow.started')).toBe(false);
    expect(eventMatches(undefined, 'anything')).toBe(true);
  });

  it('reads SCIM active flags the way Entra and Okta send them', () => {
    expect(isActive({ active: false })).toBe(false);
    expect(isActive({ active: 'False' })).toBe(false);
    expect(isActive({ active: 'True' })).toBe(true);
    expect(isActive({})).toBe(true);
  });

  it('signs like DingTalk documents', () => {
    // HMAC-SHA256("SECxyz", "1700000000000\nSECxyz"), base64.
    expect(dingtalkSign('SECxyz', 1_700_000_000_000)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(dingtalkSign('SECxyz', 1)).not.toBe(dingtalkSign('SECxyz', 2));
  });

  it('verifies Standard Webhooks signatures with a window and several signatures', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(isSigningSecret(secret)).toBe(true);
    expect(isSigningSecret('whsec_c2hvcnQ=')).toBe(false);
    const sig = signWebhook(secret, 'id-1', 1000, '{"a":1}');
    const headers = { 'webhook-id': 'id-1', 'webhook-timestamp': '1000', 'webhook-signature': `v1,bm9wZQ== ${sig}` };
    expect(verifyWebhook(secret, headers, '{"a":1}', 1200, 300)).toEqual({ ok: true, id: 'id-1', timestamp: 1000 });
    expect(verifyWebhook(secret, headers, '{"a":2}', 1200, 300)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyWebhook(secret, headers, '{"a":1}', 1400, 300)).toMatchObject({ ok: false, reason: 'timestamp' });
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': '1e3' }, '{"a":1}', 1000, 300)).toMatchObject({ ok: false, reason: 'headers' });
  });

  it('builds JSON templates with JsonLogic leaves and reports misspelt operators', () => {
    const template = { ownerId: { var: 'to' }, note: { cat: ['from ', { var: 'from' }] }, tags: ['handover', { var: 'from' }], fixed: { a: 1, b: 2 } };
    expect(evaluateTemplate(template, { to: 'mgr', from: 'emp' })).toEqual({ ownerId: 'mgr', note: 'from emp', tags: ['handover', 'emp'], fixed: { a: 1, b: 2 } });
    expect(templateIssues({ x: { frobnicate: [1] } }, '/body').map((i) => [i.code, i.path])).toEqual([['BATON_E_EXPR_UNKNOWN_OPERATOR', '/body/x']]);
    expect(templateIssues(template, '/body')).toEqual([]);
  });

  it('reads the connector settings strictly', () => {
    expect(connectorSettingsFrom({ BATON_PUBLIC_URL: 'https://baton.example.com/' })).toEqual({ publicUrl: 'https://baton.example.com', notifyChannels: ['inbox', 'email', 'dingtalk', 'wecom'], notifyLocale: 'zh-CN' });
    expect(() => connectorSettingsFrom({ BATON_PUBLIC_URL: 'https://u:p@baton.example.com' })).toThrow(/without credentials/);
    expect(() => connectorSettingsFrom({ BATON_NOTIFY_LOCALE: 'fr' })).toThrow(/en or zh-CN/);
    expect(() => connectorSettingsFrom({ BATON_NOTIFY_CHANNELS: 'email,Fax!' })).toThrow(/BATON_NOTIFY_CHANNELS/);
  });
});
