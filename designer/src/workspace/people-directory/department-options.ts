import type { DirectoryDepartment } from '@baton/client';

/** A department as the filter lists it: below its parent, indented by depth. */
export interface DepartmentOption {
  id: string;
  name: string;
  depth: number;
}

/**
 * Departments in tree order (each followed by the ones below it, siblings by name); a department whose parent
 * is missing is a root. A cycle cannot be imported, but is cut here anyway so the list always ends.
 */
export function departmentOptions(departments: readonly DirectoryDepartment[]): DepartmentOption[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, DirectoryDepartment[]>();
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const out: DepartmentOption[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const d of list) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push({ id: d.id, name: d.name, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(null, 0);
  // Departments only reachable through a cycle: listed at the end rather than lost.
  for (const d of departments) if (!seen.has(d.id)) out.push({ id: d.id, name: d.name, depth: 0 });
  return out;
}
