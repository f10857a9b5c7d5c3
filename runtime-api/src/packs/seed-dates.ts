import { Type, type Static } from 'typebox';
import { Closed, IsoDate } from '../app/schema-helpers.js';
import { DepartmentInput, UserInput, type DirectoryImport } from '../directory/directory-schemas.js';

/**
 * A date in a pack's directory seed: a plain `YYYY-MM-DD`, or `{"$daysAgo": N}` = N calendar days before
 * the import's day (UTC). Demo history (past leavers, their hire dates) stays "the last 18 months" whenever
 * the pack is imported, while the pack's content, its hash and its export keep the relative form.
 */
export const SeedDate = Type.Union([
  IsoDate,
  Closed({ $daysAgo: Type.Integer({ minimum: -36_500, maximum: 36_500, description: 'Days before the import day (negative: after it).' }) }),
]);

export const PackSeedUser = Closed({ ...UserInput.properties, hireDate: Type.Optional(SeedDate), leaveDate: Type.Optional(SeedDate) });

/** The directory part of a pack's seed: the body of POST /api/directory/import, with seed dates. */
export const PackSeedDirectory = Closed({
  departments: Type.Optional(Type.Array(DepartmentInput, { maxItems: 10_000 })),
  users: Type.Optional(Type.Array(PackSeedUser, { maxItems: 50_000 })),
});
export type PackSeedDirectoryValue = Static<typeof PackSeedDirectory>;
type SeedDateValue = Static<typeof SeedDate>;

const DAY_MS = 86_400_000;

function resolveDate(value: SeedDateValue | undefined, now: Date): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - value.$daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/** The seed directory with every `{"$daysAgo": N}` turned into a date by the import's clock. */
export function resolveSeedDirectory(directory: PackSeedDirectoryValue, now: Date): DirectoryImport {
  return {
    ...(directory.departments ? { departments: directory.departments } : {}),
    ...(directory.users
      ? {
          users: directory.users.map(({ hireDate, leaveDate, ...user }) => {
            const hire = resolveDate(hireDate, now);
            const leave = resolveDate(leaveDate, now);
            return { ...user, ...(hire !== undefined ? { hireDate: hire } : {}), ...(leave !== undefined ? { leaveDate: leave } : {}) };
          }),
        }
      : {}),
  };
}
