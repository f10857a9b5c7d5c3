/**
 * Where OTHER definitions (flows, rules, reports, documents, relation fields of other forms) read a field
 * of this form. The form designer cannot rewrite them, so it warns before a rename or delete. Each kind
 * names fields its own way (flow conditions `{"var": "employeeId"}`, rules `$record.x` / `$item.x`,
 * templates `{{x}}`, reports `field: "x"`, access maps keyed by "table.column"), so this reads them
 * generically: a definition that names the form's key anywhere, and inside it a data path, placeholder,
 * field-naming property or access key whose segments name the field. It may over-report a field of the
 * same name in another form the definition also reads; a warning errs on that side.
 */
export interface LoadedDefinition {
  kind: string;
  key: string;
  title: unknown;
  body: unknown;
}

export type PlaceRole = 'condition' | 'access' | 'text' | 'field';

export interface UsePlace {
  role: PlaceRole;
  /** The node, edge, action… it sits in (its name, label or title), when it has one. */
  name?: unknown;
}

export interface ExternalUse {
  kind: string;
  key: string;
  title: unknown;
  places: UsePlace[];
}

const FIELD_PROPERTIES = /^(field|fields|path|paths|column|columns|groupBy|by|sortBy|orderBy|displayField|titleField|measure|dimension|subject|source|each)$/;
const PLACEHOLDER = /\{\{?\s*(?:#each\s+)?([$\w][$\w.]*)/g;
const SCOPE_HEAD = /^(\$(?!item$|index$)\w+|form|record|data|values)$/;
const CONDITION_PROPERTIES = /^(condition|when|if|visibleIf|requiredIf|filter|assert|expect)$/;

function mentions(node: unknown, value: string): boolean {
  if (node === value) return true;
  if (Array.isArray(node)) return node.some((n) => mentions(n, value));
  if (typeof node === 'object' && node !== null) return Object.values(node).some((n) => mentions(n, value));
  return false;
}

/** Does a data path name the field? "employeeId", "$record.employeeId", "assets.0.tag", "$item.tag". */
function pathNames(path: string, top: string, column: string | undefined): boolean {
  const segs = path.split('.');
  // A top-level field is the path's head, or follows a scope prefix ($record., $event.data., form.…); a
  // row's "$item.x" names a column, not it.
  if (column === undefined) return segs[0] === top || (SCOPE_HEAD.test(segs[0]!) && segs.includes(top));
  return segs.includes(column) && (segs.includes(top) || segs[0] === '$item' || segs[0] === 'current');
}

function nameOf(node: Record<string, unknown>): unknown {
  return node.name ?? node.label ?? node.title;
}

/** The places inside one definition body that read the field. */
export function usePlaces(body: unknown, itemId: string): UsePlace[] {
  const dot = itemId.indexOf('.');
  const top = dot < 0 ? itemId : itemId.slice(0, dot);
  const column = dot < 0 ? undefined : itemId.slice(dot + 1);
  const found = new Map<string, UsePlace>();
  const nodes = (body as { nodes?: unknown } | null)?.nodes;
  const nodeNames = new Map(Array.isArray(nodes) ? nodes.filter((n) => typeof n?.id === 'string').map((n) => [n.id as string, nameOf(n) as unknown]) : []);
  const hit = (role: PlaceRole, name: unknown) => found.set(JSON.stringify([role, name ?? null]), name === undefined ? { role } : { role, name });
  const visit = (node: unknown, name: unknown, role: PlaceRole, prop: string): void => {
    if (typeof node === 'string') {
      if (FIELD_PROPERTIES.test(prop) && pathNames(node, top, column)) hit(role === 'condition' ? role : 'field', name);
      for (const m of node.matchAll(PLACEHOLDER)) if (pathNames(m[1]!, top, column)) hit(role === 'condition' ? role : 'text', name);
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => visit(n, name, role, prop));
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    // A flow edge without a label is named by the node it leaves (the gateway asking the question).
    const here = nameOf(obj) ?? (typeof obj.from === 'string' ? nodeNames.get(obj.from) : undefined) ?? name;
    for (const [k, v] of Object.entries(obj)) {
      if ((k === 'var' || k === 'val') && (typeof v === 'string' || Array.isArray(v))) {
        const path = Array.isArray(v) ? v.filter((s) => typeof s === 'string').join('.') : v;
        if (pathNames(path, top, column)) hit(role === 'text' ? 'field' : role, here);
      }
      if (k === 'access' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        if (Object.keys(v).some((key) => key === itemId || (column === undefined && key.startsWith(`${top}.`)))) hit('access', here);
        continue;
      }
      visit(v, here, CONDITION_PROPERTIES.test(k) ? 'condition' : role, k);
    }
  };
  // The body's own title names the definition, which the warning already says.
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) for (const [k, v] of Object.entries(body)) visit(v, undefined, CONDITION_PROPERTIES.test(k) ? 'condition' : 'field', k);
  return [...found.values()];
}

/**
 * The definitions, other than the form itself, that read a field of the form, with where: those naming
 * the form, and those naming a flow that does (rules and documents are often scoped by flow: their data
 * is the flow's form data).
 */
export function externalUses(definitions: readonly LoadedDefinition[], formKey: string, itemId: string): ExternalUse[] {
  const others = definitions.filter((d) => !(d.kind === 'form' && d.key === formKey));
  const direct = new Set(others.filter((d) => mentions(d.body, formKey)));
  const flows = [...direct].filter((d) => d.kind === 'flow').map((d) => d.key);
  return others
    .filter((d) => direct.has(d) || (d.kind !== 'flow' && flows.some((f) => mentions(d.body, f))))
    .map((d) => ({ kind: d.kind, key: d.key, title: d.title, places: usePlaces(d.body, itemId) }))
    .filter((u) => u.places.length > 0);
}
