import type { FlowDefinition } from '@baton/engine';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import type { IssuesByElement } from './flow-issue-targets.js';

/**
 * Every node and connection as a list: a keyboard-friendly way to reach them (edges are thin targets for
 * a mouse) and to see which ones have problems.
 */
const LARGE = 300;

// Memoized: with a 1,000-node flow it is thousands of rows, re-rendered only when the flow or its issues change.
export const ConnectionsList = memo(function ConnectionsList({ def, issues, onSelectEdge, onSelectNode }: { def: FlowDefinition; issues: IssuesByElement; onSelectEdge: (id: string) => void; onSelectNode: (id: string) => void }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const byId = useMemo(() => new Map(def.nodes.map((n) => [n.id, n])), [def.nodes]);
  const name = (id: string) => l(byId.get(id)?.name, id);
  // A big flow's list is thousands of rows: drawn on request, so opening the flow does not wait for it.
  const large = def.nodes.length + def.edges.length > LARGE;
  const [expanded, setExpanded] = useState(false);
  if (large && !expanded) {
    return (
      <div className="connections">
        <button type="button" className="link" data-testid="show-all-elements" onClick={() => setExpanded(true)}>
          {t('showAllElements', { nodes: def.nodes.length, edges: def.edges.length })}
        </button>
      </div>
    );
  }
  return (
    <div className="connections">
      <h3>{t('nodes')}</h3>
      <ul>
        {def.nodes.map((n) => (
          <li key={n.id}>
            <button type="button" className="link" data-testid={`select-node-${n.id}`} onClick={() => onSelectNode(n.id)}>{l(n.name, n.id)}</button>
            {issues.nodes.get(n.id)?.length ? <span className="badge badge-error"> {issues.nodes.get(n.id)!.length}</span> : null}
          </li>
        ))}
      </ul>
      <h3>{t('connections')}</h3>
      {def.edges.length === 0 ? <p className="muted small">{t('noConnections')}</p> : null}
      <ul>
        {def.edges.map((e) => (
          <li key={e.id}>
            <button type="button" className="link" data-testid={`select-edge-${e.id}`} onClick={() => onSelectEdge(e.id)}>
              {name(e.from)} → {name(e.to)}
            </button>
            {e.condition !== undefined ? <span className="badge">{t('edgeConditional')}</span> : null}
            {e.default ? <span className="badge">{t('edgeDefaultShort')}</span> : null}
            {issues.edges.get(e.id)?.length ? <span className="badge badge-error"> {issues.edges.get(e.id)!.length}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
});
