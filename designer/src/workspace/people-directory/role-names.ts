import type { TFunction } from 'i18next';

/** Roles the product names (the built-in ones and the offboarding pack's); others show as stored. */
const NAMED_ROLES = new Set(['hr', 'it', 'finance', 'admin-affairs', 'admin', 'designer', 'auditor', 'manager']);

/** A role's name in the reader's language; a role the product does not know by name shows as its id. */
export function roleName(t: TFunction, role: string): string {
  // Only known ids become keys: a role may hold "." or ":", which i18next reads as key or namespace separators.
  return NAMED_ROLES.has(role) ? t(`peopleDirectory:role.${role}`) : role;
}
