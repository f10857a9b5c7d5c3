/** A department as the filter needs it. */
export interface TreeDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

/**
 * Departments in tree order (each parent before its children, siblings by name) with their depth, so a
 * flat <select> can indent children. A parent that is missing or a cycle makes a department a root.
 */
export function departmentTree<T extends TreeDepartment>(departments: readonly T[], locale = 'en'): Array<{ department: T; depth: number }> {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, T[]>();
  for (const d of departments) {
    const parent = d.parentId !== null && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const out: Array<{ department: T; depth: number }> = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    for (const d of list) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push({ department: d, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(null, 0);
  // Departments caught in a parent cycle are never reached from a root: list them at the top level.
  for (const d of departments) if (!seen.has(d.id)) out.push({ department: d, depth: 0 });
  return out;
}

/** The option text: non-breaking spaces indent a child under its parent (a <select> ignores CSS padding). */
export function indentedName(name: string, depth: number): string {
  return '\u00a0\u00a0\u00a0'.repeat(depth) + name;
}
