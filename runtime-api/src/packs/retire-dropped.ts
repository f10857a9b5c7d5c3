import type { CancelTimerEffect } from '@baton/engine';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { latestVersionForUpdate } from '../definitions/definition-store.js';
import { writeTimers } from '../execution/effect-rows.js';
import type { DefinitionRefValue, KeptDefinitionValue } from './pack-schemas.js';
import { storedEntries, type PackRow } from './pack-store.js';
import { definitionId, type PackEntry } from './resolve-pack-bundle.js';

export interface RetireOutcome {
  retired: DefinitionRefValue[];
  kept: KeptDefinitionValue[];
  /** Scheduled timers of retired rules, cancelled. */
  cancelledTimers: number;
}

type Decision = { retire: true } | { retire: false; kept?: KeptDefinitionValue };

/**
 * A package upgrade: definitions the installed version of this pack brought and the new version no longer
 * lists are archived (every published version, so no older one becomes current again), and a retired rule's
 * scheduled timers are cancelled. Archived versions stay readable by version for history and for instances
 * that started on them. A definition someone changed after the pack left it, or that another pack also
 * brings, is not the pack's to retire: it is reported as kept.
 */
export async function retireDropped(trx: Transaction<Database>, installed: PackRow | undefined, entries: readonly PackEntry[]): Promise<RetireOutcome> {
  const outcome: RetireOutcome = { retired: [], kept: [], cancelledTimers: 0 };
  if (!installed) return outcome;
  const incoming = new Set(entries.map((e) => definitionId(e.kind, e.key)));
  const dropped = storedEntries(installed)
    .map((e) => ({ kind: e.kind, key: e.key, version: Number(e.definition.version) }))
    .filter((d) => !incoming.has(definitionId(d.kind, d.key)));
  if (dropped.length === 0) return outcome;
  const others = await otherPacksHolding(trx, installed.key);
  for (const d of dropped) {
    const decision = await decide(trx, d, others.get(definitionId(d.kind, d.key)));
    if (!decision.retire) {
      if (decision.kept) outcome.kept.push(decision.kept);
      continue;
    }
    await trx
      .updateTable('definitions')
      .set({ status: 'archived', updated_at: sql<Date>`now()` })
      .where('kind', '=', d.kind)
      .where('key', '=', d.key)
      .where('status', '=', 'published')
      .execute();
    outcome.retired.push(d);
    if (d.kind === 'rule') outcome.cancelledTimers += await cancelRuleTimers(trx, d.key);
  }
  return outcome;
}

async function decide(trx: Transaction<Database>, d: DefinitionRefValue, otherPack: string | undefined): Promise<Decision> {
  const base = { kind: d.kind, key: d.key };
  if (otherPack) return { retire: false, kept: { ...base, reason: 'in-other-pack', pack: otherPack } };
  const latest = await latestVersionForUpdate(trx, d.kind, d.key);
  if (!latest) return { retire: false };
  if (latest.version > d.version) {
    // The pack left version d.version; anything later was made by a person (or a draft is in progress).
    const reason = latest.status === 'draft' ? 'draft-pending' : 'changed-after-import';
    return { retire: false, kept: { ...base, reason, version: latest.version, ...(latest.published_by ? { by: latest.published_by } : {}) } };
  }
  // Already archived: a previous upgrade retired it, nothing left to do.
  return latest.status === 'published' ? { retire: true } : { retire: false };
}

/** kind/key → the other pack whose latest installed version lists it. */
async function otherPacksHolding(trx: Transaction<Database>, packKey: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('packs')
    .selectAll()
    .distinctOn('key')
    .where('key', '<>', packKey)
    .orderBy('key')
    .orderBy(sql`(version)::integer`, 'desc')
    .execute();
  const held = new Map<string, string>();
  for (const row of rows) for (const e of storedEntries(row)) held.set(definitionId(e.kind, e.key), row.key);
  return held;
}

/** Timer ids are `rule:<key>:…` (engine timerIdOf); keys have no LIKE wildcards (pack keys are [a-z0-9-]). */
async function cancelRuleTimers(trx: Transaction<Database>, ruleKey: string): Promise<number> {
  const rows = await trx
    .selectFrom('timers')
    .select(['id', 'due_at'])
    .where('kind', '=', 'rule')
    .where('status', '=', 'scheduled')
    .where('id', 'like', `rule:${ruleKey}:%`)
    .execute();
  if (rows.length === 0) return 0;
  const effects = rows.map(
    (r): CancelTimerEffect => ({ type: 'cancelTimer', key: `${r.id}@${r.due_at.toISOString()}:retired`, timerId: r.id }),
  );
  await writeTimers(trx, null, effects);
  return rows.length;
}
