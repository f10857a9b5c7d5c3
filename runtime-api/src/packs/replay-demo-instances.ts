import { issue, type CompiledForm, type Issue, type Locale } from '@baton/engine';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { subjectOf } from '../access/instance-access.js';
import { appendAudit } from '../audit/append-audit.js';
import { loadWebhookSubscriptions } from '../connectors/webhooks/publish-domain-events.js';
import type { Database } from '../db/database.js';
import { CatalogValue } from '../execution/catalog-values.js';
import { DefinitionCache } from '../execution/definition-cache.js';
import { FLOW_TASK_COLUMNS, FLOW_TASK_UPSERT, flowTaskRows } from '../execution/effect-rows.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import { DirectorySnapshotCache } from '../execution/directory-snapshot.js';
import { HISTORY_COLUMNS, historyRowsOf } from '../execution/history-rows.js';
import { INSTANCE_COLUMNS } from '../execution/instance-pipeline.js';
import { insertRows } from '../execution/row-inserts.js';
import { withRecordLookup } from '../records/related-records.js';
import { isDemoInstanceRow, parseDemoInstances, type DemoInstanceScript } from './demo-instance-script.js';
import { DEMO_REPLAY_ERRORS } from './demo-replay-errors.js';
import { loadPackParameters } from './pack-parameters.js';
import { runDemoScript, type DemoRun } from './run-demo-script.js';

type Json = Record<string, unknown>;

export interface ReplayInput {
  packKey: string;
  packVersion: number;
  /** Seed rows by form key (the import's merged seed) and where each form's rows are in the bundle. */
  records: Record<string, Json[]>;
  origin: (form: string) => string;
  /** Flows of the pack, by key, with their start form: the flow that replays a form's rows. */
  flows: Array<{ key: string; form: string | undefined }>;
  now: Date;
  timeZone: string;
  locale: Locale;
  actor: string;
}

export interface ReplayResult {
  /** Instances written by this import, per flow. */
  replayed: Record<string, number>;
  /** Scripted instances already there (an earlier import wrote them): left as they are. */
  existing: number;
  issues: Issue[];
}

// Built on first use: instance-pipeline.js is part of an import cycle through the routes.
const insertColumns = () => [...INSTANCE_COLUMNS, 'history_seq', 'demo'];
// Own tail: insertRows caches SQL text by table, row count and tail, so it must differ from other callers'.
const INSERT_TAIL = 'on conflict ("id") do nothing returning "id"';

