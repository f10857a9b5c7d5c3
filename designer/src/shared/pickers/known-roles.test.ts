import { describe, expect, it } from 'vitest';
import { connectorChoices, parameterChoices } from './designer-choices.js';
import { BUILT_IN_ROLES, knownRoles } from './known-roles.js';

describe('role picker options', () => {
  it('offers the directory roles with their holders and the built-in roles, each once, by name', () => {
    const roles = knownRoles([{ role: 'it', holders: 3 }, { role: 'hr', holders: 2 }, { role: '', holders: 1 }]);
    expect(roles).toEqual([
      { role: 'admin', holders: null, builtIn: true },
      { role: 'designer', holders: null, builtIn: true },
      { role: 'hr', holders: 2, builtIn: true },
      { role: 'it', holders: 3, builtIn: false },
    ]);
    expect(BUILT_IN_ROLES).toEqual(['admin', 'designer', 'hr']);
  });

  it('keeps a typed role nobody holds yet, so the chosen value still shows', () => {
    expect(knownRoles([], ['legal']).find((r) => r.role === 'legal')).toEqual({ role: 'legal', holders: null, builtIn: false });
    expect(knownRoles([{ role: 'it', holders: 1 }], ['it']).filter((r) => r.role === 'it')).toHaveLength(1);
  });
});

describe('connector and pack parameter choices', () => {
  it('labels connectors with their type and says which are not configured or disabled', () => {
    const summary = { lastDelivery: null, disabledReason: null };
    const options = connectorChoices(
      [
        { key: 'hr-webhook', type: 'webhook', configured: true, enabled: true, ...summary },
        { key: 'scim', type: 'scim', configured: false, enabled: false, ...summary },
        { key: 'sms', type: 'sms-http', configured: true, enabled: false, ...summary },
      ],
      { notConfigured: 'not configured yet', disabled: 'disabled' },
    );
    expect(options).toEqual([
      { value: 'hr-webhook', label: 'hr-webhook (webhook)' },
      { value: 'scim', label: 'scim (scim) — not configured yet' },
      { value: 'sms', label: 'sms (sms-http) — disabled' },
    ]);
  });

  it('offers the parameters of the pack that ships the definition, else of every pack, each once', () => {
    const l = (text: unknown, fallback?: string) => (typeof text === 'object' && text !== null ? String((text as { en?: string }).en) : String(text ?? fallback));
    const packs = [
      { key: 'offboarding', definitions: [{ kind: 'rule', key: 'settlement-reminder', version: 1 }] },
      { key: 'other', definitions: [{ kind: 'rule', key: 'x', version: 1 }] },
    ];
    const parameters = [
      { pack: 'offboarding', parameters: [{ key: 'settlementReminderDays', label: { en: 'Settlement reminder', 'zh-CN': '结算提醒' } }] },
      { pack: 'other', parameters: [{ key: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' } }, { key: 'settlementReminderDays', label: { en: 'Dup', 'zh-CN': '重复' } }] },
    ];
    expect(parameterChoices(packs, parameters, l, { kind: 'rule', key: 'settlement-reminder' })).toEqual([{ value: 'settlementReminderDays', label: 'Settlement reminder (settlementReminderDays)' }]);
    expect(parameterChoices(packs, parameters, l, { kind: 'rule', key: 'a-new-rule' }).map((o) => o.value)).toEqual(['settlementReminderDays', 'channel']);
  });
});
