import type { ConnectorSummary } from '@baton/client';
import type { PathIssue } from '../shared/schema-form/issues-to-error-schema.js';
import type { ConnectorDelivery, OutboxEntry } from './connectors-api.js';

/** Config properties that name where a type sends (webhook, SCIM, CRM, SMS use baseUrl; SMTP a host). */
const TARGET_PROPERTIES = ['baseUrl', 'url', 'endpoint'] as const;

/**
 * The host a connector calls, never the whole URL: paths and queries may carry tokens (a robot's key).
 * Null when the config names none (incoming-only webhooks, robots whose URL is a secret).
 */
export function targetHost(config: Record<string, unknown> | undefined): string | null {
  if (!config) return null;
  for (const name of TARGET_PROPERTIES) {
    const value = config[name];
    if (typeof value !== 'string' || value === '') continue;
    try {
      return new URL(value).host || null;
    } catch {
      return null;
    }
  }
  const host = config.host;
  if (typeof host === 'string' && host !== '') return typeof config.port === 'number' ? `${host}:${config.port}` : host;
  return null;
}

export type ConnectorHealth = 'not-configured' | 'disabled' | 'idle' | 'ok' | 'retrying' | 'failing';

/** One word for the list: is it set up, switched on, and did its last delivery go through? */
export function healthOf(c: Pick<ConnectorSummary, 'configured' | 'enabled' | 'lastDelivery'>): ConnectorHealth {
  if (!c.configured) return 'not-configured';
  if (!c.enabled) return 'disabled';
  if (!c.lastDelivery) return 'idle';
  // A skip sent nothing on purpose (an event the subscription no longer wants): the connector itself is fine.
  if (c.lastDelivery.status === 'delivered' || c.lastDelivery.status === 'skipped') return 'ok';
  return c.lastDelivery.status === 'retry' ? 'retrying' : 'failing';
}

/**
 * The deliveries whose final try failed and whose outbox row is still a dead letter: those an admin can
 * send again. Deliveries and outbox rows share the idempotency key; newest delivery first, one per key.
 */
export function replayableDeadLetters(deliveries: readonly ConnectorDelivery[], dead: readonly OutboxEntry[]): Map<string, OutboxEntry> {
  const byKey = new Map(dead.map((o) => [o.idempotencyKey, o]));
  const out = new Map<string, OutboxEntry>();
  for (const d of deliveries) {
    const row = byKey.get(d.idempotencyKey);
    if (d.status === 'dead' && row && !out.has(d.idempotencyKey)) out.set(d.idempotencyKey, row);
  }
  return out;
}

/**
 * What the signed-in user may do here, mirroring the server (connectors-routes.ts, workers-routes.ts): every
 * viewer lists the connectors; designers read their settings; auditors read their deliveries; only admins
 * save, test and replay (the outbox's dead letters are admin-only).
 */
export interface ConnectorAccess {
  edit: boolean;
  readConfig: boolean;
  readDeliveries: boolean;
  replay: boolean;
}

export function connectorAccess(roles: readonly string[] | null): ConnectorAccess {
  const has = (role: string) => roles?.includes('admin') === true || roles?.includes(role) === true;
  const admin = roles?.includes('admin') === true;
  return { edit: admin, readConfig: has('designer'), readDeliveries: has('auditor'), replay: admin };
}

/**
 * Dead letters as the deliveries alone show them (for auditors, who may not read the outbox): outgoing
 * deliveries whose newest try per idempotency key is dead. A refused incoming call (`receive`) is not one:
 * nothing waits to be sent. A replayed letter that went through has a newer `delivered` row, so it drops out.
 */
export function unresolvedDeadLetters(deliveries: readonly ConnectorDelivery[]): ConnectorDelivery[] {
  const seen = new Set<string>();
  const out: ConnectorDelivery[] = [];
  for (const d of deliveries) {
    if (seen.has(d.idempotencyKey)) continue;
    seen.add(d.idempotencyKey);
    if (d.status === 'dead' && d.action !== 'receive') out.push(d);
  }
  return out;
}

