import connectorSchema from '@baton/engine/schemas/connector.schema.json';
import { describe, expect, it } from 'vitest';
import { configPanelSchema, connectorAccess, healthOf, packSlots, proofSummary, replayableDeadLetters, saveIssues, secretsPatch, suggestedKey, targetHost, testOutcome, unresolvedDeadLetters } from './connector-model.js';
import type { ConnectorDelivery, OutboxEntry } from './connectors-api.js';

const defs = (connectorSchema as { $defs: Record<string, unknown> }).$defs;

const delivery = (id: number, key: string, status: string): ConnectorDelivery => ({
  id, at: '2026-01-01T00:00:00.000Z', action: 'deactivateUser', status, attempt: 1, idempotencyKey: key, instanceId: null, subject: null, error: status === 'dead' ? 'HTTP 404' : null, proof: null, durationMs: 3,
});
const letter = (id: string, key: string): OutboxEntry => ({
  id, instanceId: null, type: 'invoke', status: 'dead', attempts: 5, idempotencyKey: key, lastError: 'HTTP 404',
  nextAttemptAt: '2026-01-01T00:00:00.000Z', lockedUntil: null, createdAt: '2026-01-01T00:00:00.000Z', deliveredAt: null,
});

describe('connector list facts', () => {
  it('shows only the host a connector calls, never a path or query that may hold a token', () => {
    expect(targetHost({ baseUrl: 'https://erp.example.com:8443/scim/v2?token=abc' })).toBe('erp.example.com:8443');
    expect(targetHost({ host: 'smtp.example.com', port: 465 })).toBe('smtp.example.com:465');
    expect(targetHost({ direction: 'in' })).toBeNull();
    expect(targetHost({ baseUrl: 'not a url' })).toBeNull();
  });

  it('words the health from configured, enabled and the last delivery', () => {
    const last = (status: string) => ({ at: '2026-01-01T00:00:00.000Z', action: 'send', status, attempt: 1, error: null });
    expect(healthOf({ configured: false, enabled: false, lastDelivery: null })).toBe('not-configured');
    expect(healthOf({ configured: true, enabled: false, lastDelivery: last('delivered') })).toBe('disabled');
    expect(healthOf({ configured: true, enabled: true, lastDelivery: null })).toBe('idle');
    expect(healthOf({ configured: true, enabled: true, lastDelivery: last('delivered') })).toBe('ok');
    expect(healthOf({ configured: true, enabled: true, lastDelivery: last('retry') })).toBe('retrying');
    expect(healthOf({ configured: true, enabled: true, lastDelivery: last('dead') })).toBe('failing');
  });

  it('offers a replay only for dead deliveries whose outbox row is still a dead letter, once per key', () => {
    const deliveries = [delivery(4, 'k1', 'dead'), delivery(3, 'k1', 'retry'), delivery(2, 'k2', 'dead'), delivery(1, 'k3', 'delivered')];
    const found = replayableDeadLetters(deliveries, [letter('o1', 'k1'), letter('o9', 'other')]);
    expect([...found.entries()]).toEqual([['k1', letter('o1', 'k1')]]);
    // k2 died but was replayed since (its outbox row is no longer dead): nothing to offer.
    expect(found.has('k2')).toBe(false);
  });
});

describe('who sees what', () => {
  it('gives designers the settings, auditors the deliveries, and admins both with edit and replay', () => {
    const none = { edit: false, readConfig: false, readDeliveries: false, replay: false };
    expect(connectorAccess(null)).toEqual(none);
    expect(connectorAccess(['hr'])).toEqual(none);
    expect(connectorAccess(['designer'])).toEqual({ ...none, readConfig: true });
    expect(connectorAccess(['auditor'])).toEqual({ ...none, readDeliveries: true });
    expect(connectorAccess(['designer', 'auditor'])).toEqual({ ...none, readConfig: true, readDeliveries: true });
    expect(connectorAccess(['admin'])).toEqual({ edit: true, readConfig: true, readDeliveries: true, replay: true });
  });

  it('counts for auditors the outgoing deliveries whose last try died, from the deliveries alone', () => {
    const receive = { ...delivery(6, 'w1', 'dead'), action: 'receive' };
    // Newest first: k1 died after a retry; k2 died, then went through on a replay; a refused incoming call is no letter.
    const deliveries = [receive, delivery(5, 'k2', 'delivered'), delivery(4, 'k1', 'dead'), delivery(3, 'k1', 'retry'), delivery(2, 'k2', 'dead'), delivery(1, 'k3', 'delivered')];
    expect(unresolvedDeadLetters(deliveries).map((d) => d.id)).toEqual([4]);
  });

  it('words a delivery\'s proof in one line, leaving nested values out', () => {
    expect(proofSummary({ state: 'inactive', system: 'ERP', verifiedAt: '2026-01-01T00:00:00.000Z', log: { a: 1 } })).toBe('state: inactive · system: ERP · verifiedAt: 2026-01-01T00:00:00.000Z');
    expect(proofSummary(null)).toBeNull();
    expect(proofSummary({ nested: { a: 1 } })).toBeNull();
  });
});

