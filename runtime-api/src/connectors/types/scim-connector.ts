import type { LocalizedText } from '@baton/engine';
import { connectorDb } from '../connector-store.js';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import type { HttpExchange } from '../http/connector-http.js';
import { classifyExchange, resultOfExchange } from '../http/http-outcome.js';
import { engineConfigSchema } from './engine-config-schema.js';

export interface ScimConfig {
  baseUrl: string;
  allowHosts?: string[];
  timeoutMs?: number;
  system?: LocalizedText;
  match?: 'userName' | 'externalId';
  userAttribute?: string;
  deprovision?: 'deactivate' | 'delete';
  verify?: boolean;
}

export interface ScimUserParams {
  /** A directory user id: the matched value is read from their profile (config.userAttribute). */
  userId?: string;
  userName?: string;
  externalId?: string;
}

type Ctx = ActionContext<ScimConfig>;
const SCIM_JSON = 'application/scim+json';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function systemName(config: ScimConfig, key: string, locale: 'en' | 'zh-CN' = 'en'): string {
  const system = config.system;
  if (system === undefined) return key;
  return typeof system === 'string' ? system : (system[locale] ?? system.en ?? key);
}

function headers(ctx: Ctx, body: boolean): Record<string, string> {
  const token = ctx.connector.secret('token');
  if (!token) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'the secret "token" is not set' });
  return { authorization: `Bearer ${token}`, accept: SCIM_JSON, ...(body ? { 'content-type': SCIM_JSON } : {}) };
}

/** Entra sends "False"/"True" strings; anything but an explicit false counts as still active. */
export function isActive(resource: Record<string, unknown>): boolean {
  const active = resource.active;
  return !(active === false || (typeof active === 'string' && active.toLowerCase() === 'false'));
}

/** Which SCIM attribute is matched, and the leaver's value of it. */
async function matchOf(params: ScimUserParams, ctx: Ctx): Promise<{ attribute: 'userName' | 'externalId'; value: string; subject: string }> {
  if (params.userName) return { attribute: 'userName', value: params.userName, subject: params.userId ?? params.userName };
  if (params.externalId) return { attribute: 'externalId', value: params.externalId, subject: params.userId ?? params.externalId };
  const userId = params.userId ?? '';
  const attribute = ctx.connector.config.match ?? 'userName';
  const source = ctx.connector.config.userAttribute ?? (attribute === 'userName' ? 'email' : 'id');
  const user = await connectorDb(ctx.db).selectFrom('directory_users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: `the directory has no user "${userId}"` });
  const columns: Record<string, unknown> = { id: user.id, email: user.email, mobile: user.mobile, name: user.name };
  const value = source in columns ? columns[source] : user.attributes[source];
  if (typeof value !== 'string' || value === '') {
    throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: `user "${userId}" has no "${source}" in the directory to match ${attribute} with` });
  }
  return { attribute, value, subject: userId };
}

function failed(exchange: HttpExchange, now: Date, accept: number[] = []): ActionResult | undefined {
  if (accept.includes(exchange.status)) return undefined;
  const verdict = classifyExchange(exchange, now);
  return verdict === 'ok' ? undefined : verdict;
}

/** GET /Users?filter=<attribute> eq "<value>" (RFC 7644 §3.4.2.2, quotes and backslashes escaped). */
async function findUser(ctx: Ctx, attribute: string, value: string): Promise<Record<string, unknown> | null | ActionResult> {
  const literal = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const query = new URLSearchParams({ filter: `${attribute} eq "${literal}"`, count: '2' });
  const exchange = await ctx.http.request({ method: 'GET', url: `/Users?${query.toString()}`, headers: headers(ctx, false) });
  const failure = failed(exchange, ctx.now);
  if (failure) return failure;
  const list = exchange.json as { Resources?: Array<Record<string, unknown>>; totalResults?: number } | undefined;
  const resources = list?.Resources ?? [];
  if (resources.length > 1) {
    throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: `${resources.length} users match ${attribute} eq "${value}"; match on a unique attribute` });
  }
  return resources[0] ?? null;
}

function isResult(value: unknown): value is ActionResult {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as { status: unknown }).status === 'string';
}

function userPath(resource: Record<string, unknown>): string {
  return `/Users/${encodeURIComponent(String(resource.id))}`;
}

const userParamsSchema = {
  type: 'object',
  properties: { userId: { type: 'string', minLength: 1 }, userName: { type: 'string', minLength: 1 }, externalId: { type: 'string', minLength: 1 } },
  anyOf: [{ required: ['userId'] }, { required: ['userName'] }, { required: ['externalId'] }],
};

