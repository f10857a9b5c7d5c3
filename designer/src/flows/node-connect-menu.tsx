import type { CatalogueEntry, FlowDefinition } from '@baton/engine';
import { createContext, useContext, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { connectTargets, outgoingEdges } from './flow-graph.js';
import './node-connect-menu.css';

/** What the selected node's "Connect to…" needs from the canvas: the flow, the types and the same actions as a drag. */
export interface ConnectActions {
  def: FlowDefinition;
  entryOf: (type: string) => CatalogueEntry | undefined;
  /** Exactly one node (and no connection) is selected: the menu shows for it only. */
  single: boolean;
  connect: (from: string, port: string, to: string) => void;
  remove: (edgeId: string) => void;
}

export const ConnectContext = createContext<ConnectActions | null>(null);

// Keys the canvas would act on (Delete removes the node, Enter/Escape/arrows select or move it): inside
// the menu they belong to its controls.
const MENU_KEYS = new Set(['Enter', ' ', 'Escape', 'Delete', 'Backspace', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/**
 * Under the selected node, a small "Connect to…" button (so a mouse selection does not cover the canvas)
 * that opens the menu and puts the focus on its list. In the menu: connect the node to another node by name, through one of its output ports, and
 * remove a connection it has — the keyboard and screen-reader way to do what dragging a handle does.
 * Connections go through the same `connect` (same refusals) and the same undo history as a drag.
 */
export function NodeConnectMenu({ nodeId }: { nodeId: string }) {
  const actions = useContext(ConnectContext);
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const [port, setPort] = useState('');
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  // Opening (a click, Enter or Shift+C) puts the focus where the choice is made.
  useEffect(() => {
    if (open) select.current?.focus();
  }, [open]);
  if (!actions?.single) return null;
  const { def, entryOf } = actions;
  const node = def.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const outputs = entryOf(node.type)?.ports?.outputs ?? [{ id: 'out' }];
  if (outputs.length === 0) return null;
  const name = (id: string) => l(def.nodes.find((n) => n.id === id)?.name, id);
  const portLabel = (id: string | undefined) => l(outputs.find((p) => p.id === (id ?? 'out'))?.label as never, id ?? 'out');
  const through = outputs.some((p) => p.id === port) ? port : outputs[0]!.id;
  const hasInput = (n: FlowDefinition['nodes'][number]) => (entryOf(n.type)?.ports?.inputs ?? [{ id: 'in' }]).length > 0;
  const targets = connectTargets(def, nodeId, through, hasInput);
  const chosen = targets.find((x) => x.id === target && !x.refused)?.id;
  const outgoing = outgoingEdges(def, nodeId);

  const add = () => {
    if (!chosen) return;
    actions.connect(nodeId, through, chosen);
    setStatus(t('connect.done', { from: name(nodeId), to: name(chosen) }));
    setTarget('');
  };
  const remove = (edgeId: string, to: string) => {
    actions.remove(edgeId);
    setStatus(t('connect.removed', { from: name(nodeId), to: name(to) }));
    select.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!MENU_KEYS.has(e.key)) return;
    e.stopPropagation();
    if (e.key === 'Escape') {
      setOpen(false);
      (e.currentTarget.closest('.react-flow__node') as HTMLElement | null)?.focus();
    }
    else if (e.key === 'Enter' && e.target === select.current) {
      e.preventDefault();
      add();
    }
  };

  // A click in here is not a click on the node: with Shift held (Shift+C) the canvas would deselect it.
  const inside = (e: MouseEvent<HTMLDivElement>) => e.stopPropagation();
  if (!open) {
    return (
      <div className="node-connect-opener nodrag nopan" onKeyDown={onKeyDown} onClick={inside}>
        <button type="button" data-connect-open="" data-testid={`connect-open-${nodeId}`} aria-expanded="false" title="Shift+C" onClick={() => setOpen(true)}>
          {t('connect.to')}
        </button>
      </div>
    );
  }
  return (
    <div className="node-connect nodrag nopan nowheel" role="group" aria-label={t('connect.group', { node: name(nodeId) })} data-testid={`connect-menu-${nodeId}`} onKeyDown={onKeyDown} onClick={inside}>
      {outputs.length > 1 ? (
        <label>
          {t('connect.through')}
          <select value={through} data-testid="connect-port" onChange={(e) => setPort(e.target.value)}>
            {outputs.map((p) => <option key={p.id} value={p.id}>{portLabel(p.id)}</option>)}
          </select>
        </label>
      ) : null}
      <label>
        {t('connect.to')}
        <select ref={select} value={chosen ?? ''} data-connect-select="" data-testid="connect-target" onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('connect.choose')}</option>
          {targets.map((x) => (
            <option key={x.id} value={x.id} disabled={x.refused !== undefined}>
              {x.refused === 'self' ? t('connect.self', { node: name(x.id) }) : x.refused === 'connected' ? t('connect.connected', { node: name(x.id) }) : name(x.id)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!chosen} data-testid="connect-add" onClick={add}>{t('connect.add')}</button>
      <p className="muted small">{t('connect.help')}</p>
      <div className="node-connect-out">{t('connect.outgoing')}</div>
      {outgoing.length === 0 ? <p className="muted small">{t('connect.none')}</p> : null}
      <ul>
        {outgoing.map((e) => (
          <li key={e.id} data-testid={`connect-out-${e.id}`}>
            {outputs.length > 1 ? `${portLabel(e.port)} → ` : '→ '}{name(e.to)}
            <button type="button" className="link" aria-label={t('connect.remove', { to: name(e.to) })} data-testid={`connect-remove-${e.id}`} onClick={() => remove(e.id, e.to)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small" role="status" data-testid="connect-status">{status}</p>
    </div>
  );
}
