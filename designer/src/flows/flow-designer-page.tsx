import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useDndAccessibility } from '../shared/dnd-accessibility.js';
import { ReactFlowProvider, useReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { FormDefinition, SimulationResult } from '@baton/engine';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useStore } from 'zustand';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { EditorFrame } from '../definitions/editor-frame.js';
import { useDefinitionEditor } from '../definitions/use-definition-editor.js';
import { useDefinitionKeys, useFormBodies } from '../shared/forms/use-form-bodies.js';
import { FlowCanvas } from './flow-canvas.js';
import { addNode, connect, copySelection, defaultConfig, paste, removeElements, type Clipboard, type FlowBody, type Point } from './flow-graph.js';
import { flowIssueTarget, issuesByElement } from './flow-issue-targets.js';
import { layoutPositions, NODE_HEIGHT, NODE_WIDTH } from './flow-layout.js';
import type { BatonFlowNode } from './flow-node-view.js';
import { FlowPalette } from './flow-palette.js';
import { EdgeProperties, FlowSettings, NodeProperties } from './flow-properties.js';
import { createFlowStore } from './flow-store.js';
import { flowReferences, newFlow } from './new-flow.js';
import { highlights } from './scenario-builder.js';
import { SimulatePanel } from './simulate-panel.js';
import { useFlowShortcuts } from './use-flow-shortcuts.js';
import { ConnectionsList } from './connections-list.js';
import { FlowProblemList, useFlowProblems } from './flow-problem-list.js';

function contentText(def: FlowBody | null): string {
  if (!def) return '';
  const { version: _v, ...rest } = def;
  return JSON.stringify(rest);
}

const CLIPBOARD_KEY = 'baton.flow.clipboard';

export function FlowDesignerPage() {
  return (
    <ReactFlowProvider>
      <FlowDesigner />
    </ReactFlowProvider>
  );
}

