/// <reference lib="webworker" />
// The engine runs here, off the page: Ajv (inside compileForm / validateDefinition / simulate) compiles its
// validators with `new Function`, which the page's Content-Security-Policy forbids. runtime-api serves this
// file with its own policy (script-src 'self', no network; the engine generates no code); see designer/README.md.
import {
  BatonError,
  CN_CALENDAR,
  compileForm,
  createRegistry,
  simulate,
  validateDefinition,
  validateExpression,
  type CompiledForm,
  type FormDefinition,
  type Registry,
} from '@baton/engine';
import { recordLookup } from '../../flows/sim-record-lookup.js';
import { runRuleTest } from '../../rules/rule-test-run.js';
import { catalogueStubsPlugin } from './catalogue-stubs.js';
import type { EngineCall, EngineFailure, EngineReply, EngineRequests, EngineMethod } from './engine-protocol.js';

let registry: Registry = createRegistry();
const compiled = new Map<string, CompiledForm>();
/** Forms kept by the caller's name (formValidate's formRef): the preview sends its form once per change. */
const byRef = new Map<string, CompiledForm>();

function compiledForm(form: FormDefinition): CompiledForm {
  const text = JSON.stringify(form);
  let hit = compiled.get(text);
  if (!hit) {
    hit = compileForm(form, registry);
    if (compiled.size > 20) compiled.clear();
    compiled.set(text, hit);
  }
  return hit;
}

type Handlers = { [M in EngineMethod]: (args: EngineRequests[M]['args']) => EngineRequests[M]['result'] };

const handlers: Handlers = {
  catalogue: ({ catalogue }) => {
    const plugin = catalogueStubsPlugin(catalogue, createRegistry());
    registry = createRegistry({ plugins: [plugin.plugin] });
    compiled.clear();
    byRef.clear();
    return { stubbed: plugin.stubbed };
  },
  validateDefinition: ({ definition, resolved, locale }) =>
    validateDefinition(definition, {
      registry,
      locale,
      resolve: (kind, key) => resolved.find((r) => r.kind === kind && r.key === key)?.body,
    }),
  formSchemas: ({ form, locale }) => {
    const c = compiledForm(form);
    return { ...c.schemas(locale), defaults: c.defaults() };
  },
  formValidate: ({ form, formRef, data, node, locale }) => {
    const c = form ? compiledForm(form) : formRef ? byRef.get(formRef) : undefined;
    if (!c) throw new Error(`formValidate: no form given and none kept as "${formRef ?? ''}"`);
    if (formRef) {
      if (byRef.size > 20 && !byRef.has(formRef)) byRef.clear();
      byRef.set(formRef, c);
    }
    // The clock is the browser's; the calendar is the one the runtime uses (mainland China's).
    const ctx = { now: new Date().toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, calendar: CN_CALENDAR };
    const result = c.validate(data, { locale, ctx, ...(node ? { node } : {}) });
    return { ...result, visibility: c.visibility(result.data, ctx) };
  },
  simulate: ({ flow, scenario, forms, locale, records }) => {
    if (!records) return simulate(flow, scenario, { registry, forms, locale });
    const table = recordLookup(records);
    return { ...simulate(flow, scenario, { registry, forms, locale, records: table.lookup }), recordsRead: table.read() };
  },
  validateExpression: ({ logic, basePath, locale }) => validateExpression(logic as never, basePath, locale),
  testRule: (args) => runRuleTest(args, registry),
};

function failure(err: unknown): EngineFailure {
  if (err instanceof BatonError) return { code: err.code, message: err.message, path: err.issues[0]?.path ?? '', issues: err.issues };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'BATON_E_DESIGNER_ENGINE', message, path: '', issues: [] };
}

self.onmessage = (event: MessageEvent<EngineCall>) => {
  const { id, method, args } = event.data;
  let reply: EngineReply;
  try {
    const handler = handlers[method] as (a: unknown) => unknown;
    reply = { id, ok: true, result: handler(args) };
  } catch (err) {
    reply = { id, ok: false, error: failure(err) };
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);
};
