import { compileExpression, validateExpression, type CompiledExpression, type JsonLogic } from '@baton/engine';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import type { HttpMethod } from '../http/connector-http.js';
import { classifyExchange, resultOfExchange } from '../http/http-outcome.js';
import { evaluateTemplate, templateIssues } from '../json-template.js';
import { fillHeaders, fillTemplate } from '../text-templates.js';
import { engineConfigSchema } from './engine-config-schema.js';

export interface RestActionConfig {
  method: HttpMethod;
  path: string;
  headers?: Record<string, string>;
  body?: JsonLogic;
  verify?: { method?: 'GET'; path: string; expect: JsonLogic };
}

export interface CrmRestConfig {
  baseUrl: string;
  allowHosts?: string[];
  timeoutMs?: number;
  headers?: Record<string, string>;
  actions: Record<string, RestActionConfig>;
}

type Ctx = ActionContext<CrmRestConfig>;

// Compiled once per expression object (configs are loaded per delivery, but the same definitions recur).
const compiled = new WeakMap<object, CompiledExpression>();
function compile(logic: JsonLogic): CompiledExpression {
  if (logic === null || typeof logic !== 'object') return compileExpression(logic);
  let fn = compiled.get(logic);
  if (!fn) {
    fn = compileExpression(logic);
    compiled.set(logic, fn);
  }
  return fn;
}

/** Runs one configured REST action: path and headers from templates, the body from JsonLogic over the params, then the optional read-back. */
function restAction(name: string, spec: RestActionConfig): ActionType<Record<string, unknown>, CrmRestConfig> {
  return {
    type: name,
    version: '1.0.0',
    paramsSchema: { type: 'object' },
    async run(params, ctx: Ctx) {
      const { connector } = ctx;
      const headers = { ...fillHeaders(connector, connector.config.headers, params), ...fillHeaders(connector, spec.headers, params) };
      let json: unknown;
      if (spec.body !== undefined) {
        try {
          json = evaluateTemplate(spec.body, params, { now: ctx.now.toISOString() });
        } catch (err) {
          throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: connector.key, detail: `the body of "${name}" could not be built (${(err as Error).message})` });
        }
      }
      const exchange = await ctx.http.request({
        method: spec.method,
        url: fillTemplate(spec.path, params, 'url', connector.key),
        headers,
        ...(json !== undefined ? { json } : {}),
      });
      const verdict = classifyExchange(exchange, ctx.now);
      if (verdict !== 'ok') return verdict;
      if (!spec.verify) return { status: 'ok', log: exchange.log, note: `${spec.method} ${spec.path} answered ${exchange.status}` };
      return verifyChange(ctx, name, spec.verify, params, headers);
    },
  };
}

/** The read-back: GET, then `expect` (JsonLogic over `{ response, params }`) must hold, else retried. */
async function verifyChange(ctx: Ctx, name: string, verify: NonNullable<RestActionConfig['verify']>, params: Record<string, unknown>, headers: Record<string, string>): Promise<ActionResult> {
  const readBack = await ctx.http.request({ method: 'GET', url: fillTemplate(verify.path, params, 'url', ctx.connector.key), headers });
  const verdict = classifyExchange(readBack, ctx.now);
  if (verdict !== 'ok') return verdict;
  let holds: unknown;
  try {
    holds = compile(verify.expect)({ response: readBack.json ?? readBack.text, params }, { now: ctx.now.toISOString() });
  } catch {
    holds = false;
  }
  if (!holds) {
    const failure = new ConnectorFailure('BATON_E_PEER_NOT_VERIFIED', { detail: `"${name}": ${verify.path} does not show the change yet` }, { retry: true });
    return { status: 'retry', error: failure.message, code: failure.code, params: failure.params, log: readBack.log };
  }
  const verifiedAt = new Date().toISOString();
  return { status: 'ok', log: readBack.log, note: `change verified at ${verifiedAt}`, proof: { verifiedAt, action: name } };
}

export const crmRestConnector: ConnectorType<CrmRestConfig> = {
  type: 'crm-rest',
  version: '1.0.0',
  label: { en: 'REST API (CRM and others)', 'zh-CN': 'REST 接口（CRM 等）' },
  description: {
    en: 'Configurable REST actions: method, path template, headers with {{secrets.<name>}}, a JsonLogic body from the params, and an optional read-back that must confirm the change.',
    'zh-CN': '可配置的 REST 动作：方法、路径模板、可引用 {{secrets.<名称>}} 的请求头、由参数经 JsonLogic 生成的请求体，以及可选的回读确认。',
  },
  configSchema: engineConfigSchema('crm-rest'),
  secrets: [],
  anySecrets: true,
  actions: {},
  configuredAction(name, config) {
    const spec = config.actions?.[name];
    return spec ? (restAction(name, spec) as ActionType<never, CrmRestConfig>) : undefined;
  },
  checkConfig(config) {
    const out: Array<{ path: string; en: string; 'zh-CN': string }> = [];
    for (const [name, spec] of Object.entries(config.actions ?? {})) {
      const issues = [
        ...(spec.body === undefined ? [] : templateIssues(spec.body, `/config/actions/${name}/body`)),
        ...(spec.verify ? validateExpression(spec.verify.expect, `/config/actions/${name}/verify/expect`, 'en') : []),
      ];
      for (const i of issues) out.push({ path: i.path, en: i.messages.en, 'zh-CN': i.messages['zh-CN'] });
    }
    return out;
  },
  async test(ctx) {
    const exchange = await ctx.http.request({ method: 'GET', url: '', headers: fillHeaders(ctx.connector, ctx.connector.config.headers, {}) });
    // Any answer that is not a server error or a refusal of our credentials shows the API is reachable.
    if (exchange.status < 500 && exchange.status !== 401 && exchange.status !== 403 && exchange.status !== 410 && (exchange.status < 300 || exchange.status >= 400)) {
      return { status: 'ok', log: exchange.log, note: `baseUrl answered ${exchange.status}` };
    }
    return resultOfExchange(exchange, ctx.now);
  },
};