/** A delivery's proof in one line ("state: inactive · verifiedAt: …"): what was checked in the other system. */
export function proofSummary(proof: Record<string, unknown> | null): string | null {
  if (!proof) return null;
  // A skipped delivery's proof is why nothing was sent: the reason alone reads best.
  if (proof.state === 'skipped' && typeof proof.reason === 'string') return proof.reason;
  const parts = Object.entries(proof)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * The schema the config panel renders: a built-in type serves a `$ref` into the engine's connector schema
 * (`…connector.schema.json#/$defs/webhookConfig`), which is inlined with its local definitions; a plugin's
 * own schema is used as served.
 */
export function configPanelSchema(served: unknown, engineDefs: Record<string, unknown>): unknown {
  if (!served || typeof served !== 'object') return { type: 'object', properties: {} };
  const ref = (served as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const match = /connector\.schema\.json#\/\$defs\/([^/]+)$/.exec(ref);
    const def = match ? engineDefs[match[1]!] : undefined;
    if (def && typeof def === 'object') return { ...(def as object), $defs: engineDefs };
  }
  return served;
}

/**
 * The `secrets` of a PUT: only what the admin typed (a replacement) or asked to remove (null). Empty
 * inputs are left out, so a saved secret is kept and never sent back.
 */
export function secretsPatch(replacements: Record<string, string>, removals: readonly string[]): Record<string, string | null> | undefined {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(replacements)) if (name.trim() !== '' && value !== '') out[name.trim()] = value;
  for (const name of removals) if (!(name in out)) out[name] = null;
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface SaveIssues {
  /** Issues under /config, for the generated form (its base is "/config"). */
  config: PathIssue[];
  /** Messages by secret name (/secrets/<name>). */
  secrets: Record<string, string[]>;
  /** The rest (/type, /enabled, the whole body). */
  other: PathIssue[];
}

/** A refused save's issues (or its own path and message), by where they show: body validation says "/body/…". */
export function saveIssues(error: { path?: string; message?: string; issues?: ReadonlyArray<{ path?: string; message?: string }> }): SaveIssues {
  const listed = error.issues && error.issues.length > 0 ? error.issues : [{ path: error.path ?? '', message: error.message ?? '' }];
  const out: SaveIssues = { config: [], secrets: {}, other: [] };
  for (const i of listed) {
    const path = (i.path ?? '').replace(/^\/body(?=\/|$)/, '');
    const message = i.message ?? '';
    const secret = /^\/secrets\/([^/]+)/.exec(path);
    if (path === '/config' || path.startsWith('/config/')) out.config.push({ path, message });
    else if (secret) (out.secrets[decodeURIComponent(secret[1]!.replace(/~1/g, '/').replace(/~0/g, '~'))] ??= []).push(message);
    else out.other.push({ path, message });
  }
  return out;
}

export type TestOutcome = 'ok' | 'ssrf' | 'retry' | 'failed';

/** How to read a test result: the SSRF guard's refusals get their own explanation. */
export function testOutcome(result: { ok: boolean; status: string; code: string | null }): TestOutcome {
  if (result.ok) return 'ok';
  if (result.code?.startsWith('BATON_E_SSRF_')) return 'ssrf';
  return result.status === 'retry' ? 'retry' : 'failed';
}

export interface PackSlot {
  pack: string;
  key: string;
  type: string;
  label: unknown;
  description: unknown;
  required: boolean;
  multiple: boolean;
  /** The connectors filling it: the slot's own key, or (multiple) every connector of its type. */
  filledBy: string[];
}

/** The connector slots installed packs declare (manifest `connectors`), with what fills each now. */
export function packSlots(manifests: ReadonlyArray<{ key: string; manifest: unknown }>, connectors: readonly ConnectorSummary[]): PackSlot[] {
  const out: PackSlot[] = [];
  for (const { key: pack, manifest } of manifests) {
    const slots = (manifest as { connectors?: unknown } | null)?.connectors;
    if (!Array.isArray(slots)) continue;
    for (const s of slots as Array<Record<string, unknown>>) {
      if (typeof s.key !== 'string' || typeof s.type !== 'string') continue;
      const multiple = s.multiple === true;
      const type = s.type.split('@')[0]!;
      const filledBy = connectors.filter((c) => c.configured && (c.key === s.key || (multiple && c.type === type))).map((c) => c.key);
      out.push({ pack, key: s.key, type, label: s.label, description: s.description, required: s.required === true, multiple, filledBy });
    }
  }
  return out;
}

/** A key for a new connector filling a slot: the slot's key, or for a "one per system" slot `<key>-<n>`. */
export function suggestedKey(slot: Pick<PackSlot, 'key' | 'multiple'>, taken: readonly string[]): string {
  if (!slot.multiple && !taken.includes(slot.key)) return slot.key;
  for (let n = 1; ; n += 1) if (!taken.includes(`${slot.key}-${n}`)) return `${slot.key}-${n}`;
}

/** "designer or auditor" / "设计者或审计员": role names joined the way the language joins alternatives. */
export function roleChoice(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
}
