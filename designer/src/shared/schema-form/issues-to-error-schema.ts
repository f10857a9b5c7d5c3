import type { ErrorSchema } from '@rjsf/utils';
import { parsePointer } from '../json-pointer.js';

export interface PathIssue {
  path: string;
  message: string;
}

/**
 * Engine issues under `base` (e.g. "/nodes/3/config") as rjsf's error tree, so each message shows at its
 * field in a generated property panel. Issues outside `base` are left out.
 */
export function issuesToErrorSchema(issues: readonly PathIssue[], base: string): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    if (issue.path !== base && !issue.path.startsWith(base + '/')) continue;
    const segments = parsePointer(issue.path.slice(base.length));
    let node = root;
    for (const segment of segments) {
      const next = (node[segment] ??= {}) as Record<string, unknown>;
      node = next;
    }
    const list = ((node.__errors as string[] | undefined) ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return root as ErrorSchema;
}
