import type { ProblemFocus } from './rule-problems.js';

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusableIn(element: Element | null): HTMLElement | null {
  if (!element) return null;
  if (element.matches(FOCUSABLE)) return element as HTMLElement;
  return element.querySelector<HTMLElement>(FOCUSABLE);
}

/**
 * Moves the focus to the control a problem is about: the first of its controls found inside its part (an
 * action's folded "Only when…" opened first), else the part's first control. Returns the focused element.
 */
export function focusRuleProblem(focus: ProblemFocus, root: ParentNode = document): HTMLElement | null {
  const scope = root.querySelector(focus.scope);
  if (!scope) return null;
  if (focus.open) scope.querySelectorAll<HTMLDetailsElement>(focus.open).forEach((d) => (d.open = true));
  let target: HTMLElement | null = null;
  for (const selector of focus.controls) {
    target = focusableIn(scope.querySelector(selector));
    if (target) break;
  }
  target ??= focusableIn(scope);
  if (!target) return null;
  target.scrollIntoView({ block: 'center' });
  target.focus();
  return target;
}
