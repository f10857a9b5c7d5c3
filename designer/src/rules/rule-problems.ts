import type { CatalogueEntry, Locale } from '@baton/engine';
import { parsePointer } from '../shared/json-pointer.js';
import { withoutCoveredUnions } from './action-issues.js';
import { placeInSchema, problemWhat, sentenceCase, type EngineIssue, type FieldPart, type ProblemPlace, type RuleWording } from './rule-problem-wording.js';

/** Where the control of a problem is: the part's container, then controls inside it tried in order. */
export interface ProblemFocus {
  /** CSS selector of the part (the trigger, the condition, one action, the settings). */
  scope: string;
  /** CSS selectors inside the scope; the first that matches gets focus (or its first focusable descendant). */
  controls: string[];
  /** A folded `<details>` inside the scope to open first (an action's "Only when… / for each…"). */
  open?: string;
}

export type RulePartKind = 'settings' | 'trigger' | 'condition' | 'actions' | 'action';

/** One problem of a rule as the analyst reads it. */
export interface RuleProblem {
  issue: EngineIssue;
  part: RulePartKind;
  /** The action's index when `part` is "action". */
  action?: number;
  /** "Action 2 (Create a task)". */
  where: string;
  /** "'Days before' must be a whole number." */
  what: string;
  /** where + what: the line in the list of every problem. */
  sentence: string;
  focus: ProblemFocus;
}

/** The parts of a rule a problem sentence names (the rule body as the designer holds it). */
export interface RuleShape {
  trigger: { type: string; config?: unknown };
  actions: ReadonlyArray<{ type: string }>;
}

export interface RuleCatalogue {
  triggers: readonly CatalogueEntry[];
  actions: readonly CatalogueEntry[];
}

type Label = CatalogueEntry['label'];

function entryOf(entries: readonly CatalogueEntry[], typeRef: string): CatalogueEntry | undefined {
  const type = typeRef.includes('@') ? typeRef.slice(0, typeRef.lastIndexOf('@')) : typeRef;
  return entries.find((e) => e.type === type);
}

function labelText(label: Label | undefined, locale: Locale, fallback: string): string {
  if (typeof label === 'string') return label || fallback;
  return label?.[locale] || label?.en || label?.['zh-CN'] || fallback;
}

/** A CSS attribute value in double quotes. */
const attr = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The controls of a generated panel (rjsf, `idPrefix`) for a pointer under it, most specific first: rjsf's
 * ids ("action-0-params_to_0_role") and the names custom editors give ("action-0-params_to.0.role").
 */
export function panelControls(prefix: string, segments: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = segments.length; k >= 1; k--) {
    const head = segments.slice(0, k);
    const id = [prefix, ...head].join('_');
    const dotted = `${prefix}_${head.join('.')}`;
    out.push(`[id=${attr(id)}]`, `[name=${attr(dotted)}]`, `[name^=${attr(dotted + '.')}]`, `[id^=${attr(id + '_')}]`, `[data-testid^=${attr(id)}]`);
  }
  return [...new Set(out)];
}

/** The dedicated "N days before a date" editor names its controls itself. */
const DATE_OFFSET_CONTROLS: Record<string, string[]> = {
  field: ['select[name="offset-field"]'],
  offset: ['input[name="offset-amount"]', 'select[name="offset-param"]', 'input[name="offset-param-default"]'],
  unit: ['select[name="offset-unit"]'],
  at: ['input[name="offset-at"]'],
};

interface Located {
  part: RulePartKind;
  action?: number;
  where: string;
  place: ProblemPlace;
  focus: ProblemFocus;
}

const SETTINGS: ProblemFocus = { scope: '[data-testid="rule-settings"]', controls: [] };

function locateTrigger(def: RuleShape, rest: string[], catalogue: RuleCatalogue, w: RuleWording): Located {
  const entry = entryOf(catalogue.triggers, def.trigger.type);
  const where = w.t('problem.where.trigger', { type: labelText(entry?.label, w.locale, def.trigger.type) });
  const scope = '[data-testid="rule-trigger"]';
  const typeControl = 'select[name="trigger-type"]';
  if (rest[0] !== 'config') return { part: 'trigger', where, place: { parts: [{ label: w.t('triggerType') }] }, focus: { scope, controls: [typeControl] } };
  const inner = rest.slice(1);
  const dateOffset = def.trigger.type.replace(/@.*$/, '') === 'date-offset';
  const overrides: Record<string, string> = dateOffset ? { field: w.t('problem.dateOffset.field'), offset: w.t('problem.dateOffset.offset'), at: w.t('problem.dateOffset.at') } : {};
  const place = placeInSchema(entry?.configSchema, inner, w, overrides);
  // The dedicated editor writes a parameter as an object (its problems lie under /offset/…): a problem with
  // the offset itself is its "Number" box, which takes a whole number.
  if (dateOffset && inner.length === 1 && inner[0] === 'offset') place.schema = { oneOf: [{ type: 'integer' }] };
  const own = dateOffset ? [...(inner[0] === 'offset' && inner[1] === 'default' ? ['input[name="offset-param-default"]'] : []), ...(DATE_OFFSET_CONTROLS[inner[0] ?? ''] ?? [])] : [];
  return { part: 'trigger', where, place, focus: { scope, controls: [...own, ...panelControls('trigger-config', inner), typeControl] } };
}

