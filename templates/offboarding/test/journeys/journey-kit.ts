import { readPackFolder } from '@baton/cli';
import { addBusinessDays, CN_CALENDAR, zonedDateTimeToInstant } from '@baton/engine';
import { expect } from 'vitest';
import type { TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { PACK_DIR } from '../pack-files.js';

type Json = Record<string, any>;

export interface Reply {
  status: number;
  body: Json;
  raw: Awaited<ReturnType<TestContext['call']>>;
}

/** Calls the public API as `token` (the admin token when null); JSON in, JSON out. */
export async function call(ctx: TestContext, token: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown): Promise<Reply> {
  const raw = await ctx.call({ method, url, ...(payload !== undefined ? { payload: payload as Json } : {}), token: token ?? ctx.adminToken });
  const type = String(raw.headers['content-type'] ?? '');
  return { status: raw.statusCode, body: type.includes('json') ? (raw.json() as Json) : {}, raw };
}

/** Like `call`, failing the test with the server's answer unless the status is the expected one. */
export async function ok(ctx: TestContext, token: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, status = 200): Promise<Json> {
  const reply = await call(ctx, token, method, url, payload);
  expect(reply.status, `${method} ${url}: ${JSON.stringify(reply.body)}`).toBe(status);
  return reply.body;
}

/**
 * The pack folder as `baton import templates/offboarding [--demo]` sends it. The past offboardings of the demo
 * seed (replayed on import, demo-offboardings.test.ts) are left out unless `pastOffboardings`: the other
 * journeys count their own instances and tasks, and the replay would cost each of them a second or two.
 */
export async function offboardingBundle(options: { demo: boolean; pastOffboardings?: boolean }) {
  const { bundle } = await readPackFolder(PACK_DIR, { demo: options.demo });
  if (options.pastOffboardings || !bundle.seed?.records?.[START_FORM]) return bundle;
  const { [START_FORM]: _past, ...records } = bundle.seed.records;
  const seed = ((bundle.manifest as Json).seed as Json[]).filter((e) => e.form !== START_FORM);
  return { ...bundle, manifest: { ...bundle.manifest, seed } as typeof bundle.manifest, seed: { ...bundle.seed, records } };
}
const START_FORM = 'offboarding-request';

/** Imports the pack with its demo people, customers and assets (POST /api/packs/import?demo=true). */
export async function importOffboardingPack(ctx: TestContext, options: { pastOffboardings?: boolean } = {}): Promise<Json> {
  return ok(ctx, undefined, 'POST', '/api/packs/import?demo=true', await offboardingBundle({ demo: true, ...options }), 201);
}

/** Tokens minted through POST /api/tokens for demo people; their roles come from the directory. */
export class People {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly ctx: () => TestContext) {}

  async token(userId: string): Promise<string> {
    const known = this.tokens.get(userId);
    if (known) return known;
    const body = await ok(this.ctx(), undefined, 'POST', '/api/tokens', { userId, label: 'journey' }, 201);
    this.tokens.set(userId, body.token as string);
    return body.token as string;
  }
}

export const HR = 'demo-hr-1';
export const IT = 'demo-it-1';
export const FINANCE = 'demo-fin-1';
export const ADMIN_AFFAIRS = 'demo-admin-1';

/** A request in the data contract's shape (dates far enough ahead that no reminder is due yet). */
export function request(employeeId: string, extra: Json = {}): Json {
  return {
    employeeId,
    type: 'resignation',
    lastWorkingDay: '2030-06-28',
    terminationDate: '2030-06-28',
    reasonCategory: 'career',
    reason: '希望去新的城市发展，寻求更大的职业空间',
    workItems: [],
    customers: [],
    accounts: [{ system: 'Git', account: employeeId }, { system: 'Wiki', account: employeeId }],
    assets: [],
    ...extra,
  };
}

export const INTERVIEW = { interviewDate: '2030-06-03', interviewReason: 'career', interviewNotes: '计划异地发展，表示未来愿意回归。', regrettable: true, rehireEligible: true };
export const SETTLEMENT = {
  finalSalary: { amount: '15200.00', currency: 'CNY' }, unusedLeaveDays: 3, unusedLeavePay: { amount: '2096.55', currency: 'CNY' },
  settlementDate: '2030-06-28', settlementConfirmed: true,
};

/** The open task of `userId` at a node of an instance (GET /api/tasks?mine=true). */
export async function taskAt(ctx: TestContext, token: string, instanceId: string, nodeId: string): Promise<Json> {
  const body = await ok(ctx, token, 'GET', `/api/tasks?mine=true&status=open&instanceId=${instanceId}`);
  const task = (body.items as Json[]).find((t) => t.nodeId === nodeId);
  expect(task, `an open ${nodeId} task for this user; open: ${JSON.stringify((body.items as Json[]).map((t) => t.nodeId))}`).toBeDefined();
  return task as Json;
}

/** Acts on the caller's open task at `nodeId`; returns the reply (status not checked). */
export async function actAt(ctx: TestContext, token: string, instanceId: string, nodeId: string, body: Json): Promise<Reply> {
  const task = await taskAt(ctx, token, instanceId, nodeId);
  return call(ctx, token, 'POST', `/api/tasks/${task.id}/actions`, body);
}

/** Same, expecting 200. */
export async function act(ctx: TestContext, token: string, instanceId: string, nodeId: string, body: Json): Promise<Json> {
  const reply = await actAt(ctx, token, instanceId, nodeId, body);
  expect(reply.status, `${nodeId} ${String(body.action)}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}

export async function instance(ctx: TestContext, token: string | undefined, id: string): Promise<Json> {
  return ok(ctx, token, 'GET', `/api/instances/${id}`);
}

/** Rows the outbox holds for an instance, as effects (notify, invoke, setData, renderDocument …). */
export async function outboxEffects(ctx: TestContext, instanceId: string): Promise<Json[]> {
  const rows = await ctx.database.db.selectFrom('outbox').select(['effect']).where('instance_id', '=', instanceId).execute();
  return rows.map((r) => r.effect as Json);
}

/** A date `offsetDays` from today in Shanghai (the org time zone), as YYYY-MM-DD. */
export function shanghaiDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** 09:00 in Shanghai, `days` business days before `date`: when the settlement reminder is due. */
export function reminderAt(date: string, days: number): string {
  return new Date(zonedDateTimeToInstant(addBusinessDays(date, -days, CN_CALENDAR), '09:00', 'Asia/Shanghai')).toISOString();
}

/** The settlement reminder's timer rows of an instance (any status). */
export async function reminderTimers(ctx: TestContext, instanceId: string): Promise<Array<{ id: string; due_at: Date; status: string }>> {
  const rows = await ctx.database.db.selectFrom('timers').select(['id', 'due_at', 'status']).where('kind', '=', 'rule').execute();
  return rows.filter((r) => r.id.includes('settlement-reminder') && r.id.includes(instanceId));
}

/** Finance's inbox entries about the final settlement of `name`. */
export async function settlementNotices(ctx: TestContext, financeToken: string, name: string): Promise<Json[]> {
  const inbox = await ok(ctx, financeToken, 'GET', '/api/notifications?limit=100');
  return (inbox.items as Json[]).filter((n) => String(n.title).includes(name) && /settlement|结算/.test(String(n.title)));
}
