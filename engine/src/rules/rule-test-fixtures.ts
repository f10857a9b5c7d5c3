// Shared fixtures for the rules tests: a small organisation, China's working calendar, a registry.
import { CN_CALENDAR } from '../calendar/cn-calendar.js';
import { createMemoryDirectory } from '../directory/directory.js';
import type { DomainEvent } from '../effects/domain-event.js';
import { Registry } from '../registry/registry.js';
import { builtinRulesPlugin } from './builtin-rules-plugin.js';
import type { RuleDefinition } from './rule-definition.js';
import type { RuleContext } from './trigger-type.js';

export function rulesRegistry(): Registry {
  return new Registry().use(builtinRulesPlugin, '0.1.0');
}

export const directory = createMemoryDirectory({
  users: [
    { id: 'u-emp', name: '张三', departmentId: 'd-sales', managerId: 'u-mgr', roles: [], attributes: { jobFamily: 'sales' } },
    { id: 'u-mgr', name: '李四', departmentId: 'd-sales', roles: [], attributes: {} },
    { id: 'u-succ', name: '王五', departmentId: 'd-sales', managerId: 'u-mgr', roles: [], attributes: {} },
    { id: 'u-hr', name: 'Hannah HR', roles: ['hr'], attributes: {} },
    { id: 'u-it1', name: 'Ivan IT', roles: ['it'], attributes: {} },
    { id: 'u-it2', name: 'Iris IT', roles: ['it'], attributes: {} },
    { id: 'u-fin', name: 'Fiona Finance', roles: ['finance'], attributes: {} },
    { id: 'u-adm', name: 'Adam Admin', roles: ['admin-affairs'], attributes: {} },
  ],
  departments: [{ id: 'd-sales', name: '销售部', headId: 'u-mgr' }],
});

/**
 * Mainland China's calendar as the engine ships it. In 2025, 1–8 October are off for National Day and
 * Mid-Autumn; Sunday 28 September and Saturday 11 October are adjusted working days (调休).
 */
export const chinaCalendar = CN_CALENDAR;

export function ctx(now: string, extra: Partial<RuleContext> = {}): RuleContext {
  return { now, directory, calendar: chinaCalendar, timeZone: 'Asia/Shanghai', parameters: { settlementReminderDays: 3 }, ...extra };
}

/** A rule with defaults for the header fields. */
export function rule(partial: Partial<RuleDefinition> & Pick<RuleDefinition, 'trigger' | 'actions'>): RuleDefinition {
  return { kind: 'rule', key: 'test-rule', version: 1, title: 'Test rule', ...partial };
}

export const offboardingData = {
  employeeId: 'u-emp',
  type: 'resignation',
  lastWorkingDay: '2025-10-10',
  terminationDate: '2025-10-10',
  accounts: [
    { system: 'CRM', account: 'zhangsan' },
    { system: 'Wiki', account: 'zs' },
  ],
  assets: [{ assetId: 'LAPTOP-7' }, { assetId: 'PHONE-2' }],
  customers: [
    { customerId: 'c-1', successorId: 'u-succ', notes: '' },
    { customerId: 'c-2', successorId: 'u-mgr', notes: 'VIP' },
  ],
};

export function event(type: string, extra: Partial<DomainEvent> = {}): DomainEvent {
  return {
    type,
    at: '2025-09-20T02:00:00.000Z',
    seq: 7,
    flowKey: 'offboarding',
    flowVersion: 1,
    instanceId: 'i-1',
    formKey: 'offboarding-request',
    data: offboardingData,
    ...extra,
  };
}

/** The offboarding request form of issue 5, as ctx.resolve hands it to the rule checks. */
export const offboardingForm = {
  kind: 'form',
  key: 'offboarding-request',
  version: 1,
  title: 'Offboarding request',
  fields: [
    { key: 'employeeId', type: 'user' },
    { key: 'type', type: 'select' },
    { key: 'lastWorkingDay', type: 'date' },
    { key: 'terminationDate', type: 'date@1' },
    { key: 'reasonCategory', type: 'select' },
    { key: 'reason', type: 'long-text' },
    { key: 'status', type: 'text' },
    { key: 'settlementDue', type: 'computed', config: { resultType: 'date' } },
    { key: 'workItems', type: 'sub-table', fields: [{ key: 'title', type: 'text' }, { key: 'description', type: 'long-text' }, { key: 'successorId', type: 'user' }] },
    { key: 'customers', type: 'sub-table', fields: [{ key: 'customerId', type: 'relation' }, { key: 'successorId', type: 'user' }, { key: 'notes', type: 'text' }] },
    { key: 'accounts', type: 'sub-table', fields: [{ key: 'system', type: 'text' }, { key: 'account', type: 'text' }] },
    { key: 'assets', type: 'sub-table', fields: [{ key: 'assetId', type: 'relation' }] },
  ],
};

export const offboardingFlowStub = { kind: 'flow', key: 'offboarding', version: 1, title: 'Offboarding', form: 'offboarding-request', nodes: [], edges: [] };

/** ctx.resolve over the offboarding form and flow. */
export function resolveOffboarding(kind: string, key: string): unknown {
  if (kind === 'form' && key === 'offboarding-request') return offboardingForm;
  if (kind === 'flow' && key === 'offboarding') return offboardingFlowStub;
  return undefined;
}