describe('connector editing', () => {
  it('inlines a built-in type\'s engine schema with its local definitions, and keeps a plugin\'s own', () => {
    const webhook = configPanelSchema({ $ref: 'https://baton.dev/schemas/connector.schema.json#/$defs/webhookConfig' }, defs) as Record<string, unknown>;
    expect((webhook.properties as Record<string, unknown>).inbound).toEqual({ $ref: '#/$defs/inbound' });
    expect((webhook.$defs as Record<string, unknown>).inbound).toBe(defs.inbound);
    const plugin = { type: 'object', properties: { region: { type: 'string' } } };
    expect(configPanelSchema(plugin, defs)).toBe(plugin);
    expect(configPanelSchema(undefined, defs)).toEqual({ type: 'object', properties: {} });
  });

  it('sends only typed secrets and removals, so saved values are kept and never echoed', () => {
    expect(secretsPatch({}, [])).toBeUndefined();
    expect(secretsPatch({ token: '', apiKey: 's3cret' }, [])).toEqual({ apiKey: 's3cret' });
    expect(secretsPatch({ token: 'new' }, ['token', 'old'])).toEqual({ token: 'new', old: null });
  });

  it('puts a refused save\'s issues at their fields by JSON Pointer', () => {
    const out = saveIssues({
      path: '/config/baseUrl',
      message: 'invalid',
      issues: [
        { path: '/config/inbound/actAs', message: 'Pick a user' },
        { path: '/secrets/signingSecret', message: 'Not whsec_' },
        { path: '/body/config/timeoutMs', message: 'Too small' },
        { path: '/type', message: 'Type changed' },
      ],
    });
    expect(out.config).toEqual([{ path: '/config/inbound/actAs', message: 'Pick a user' }, { path: '/config/timeoutMs', message: 'Too small' }]);
    expect(out.secrets).toEqual({ signingSecret: ['Not whsec_'] });
    expect(out.other).toEqual([{ path: '/type', message: 'Type changed' }]);
    expect(saveIssues({ path: '/secrets/a~1b', message: 'required' }).secrets).toEqual({ 'a/b': ['required'] });
  });

  it('reads a test result, with SSRF refusals apart', () => {
    expect(testOutcome({ ok: true, status: 'delivered', code: null })).toBe('ok');
    expect(testOutcome({ ok: false, status: 'dead', code: 'BATON_E_SSRF_BLOCKED' })).toBe('ssrf');
    expect(testOutcome({ ok: false, status: 'retry', code: 'BATON_E_CONNECTOR_HTTP' })).toBe('retry');
    expect(testOutcome({ ok: false, status: 'dead', code: null })).toBe('failed');
  });
});

describe('pack connector slots', () => {
  const manifest = {
    connectors: [
      { key: 'crm', type: 'crm-rest', label: { en: 'CRM' }, required: false },
      { key: 'scim', type: 'scim', label: 'Linked systems', multiple: true },
      { type: 'broken' },
    ],
  };
  const summary = (key: string, type: string, configured = true) => ({ key, type, configured, enabled: configured, disabledReason: null, lastDelivery: null });

  it('lists each slot with the connectors filling it: its own key, or every one of its type', () => {
    const slots = packSlots([{ key: 'offboarding', manifest }, { key: 'bare', manifest: { kind: 'pack' } }], [summary('scim-erp', 'scim'), summary('scim-wiki', 'scim'), summary('crm', 'crm-rest', false)]);
    expect(slots.map((s) => [s.key, s.multiple, s.filledBy])).toEqual([['crm', false, []], ['scim', true, ['scim-erp', 'scim-wiki']]]);
  });

  it('suggests a free key for a new connector of a slot', () => {
    expect(suggestedKey({ key: 'crm', multiple: false }, [])).toBe('crm');
    expect(suggestedKey({ key: 'scim', multiple: true }, ['scim-1'])).toBe('scim-2');
  });
});