/** A past instance's id: stable per pack, flow and seed `$id`, so a second import finds it (UUID-shaped, like live ones). */
export function demoInstanceId(packKey: string, flowKey: string, seedId: string): string {
  const h = createHash('sha256').update(`baton:demo-instance:${packKey}/${flowKey}/${seedId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Past instances of a pack's demo seed (rows of a flow's start form with `$startedAt` and `$steps`, see
 * demo-instance-script.ts), replayed through the real engine in the import's transaction and written as
 * the command path writes them: the instance row (marked `demo`), its history (the step-visit rollup
 * follows by its trigger) and its task rows, completed at their scripted times. Side-effect free: no
 * outbox rows, timers, webhooks, rule runs, connector calls or documents — the past already happened.
 * One audit entry for the whole replay (`pack.demo-instances-replayed`), listing the instances. An
 * instance already there is skipped, so importing again never duplicates.
 */
export async function replayDemoInstances(trx: Kysely<Database>, input: ReplayInput): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: {}, existing: 0, issues: [] };
  const services: ExecutionServices = {
    // Throwaway caches: what they read belongs to this uncommitted transaction.
    definitions: new DefinitionCache(),
    directory: new DirectorySnapshotCache(),
    timeZone: input.timeZone,
    packParameters: new CatalogValue(loadPackParameters),
    webhooks: new CatalogValue(loadWebhookSubscriptions),
  };
  const written: string[] = [];
  for (const [form, rows] of Object.entries(input.records)) {
    if (!rows.some(isDemoInstanceRow)) continue;
    const origin = input.origin(form);
    const base = origin.startsWith('/seed/') ? `/seed/records/${form}` : origin;
    const flows = input.flows.filter((f) => f.form === form);
    if (flows.length !== 1) {
      result.issues.push(issue(DEMO_REPLAY_ERRORS.BATON_E_PACK_SEED_REPLAY_NO_FLOW, base, { form, count: flows.length }, input.locale));
      continue;
    }
    const parsed = parseDemoInstances(rows, base, input.now, input.timeZone, input.locale);
    result.issues.push(...parsed.issues);
    const scripts = parsed.scripts;
    const flowKey = flows[0]!.key;
    const ids = await replayFlow(trx, services, input, flowKey, scripts, result);
    written.push(...ids);
    if (ids.length > 0) result.replayed[flowKey] = ids.length;
  }
  if (written.length > 0 && result.issues.length === 0) {
    await appendAudit(trx, {
      actor: input.actor,
      action: 'pack.demo-instances-replayed',
      subjectKind: 'pack',
      subjectId: `${input.packKey}@${input.packVersion}`,
      data: { demo: true, replayed: result.replayed, instances: written },
    });
  }
  return result;
}

async function replayFlow(
  trx: Kysely<Database>,
  services: ExecutionServices,
  input: ReplayInput,
  flowKey: string,
  scripts: DemoInstanceScript[],
  result: ReplayResult,
): Promise<string[]> {
  const flow = await services.definitions.flow(trx, flowKey);
  if (!flow || scripts.length === 0) return [];
  const compiled = flow.compiled;
  const formKeys = new Set<string>();
  if (compiled.definition.form) formKeys.add(compiled.definition.form);
  for (const node of compiled.definition.nodes) if (node.form?.key) formKeys.add(node.form.key);
  const forms = new Map<string, { compiled: CompiledForm; body: Json }>();
  for (const key of formKeys) {
    const form = await services.definitions.form(trx, key);
    if (form) forms.set(key, form);
  }
  const startForm = compiled.definition.form ? forms.get(compiled.definition.form) : undefined;
  const formOf = (key: string | undefined) => forms.get(key ?? compiled.definition.form ?? '')?.compiled;

  const ids = scripts.map((s) => demoInstanceId(input.packKey, flowKey, s.id));
  const present = new Set((await trx.selectFrom('instances').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const envBase = { trx, services, locale: input.locale, directory: await services.directory.reader(trx) };
  const runs: Array<{ script: DemoInstanceScript; id: string; run: DemoRun; data: Json }> = [];
  for (const [n, script] of scripts.entries()) {
    const id = ids[n]!;
    if (present.has(id)) {
      result.existing += 1;
      continue;
    }
    let data = script.data;
    if (startForm) {
      const checked = startForm.compiled.validate(data, { node: compiled.startNodeId, locale: input.locale, ctx: { now: script.startedAt, timeZone: input.timeZone } });
      if (!checked.ok) {
        result.issues.push(...checked.errors.map((e) => ({ ...e, path: script.path + e.path })));
        continue;
      }
      data = checked.data;
    }
    // Steps' instructions name related records ({assets.assetId.tag}, the seed's own assets written above in
    // this transaction): read on demand like a live command, so a replayed to-do says what a live one says.
    const run = await withRecordLookup(trx, (records) => runDemoScript(envBase, compiled, formOf, { ...script, data }, id, records));
    if ('code' in run) {
      result.issues.push(run);
      continue;
    }
    runs.push({ script, id, run, data });
  }
  if (result.issues.length > 0) return [];

  // The same rows a command writes, sent as a few multi-row statements: the instances first (the
  // step-visit rollup's trigger joins them), then their history from seq 1 on, then their task rows.
  const instanceRows = runs.map(({ script, id, run, data }) => {
    const last = run.events.at(-1)?.at ?? script.startedAt;
    return {
      id,
      flow_key: compiled.key,
      flow_version: compiled.version,
      business_key: null,
      status: run.state.status,
      state: JSON.stringify(run.state),
      data: JSON.stringify(run.state.data),
      started_by: script.initiator ?? String(data.employeeId ?? ''),
      form_key: compiled.definition.form ?? null,
      subject_id: subjectOf(startForm?.compiled, startForm?.body, data),
      created_at: new Date(script.startedAt),
      updated_at: new Date(last),
      completed_at: new Date(run.state.endedAt ?? last),
      history_seq: run.events.length,
      demo: true,
    };
  });
  const fresh = new Set<string>();
  for (const chunk of chunks(instanceRows, 200)) {
    for (const row of await insertRows<{ id: string }>(trx, 'instances', insertColumns(), chunk, INSERT_TAIL)) fresh.add(row.id);
  }
  // Written meanwhile by a concurrent import of another version: left as they are.
  result.existing += runs.length - fresh.size;
  const mine = runs.filter((r) => fresh.has(r.id));
  const history = mine.flatMap(({ id, run }) => historyRowsOf(id, 0, run.events, 'flow').rows);
  for (const chunk of chunks(history, 300)) await insertRows(trx, 'history', HISTORY_COLUMNS, chunk);
  const tasks = mine.flatMap(({ id, run }) => flowTaskRows(id, run.state, run.events, run.effects));
  for (const chunk of chunks(tasks, 500)) await insertRows(trx, 'tasks', FLOW_TASK_COLUMNS, chunk, FLOW_TASK_UPSERT);
  return mine.map((r) => r.id);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
