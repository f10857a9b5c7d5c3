import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { PackImportResultValue } from './pack-schemas.js';
import { importPack } from './import-pack.js';
import { readPackFolder } from './read-pack-folder.js';

export type StarterPackOutcome =
  | { status: 'loaded'; result: PackImportResultValue; demoUsers: Array<{ id: string; name: string; roles: string[]; note: string }> }
  | { status: 'skipped'; reason: 'disabled' | 'not-empty' | 'missing' };

/** Nothing imported or designed yet: the only database `pnpm start` fills by itself. */
async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const pack = await db.selectFrom('packs').select('key').limit(1).executeTakeFirst();
  if (pack) return false;
  const definition = await db.selectFrom('definitions').select('id').limit(1).executeTakeFirst();
  return !definition;
}

/**
 * `pnpm start` on an empty database imports the starter pack (templates/offboarding by default) with its
 * demo people, customers and assets, in one transaction, as the system user, so a new user can walk an
 * offboarding at once. A database that already holds a pack or a definition is left alone.
 *
 * The transaction is the first thing: from the emptiness check to the last row, so the embedded server can
 * start listening while it runs (PGlite's one connection serves requests only after it commits, so no
 * request sees half a pack).
 */
export async function loadStarterPack(db: Kysely<Database>, folder: string | null, timeZone?: string): Promise<StarterPackOutcome> {
  if (folder === null) return { status: 'skipped', reason: 'disabled' };
  return db.transaction().execute(async (trx): Promise<StarterPackOutcome> => {
    if (!(await isEmpty(trx))) return { status: 'skipped', reason: 'not-empty' };
    let bundle;
    try {
      bundle = await readPackFolder(folder, { demo: true });
    } catch (err) {
      if ((err as { file?: string }).file === 'pack.json' && /does not exist/.test((err as Error).message)) return { status: 'skipped', reason: 'missing' };
      throw err;
    }
    const outcome = await importPack(trx, { bundle, includeDemo: true, locale: 'en', actor: 'system', ...(timeZone ? { timeZone } : {}) });
    // The demo history (past leavers and colleagues behind the dashboard, attributes.demoHistory) is not listed.
    const users = (bundle.seed?.directory?.users ?? []).filter((u) => u.attributes?.demoHistory !== true);
    const note = (u: (typeof users)[number]): string => {
      const attrs = u.attributes ?? {};
      const roles = u.roles ?? [];
      if (roles.length > 0) return roles.join(', ');
      if (attrs.confidential === true) return 'confidential role (NDA path)';
      if (attrs.jobFamily === 'sales') return 'sales (customer handover)';
      return u.managerId ? `reports to ${u.managerId}` : 'top of the organisation';
    };
    return {
      status: 'loaded',
      result: outcome.body,
      demoUsers: users.map((u) => ({ id: u.id, name: u.name, roles: u.roles ?? [], note: note(u) })),
    };
  });
}

/** What `pnpm start` prints after loading the starter pack: the demo people and how to sign in as one. */
export function starterPackHint(outcome: Extract<StarterPackOutcome, { status: 'loaded' }>, baseUrl: string): string {
  const { result } = outcome;
  const records = result.seed.records.inserted ?? {};
  const lines = [
    `Starter pack "${result.pack.key}" v${result.pack.version} imported: ${result.imported.length} definitions, ` +
      `${outcome.demoUsers.length} DEMO people (ids demo-*), ` +
      Object.entries(records).map(([form, n]) => `${n} DEMO ${form} records`).join(', ') +
      Object.entries(result.seed.instances?.replayed ?? {}).map(([flow, n]) => `, ${n} DEMO past ${flow} instances (dashboard history)`).join('') + '.',
    `Open ${baseUrl}/ and pick a demo person on the sign-in page (the picker stays while the demo people are in the database; BATON_DEMO=off hides it, and NODE_ENV=production keeps it off),`,
    'or mint a token for one with the admin token:',
    `  curl -s -X POST ${baseUrl}/api/tokens -H "Authorization: Bearer <admin token>" -H "Content-Type: application/json" -d '{"userId":"demo-sales-1"}'`,
    'Demo people:',
    ...outcome.demoUsers.map((u) => `  ${u.id.padEnd(22)} ${u.name}  (${u.note})`),
    'Start an offboarding as the employee: POST /api/flows/offboarding/instances (see templates/offboarding/README.md).',
  ];
  return lines.join('\n');
}