function locateAction(def: RuleShape, index: number, rest: string[], catalogue: RuleCatalogue, w: RuleWording): Located {
  const action = def.actions[index];
  const entry = action ? entryOf(catalogue.actions, action.type) : undefined;
  const where = w.t('problem.where.action', { n: index + 1, type: labelText(entry?.label, w.locale, action?.type ?? '') });
  const scope = `[data-testid="rule-action-${index}"]`;
  const typeControl = `select[name="action-${index}-type"]`;
  const located = (parts: FieldPart[], focus: Omit<ProblemFocus, 'scope'>, schema?: unknown): Located => ({
    part: 'action', action: index, where, place: { parts, schema }, focus: { scope, ...focus },
  });
  switch (rest[0]) {
    case 'params': {
      const inner = rest.slice(1);
      const place = placeInSchema(entry?.paramsSchema, inner, w);
      // "If nobody above is available" is its own picker below the generated panel.
      const fallback = inner[0] === 'fallbackAssignees' ? [`[name^="action-${index}-fallback"]`, `[data-testid^="action-${index}-fallback"]`] : [];
      return located(place.parts, { controls: [...fallback, ...panelControls(`action-${index}-params`, inner), typeControl] }, place.schema);
    }
    case 'when':
      return located([{ label: w.t('problem.field.when') }], { controls: [`[data-testid="condition-action-${index}-when"]`], open: 'details' });
    case 'forEach':
      return located([{ label: w.t('problem.field.forEach') }], { controls: [`[name="action-${index}-for-each"]`], open: 'details' });
    case 'type':
      return located([{ label: w.t('actionType') }], { controls: [typeControl] });
    default:
      return located([], { controls: [typeControl] });
  }
}

const SETTINGS_FIELDS: Record<string, { label: string; controls: string[] }> = {
  title: { label: 'title', controls: ['[name^="rule-title."]', '[name="rule-title"]'] },
  'scope/form': { label: 'scopeForm', controls: ['select[name="scope-form"]'] },
  'scope/flow': { label: 'scopeFlow', controls: ['select[name="scope-flow"]'] },
  scope: { label: 'problem.field.scope', controls: ['select[name="scope-form"]'] },
  enabled: { label: 'enabled', controls: ['input[name="rule-enabled"]'] },
  key: { label: 'problem.field.key', controls: [] },
  version: { label: 'problem.field.version', controls: [] },
  vars: { label: 'problem.field.vars', controls: [] },
};

function locate(def: RuleShape, path: string, catalogue: RuleCatalogue, w: RuleWording): Located {
  const [head, ...rest] = parsePointer(path);
  if (head === 'trigger') return locateTrigger(def, rest, catalogue, w);
  if (head === 'condition') return { part: 'condition', where: w.t('problem.where.condition'), place: { parts: [] }, focus: { scope: '[data-testid="rule-condition"]', controls: ['[data-testid="condition-rule-condition"]'] } };
  if (head === 'actions' && rest[0] !== undefined && /^\d+$/.test(rest[0])) return locateAction(def, Number(rest[0]), rest.slice(1), catalogue, w);
  if (head === 'actions') return { part: 'actions', where: w.t('problem.where.actions'), place: { parts: [] }, focus: { scope: '[data-testid="rule-actions"]', controls: ['[data-testid="add-action"]'] } };
  const known = SETTINGS_FIELDS[[head, rest[0]].filter(Boolean).join('/')] ?? SETTINGS_FIELDS[head ?? ''];
  const parts: FieldPart[] = head === undefined ? [] : [{ label: known ? w.t(known.label) : (w.label(head) ?? head) }];
  return { part: 'settings', where: w.t('problem.where.settings'), place: { parts }, focus: { ...SETTINGS, controls: known?.controls ?? [] } };
}

/** The one problem every rule must avoid, said plainly: a rule with no action does nothing. */
function isNoAction(issue: EngineIssue): boolean {
  return issue.path === '/actions' && issue.code === 'BATON_E_SCHEMA_MIN_ITEMS';
}

/**
 * The engine's problems with a rule as sentences that name the part by its label and position ("Action 2
 * (Create a task): 'Assignees' needs at least one entry."), each with the control to focus. Union summaries
 * that a more specific problem explains are left out.
 */
export function ruleProblems(issues: readonly EngineIssue[], def: RuleShape, catalogue: RuleCatalogue, w: RuleWording): RuleProblem[] {
  const problems = withoutCoveredUnions(issues).map((issue): RuleProblem => {
    const at = locate(def, issue.path, catalogue, w);
    const what = sentenceCase(isNoAction(issue) ? w.t('problem.noAction') : problemWhat(issue, at.place, w), w.locale);
    const sentence = w.t('problem.sentence', { where: at.where, what });
    return { issue, part: at.part, ...(at.action !== undefined ? { action: at.action } : {}), where: at.where, what, sentence, focus: at.focus };
  });
  // In the order the page reads (settings, IF, AND, THEN, action by action), not the engine's order of paths.
  const rank = (p: RuleProblem) => PART_ORDER.indexOf(p.part) * 10_000 + (p.action ?? 0);
  return problems.sort((a, b) => rank(a) - rank(b));
}

const PART_ORDER: readonly RulePartKind[] = ['settings', 'trigger', 'condition', 'actions', 'action'];

/** Problems as a panel shows them at its fields: the sentence about the field only (the panel says where). */
export function panelIssues(problems: readonly RuleProblem[]): Array<{ code: string; path: string; message: string }> {
  return problems.map((p) => ({ code: p.issue.code, path: p.issue.path, message: p.what }));
}
