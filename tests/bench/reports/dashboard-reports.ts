// The offboarding analytics dashboard the bench times is the pack's own (issue 7): every report of
// templates/offboarding tagged `dashboard:offboarding:<order>`, the same definitions the designer's
// dashboard shows. The bench imports the pack (without demo data) and runs them over its seeded rows,
// which follow the pack's data contract (flow "offboarding", data.employeeId / lastWorkingDay /
// reasonCategory / reason, subject = the leaver, directory hire and leave dates).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackBundle } from '@baton/client';
import { readPackFolder } from '../../../packages/cli/src/index.js';

const PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates/offboarding');
const TAG = /^dashboard:offboarding:(\d+)$/;

/** The period the seeded data covers most densely; passed to every widget as its from / to parameters. */
export const BENCH_PERIOD = { from: '2025-01-01', to: '2025-12-31' };

export interface DashboardPack {
  bundle: PackBundle;
  /** The dashboard's report keys, in the dashboard's order. */
  keys: string[];
}

export async function dashboardPack(): Promise<DashboardPack> {
  const { bundle } = await readPackFolder(PACK_DIR, { demo: false });
  const slots = (bundle.definitions ?? []).flatMap((d) => {
    const tag = Array.isArray(d.tags) ? (d.tags as unknown[]).find((t): t is string => typeof t === 'string' && TAG.test(t)) : undefined;
    return d.kind === 'report' && tag ? [{ key: String(d.key), order: Number(TAG.exec(tag)![1]) }] : [];
  });
  return { bundle, keys: slots.sort((a, b) => a.order - b.order).map((s) => s.key) };
}