const deactivateUser: ActionType<ScimUserParams, ScimConfig> = {
  type: 'deactivateUser',
  version: '1.0.0',
  label: { en: 'Revoke a user\'s access (SCIM)', 'zh-CN': '撤销用户访问权限（SCIM）' },
  paramsSchema: userParamsSchema,
  async run(params, ctx) {
    const config = ctx.connector.config;
    const system = systemName(config, ctx.connector.key);
    const { attribute, value, subject } = await matchOf(params, ctx);
    const found = await findUser(ctx, attribute, value);
    if (isResult(found)) return { ...found, subject };
    if (found === null) {
      const checkedAt = new Date().toISOString();
      return { status: 'ok', subject, note: `no account in ${system} (checked at ${checkedAt}): nothing to revoke`, proof: { state: 'absent', system, attribute, value, checkedAt } };
    }
    const mode = config.deprovision ?? 'deactivate';
    let change: HttpExchange | undefined;
    if (mode === 'delete') {
      change = await ctx.http.request({ method: 'DELETE', url: userPath(found), headers: headers(ctx, false) });
      const failure = failed(change, ctx.now, [404]);
      if (failure) return { ...failure, subject };
    } else if (isActive(found)) {
      change = await ctx.http.request({
        method: 'PATCH',
        url: userPath(found),
        headers: headers(ctx, true),
        json: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
      });
      const failure = failed(change, ctx.now);
      if (failure) return { ...failure, subject };
    }
    const scimId = String(found.id);
    if (config.verify === false) {
      const requestedAt = new Date().toISOString();
      return { status: 'ok', subject, log: change?.log, note: `revocation requested at ${requestedAt} in ${system} (not read back: verify is false)`, proof: { state: 'requested', system, scimId, requestedAt } };
    }
    const readBack = await ctx.http.request({ method: 'GET', url: userPath(found), headers: headers(ctx, false) });
    const gone = readBack.status === 404;
    const inactive = readBack.status === 200 && !isActive((readBack.json ?? {}) as Record<string, unknown>);
    if (!gone && !inactive) {
      const failure = failed(readBack, ctx.now);
      if (failure) return { ...failure, subject };
      const failureNotVerified = new ConnectorFailure('BATON_E_PEER_NOT_VERIFIED', { detail: `${system} still reports user ${scimId} as active` }, { retry: true });
      return { status: 'retry', error: failureNotVerified.message, code: failureNotVerified.code, params: failureNotVerified.params, subject, log: readBack.log };
    }
    const verifiedAt = new Date().toISOString();
    return {
      status: 'ok',
      subject,
      log: readBack.log,
      note: `revocation verified at ${verifiedAt} in ${system}`,
      proof: { state: gone ? 'deleted' : 'inactive', system, scimId, attribute, value, method: mode === 'delete' ? 'DELETE' : 'PATCH', verifiedAt },
    };
  },
};

/** Looks the user up without changing anything (the reconciliation report). */
const findUserAction: ActionType<ScimUserParams, ScimConfig> = {
  type: 'findUser',
  version: '1.0.0',
  label: { en: 'Look a user up (SCIM)', 'zh-CN': '查询用户（SCIM）' },
  paramsSchema: userParamsSchema,
  async run(params, ctx) {
    const { attribute, value, subject } = await matchOf(params, ctx);
    const found = await findUser(ctx, attribute, value);
    if (isResult(found)) return { ...found, subject };
    const checkedAt = new Date().toISOString();
    if (found === null) return { status: 'ok', subject, proof: { state: 'absent', checkedAt } };
    return { status: 'ok', subject, proof: { state: isActive(found) ? 'active' : 'inactive', scimId: String(found.id), checkedAt } };
  },
};

export const scimConnector: ConnectorType<ScimConfig> = {
  type: 'scim',
  version: '1.0.0',
  label: { en: 'SCIM 2.0 deprovisioning', 'zh-CN': 'SCIM 2.0 账号注销' },
  description: {
    en: 'Finds a leaver by userName or externalId in a linked system, deactivates (PATCH active=false) or deletes the account, reads it back and records the proof.',
    'zh-CN': '在关联系统中按 userName 或 externalId 查找离职人员，停用（PATCH active=false）或删除账号，回读确认并记录凭证。',
  },
  configSchema: engineConfigSchema('scim'),
  secrets: [{ name: 'token', required: true, description: { en: 'The SCIM bearer token.', 'zh-CN': 'SCIM 访问令牌（Bearer）。' } }],
  actions: { deactivateUser: deactivateUser as ActionType<never, ScimConfig>, findUser: findUserAction as ActionType<never, ScimConfig> },
  async test(ctx) {
    const exchange = await ctx.http.request({ method: 'GET', url: '/ServiceProviderConfig', headers: headers(ctx, false) });
    if (exchange.status !== 404) return resultOfExchange(exchange, ctx.now, { note: 'ServiceProviderConfig answered' });
    const users = await ctx.http.request({ method: 'GET', url: '/Users?count=1', headers: headers(ctx, false) });
    return resultOfExchange(users, ctx.now, { note: '/Users answered' });
  },
};
