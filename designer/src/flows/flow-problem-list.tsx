import type { FlowDefinition } from '@baton/engine';
import { useMemo } from 'react';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { flowNames, type FlowNames } from './flow-element-names.js';
import { wordFlowProblems } from './flow-problem-wording.js';

/** Nodes and connections named by their titles in the UI's language (output ports by their labels). */
export function useFlowNames(def: Pick<FlowDefinition, 'nodes' | 'edges'> | null): FlowNames | null {
  const { locale, l } = useLocalized();
  const catalogue = useCatalogue();
  return useMemo(() => {
    if (!def) return null;
    const types = new Map(def.nodes.map((n) => [n.id, n.type]));
    const port = (nodeId: string, id: string) => {
      const label = findEntry(catalogue.nodes, types.get(nodeId) ?? '')?.ports?.outputs.find((p) => p.id === id)?.label;
      return label === undefined ? undefined : l(label, id);
    };
    return flowNames(def, locale, port);
  }, [def?.nodes, def?.edges, locale, catalogue]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The editor's problems with nodes and connections named by title (codes and paths unchanged). */
export function useFlowProblems(def: Pick<FlowDefinition, 'nodes' | 'edges'> | null, issues: DisplayIssue[]): DisplayIssue[] {
  const names = useFlowNames(def);
  return useMemo(() => (def && names ? wordFlowProblems(issues, def, names) : issues), [issues, names]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The flow's problems (worded with titles by useFlowProblems) in the shared list: a click selects the element. */
export function FlowProblemList({ issues, onSelect }: { issues: DisplayIssue[]; onSelect?: (issue: DisplayIssue) => void }) {
  if (issues.length === 0) return null;
  return (
    <div data-testid="flow-problems">
      <IssueList issues={issues} {...(onSelect ? { onSelect } : {})} />
    </div>
  );
}