/** The flow designer: palette → canvas, connect by dragging, panels per node and edge, simulate. */
function FlowDesigner() {
  const { key = '' } = useParams();
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const editor = useDefinitionEditor<FlowBody>('flow', key, newFlow, flowReferences);
  const [store] = useState(createFlowStore);
  const def = useStore(store, (s) => s.def);
  const canUndo = useStore(store.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (s) => s.futureStates.length > 0);
  const [selected, setSelected] = useState<{ nodes: Set<string>; edges: Set<string> }>({ nodes: new Set(), edges: new Set() });
  // Node sizes xyflow measured: kept for nodes the canvas rebuilds (a drag), never a reason to re-render
  // (that would re-adopt every node of a 1,000-node flow once they are all measured).
  const [measured] = useState(() => new Map<string, { width: number; height: number }>());
  const [panel, setPanel] = useState<'properties' | 'simulate'>('properties');
  const [simulation, setSimulation] = useState<SimulationResult | null>(null);
  const [dragType, setDragType] = useState<string | null>(null);
  const clipboard = useRef<Clipboard | null>(null);
  const { screenToFlowPosition } = useReactFlow();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor));
  const dndAccessibility = useDndAccessibility();

  // The editor (load, autosave) and the undoable store hold the same definition; keep them in step.
  // A body this page handed to the editor comes back one render later, when the store may have moved on (a
  // panel writing its defaults as it mounts): loading that echo would undo the newer change, which the store
  // would then push again, back and forth for ever (React error #185). Only bodies from elsewhere are loaded.
  // The same content under a new version number (an autosave finishing) is an echo too.
  const echoes = useRef(new WeakSet<object>());
  const lastPushed = useRef('');
  useEffect(() => {
    if (!editor.body || echoes.current.has(editor.body) || contentText(editor.body) === lastPushed.current) return;
    const current = store.getState().def;
    if (!current || contentText(current) !== contentText(editor.body)) store.getState().load(editor.body);
  }, [editor.body, store]);
  useEffect(() => {
    if (!def || !editor.body || contentText(def) === contentText(editor.body)) return;
    lastPushed.current = contentText(def);
    editor.setBody((b) => {
      const next = { ...def, version: b.version };
      echoes.current.add(next);
      return next;
    });
  }, [def]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = useCallback((update: (d: FlowBody) => FlowBody) => store.getState().apply(update), [store]);
  const formKeys = useDefinitionKeys('form');
  const boundKeys = useMemo(() => (def ? flowReferences(def).map((r) => r.key) : []), [def]);
  const forms = useFormBodies(boundKeys);
  // Problems name nodes and connections by their titles, not the engine's ids (codes and paths unchanged).
  const problems = useFlowProblems(def, editor.issues);
  const byElement = useMemo(() => (def ? issuesByElement(def, problems) : { nodes: new Map(), edges: new Map(), flow: [] }), [def, problems]);
  const highlight = useMemo(() => (def && simulation ? highlights(def, simulation) : null), [def, simulation]);

  const selectOnly = useCallback((nodes: string[], edges: string[] = []) => setSelected({ nodes: new Set(nodes), edges: new Set(edges) }), []);
  const selectEdge = useCallback((id: string) => selectOnly([], [id]), [selectOnly]);
  const selectNode = useCallback((id: string) => selectOnly([id]), [selectOnly]);

  // Node and edge selection changes arrive in two callbacks of the same tick: update from the latest state.
  const onNodesChange = useCallback(
    (changes: NodeChange<BatonFlowNode>[]) => {
      const positions = new Map<string, Point>();
      const sizes = new Map<string, { width: number; height: number }>();
      const picks: Array<[string, boolean]> = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) positions.set(c.id, c.position);
        else if (c.type === 'dimensions' && c.dimensions) sizes.set(c.id, c.dimensions);
        else if (c.type === 'select') picks.push([c.id, c.selected]);
      }
      if (positions.size > 0) store.getState().dragTo(positions);
      for (const [id, size] of sizes) measured.set(id, size);
      if (picks.length > 0) {
        setSelected((old) => {
          const nodes = new Set(old.nodes);
          for (const [id, on] of picks) on ? nodes.add(id) : nodes.delete(id);
          return { nodes, edges: old.edges };
        });
      }
    },
    [store, measured],
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const picks = changes.flatMap((c) => (c.type === 'select' ? [[c.id, c.selected] as const] : []));
    if (picks.length === 0) return;
    setSelected((old) => {
      const edges = new Set(old.edges);
      for (const [id, on] of picks) on ? edges.add(id) : edges.delete(id);
      return { nodes: old.nodes, edges };
    });
  }, []);
  // `keepSelection`: connecting from a selected node's "Connect to…" keeps that node (and the focus) selected.
  const onConnect = useCallback(
    (c: Connection, keepSelection?: boolean) => {
      const d = store.getState().def;
      if (!d) return;
      const result = connect(d, c.source, c.sourceHandle, c.target);
      if (result.id) {
        apply(() => result.def as FlowBody);
        if (!keepSelection) selectOnly([], [result.id]);
      }
    },
    [store, apply],
  );

  const actions = useMemo(
    () => ({
      undo: () => store.temporal.getState().undo(),
      redo: () => store.temporal.getState().redo(),
      copy: () => {
        const d = store.getState().def;
        if (!d || selected.nodes.size === 0) return;
        clipboard.current = copySelection(d, selected.nodes);
        try {
          localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(clipboard.current));
        } catch {
          /* the in-page clipboard still works */
        }
      },
      paste: () => {
        let clip = clipboard.current;
        if (!clip) {
          try {
            clip = JSON.parse(localStorage.getItem(CLIPBOARD_KEY) ?? 'null') as Clipboard | null;
          } catch {
            clip = null;
          }
        }
        const d = store.getState().def;
        if (!clip || !d || clip.nodes.length === 0) return;
        const result = paste(d, clip, { x: 40, y: 40 });
        apply(() => result.def as FlowBody);
        selectOnly(result.nodeIds);
      },
      layout: () =>
        apply((d) => {
          const positions = layoutPositions(d);
          return { ...d, nodes: d.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position ?? { x: 0, y: 0 } })) };
        }),
      remove: () => apply((d) => removeElements(d, selected.nodes, selected.edges) as FlowBody),
    }),
    [store, apply, selected],
  );
  useFlowShortcuts(actions);

  const onDragEnd = (event: DragEndEvent) => {
    setDragType(null);
    const type = (event.active.data.current as { type?: string } | undefined)?.type;
    if (!type || event.over?.id !== 'flow-canvas') return;
    const start = event.activatorEvent as PointerEvent;
    const point = screenToFlowPosition({ x: ('clientX' in start ? start.clientX : 0) + event.delta.x, y: ('clientY' in start ? start.clientY : 0) + event.delta.y });
    const entry = findEntry(catalogue.nodes, type);
    const label = entry?.label;
    const name = typeof label === 'object' ? { en: label.en ?? type, ...(label['zh-CN'] ? { 'zh-CN': label['zh-CN'] } : {}) } : (label ?? type);
    const d = store.getState().def;
    if (!d) return;
    const result = addNode(d, type, name, { x: point.x - NODE_WIDTH / 2, y: point.y - NODE_HEIGHT / 2 }, defaultConfig(type));
    apply(() => result.def as FlowBody);
    selectOnly([result.id]);
    setPanel('properties');
  };

  const selectedNode = selected.nodes.size === 1 && selected.edges.size === 0 ? def?.nodes.findIndex((n) => selected.nodes.has(n.id)) : -1;
  const selectedEdge = selected.edges.size === 1 && selected.nodes.size === 0 ? def?.edges.findIndex((e) => selected.edges.has(e.id)) : -1;
  const usedForms = [...forms.values()] as FormDefinition[];
  const onIssue = (issue: { path: string }) => {
    if (!def) return;
    const target = flowIssueTarget(def, issue.path);
    setPanel('properties');
    if (target.kind === 'node') selectOnly([target.id]);
    else if (target.kind === 'edge') selectOnly([], [target.id]);
    else selectOnly([]);
  };

  return (
    <EditorFrame
      editor={editor}
      title={def ? l(def.title, key) : key}
      onIssue={onIssue}
      problemList={<FlowProblemList issues={problems} onSelect={onIssue} />}
      toolbar={
        <div className="toolbar" role="toolbar" aria-label={t('toolbar')}>
          <button type="button" disabled={!canUndo} onClick={actions.undo} title="Ctrl+Z" data-testid="undo">{t('undo')}</button>
          <button type="button" disabled={!canRedo} onClick={actions.redo} title="Ctrl+Shift+Z" data-testid="redo">{t('redo')}</button>
          <button type="button" onClick={actions.layout} title="Shift+L" data-testid="auto-layout">{t('autoLayout')}</button>
          <button type="button" disabled={selected.nodes.size === 0} onClick={actions.copy} title="Ctrl+C">{t('copy')}</button>
          <button type="button" onClick={actions.paste} title="Ctrl+V">{t('paste')}</button>
          <button type="button" disabled={selected.nodes.size + selected.edges.size === 0} onClick={actions.remove} title="Delete">{t('delete')}</button>
          <button type="button" className={panel === 'simulate' ? 'active' : ''} data-testid="toggle-simulate" onClick={() => setPanel((p) => (p === 'simulate' ? 'properties' : 'simulate'))}>
            {t('simulate')}
          </button>
        </div>
      }
    >
      {def ? (
        <DndContext sensors={sensors} accessibility={dndAccessibility} onDragStart={(e) => setDragType((e.active.data.current as { type?: string } | undefined)?.type ?? null)} onDragEnd={onDragEnd} onDragCancel={() => setDragType(null)}>
          <div className="designer-grid flow-grid">
            <FlowPalette entries={catalogue.nodes} />
            <FlowCanvas
              def={def}
              issues={byElement}
              selection={selected}
              measured={measured}
              highlight={highlight}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onDelete={(nodes, edges) => apply((d) => removeElements(d, nodes, edges) as FlowBody)}
              onDragStart={() => store.getState().beginDrag()}
              onDragStop={() => store.getState().endDrag()}
            />
            <div className="side-panel">
              {panel === 'simulate' ? (
                <SimulatePanel def={def} forms={usedForms} onResult={setSimulation} />
              ) : selectedNode !== undefined && selectedNode >= 0 ? (
                <NodeProperties def={def} node={def.nodes[selectedNode]!} index={selectedNode} onChange={apply} onRenamed={(id) => selectOnly([id])} issues={problems} forms={forms} formKeys={formKeys} />
              ) : selectedEdge !== undefined && selectedEdge >= 0 ? (
                <EdgeProperties def={def} edge={def.edges[selectedEdge]!} index={selectedEdge} onChange={apply} issues={problems} form={def.form ? forms.get(def.form) : undefined} />
              ) : (
                <>
                  <FlowSettings def={def} onChange={apply} issues={byElement.flow} formKeys={formKeys} />
                  <ConnectionsList def={def} issues={byElement} onSelectEdge={selectEdge} onSelectNode={selectNode} />
                </>
              )}
            </div>
          </div>
          <DragOverlay>{dragType ? <div className="drag-overlay">{l(findEntry(catalogue.nodes, dragType)?.label, dragType)}</div> : null}</DragOverlay>
        </DndContext>
      ) : null}
    </EditorFrame>
  );
}
