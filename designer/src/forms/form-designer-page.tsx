import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useDndAccessibility } from '../shared/dnd-accessibility.js';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { FormDefinition, FormField } from '@baton/engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { EditorFrame } from '../definitions/editor-frame.js';
import { useDefinitionEditor } from '../definitions/use-definition-editor.js';
import { FieldProperties } from './field-properties.js';
import { FormCanvas } from './form-canvas.js';
import { dropTarget, type OverInfo } from './form-drop-target.js';
import { formIssueTarget } from './form-issue-targets.js';
import { findField, insertField, moveField, removeField, uniqueKey, type ContainerId } from './form-layout.js';
import { FormPalette } from './form-palette.js';
import { FormPreview } from './form-preview.js';
import type { Selection } from './form-selection.js';
import { FormSettings, SectionProperties } from './form-settings.js';
import { FormValidationsEditor } from './form-validations-editor.js';
import { useFieldChangeGuard } from './field-change-guard.js';
import { useUndoShortcuts, useUndoableDraft } from '../shared/use-undo-history.js';
import { defaultFieldConfig, formReferences, newForm } from './new-form.js';

type FormBody = FormDefinition & { version: number };

/** What undo compares: the draft without the version the server stamps on each save. */
function withoutVersion(body: FormBody): string {
  const { version: _version, ...rest } = body;
  return JSON.stringify(rest);
}

/** Nested drop targets (a sub-table inside the form): the innermost one under the pointer wins. */
const innermostFirst: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length === 0) return closestCenter(args);
  const area = (id: string | number) => {
    const r = args.droppableRects.get(id);
    return r ? r.width * r.height : Number.MAX_SAFE_INTEGER;
  };
  return [...within].sort((a, b) => area(a.id) - area(b.id));
};

function pointerY(event: DragEndEvent): number {
  const start = event.activatorEvent as PointerEvent | KeyboardEvent;
  const y = 'clientY' in start ? start.clientY : (event.active.rect.current.initial?.top ?? 0);
  return y + event.delta.y;
}

/** The form designer: palette → canvas by drag and drop, generated property panels, rules and a live preview. */
export function FormDesignerPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const editor = useDefinitionEditor<FormBody>('form', key, newForm, formReferences);
  const [selection, setSelection] = useState<Selection>({ kind: 'form' });
  const [tab, setTab] = useState<'design' | 'rules' | 'preview'>('design');
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const dndAccessibility = useDndAccessibility();
  const def = editor.body;
  // Every edit goes through the undo history; the editor keeps loading and autosaving the result.
  const draft = useUndoableDraft<FormBody>(editor.body, (next) => editor.setBody((b) => ({ ...next, version: b.version })), withoutVersion);
  const change = (update: (d: FormDefinition) => FormDefinition) => draft.change((b) => ({ ...(update(b) as FormBody), version: b.version }));
  useUndoShortcuts(draft.undo, draft.redo);
  const guard = useFieldChangeGuard(def);
  const remove = async (itemId: string) => {
    if (!(await guard.confirmRemove(itemId))) return;
    change((d) => removeField(d, itemId));
    setSelection({ kind: 'form' });
  };

  const onDragStart = (event: DragStartEvent) => setDragging(String(event.active.id));
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    if (!def) return;
    const active = event.active.data.current as { kind: 'palette'; type: string } | { kind: 'field'; itemId: string; container: ContainerId; index: number } | undefined;
    const over = event.over ? ({ data: event.over.data.current, rect: event.over.rect } as OverInfo) : null;
    if (!active) return;
    const target = dropTarget(over, pointerY(event), active.kind === 'field' ? active : {});
    if (!target) return;
    if (active.kind === 'palette') {
      const table = target.container.startsWith('table:') ? target.container.slice('table:'.length) : undefined;
      const entry = findEntry(catalogue.fields, active.type);
      if (table !== undefined && active.type === 'sub-table') return;
      const fieldKey = uniqueKey(def, active.type, table);
      const field: FormField = { key: fieldKey, type: active.type, label: { en: l(entry?.label, active.type), 'zh-CN': typeof entry?.label === 'object' ? (entry.label['zh-CN'] ?? l(entry.label)) : l(entry?.label, active.type) } };
      if (active.type === 'sub-table') field.fields = [{ key: 'item', type: 'text', label: { en: 'Item', 'zh-CN': '项目' } }];
      const config = defaultFieldConfig(active.type);
      if (config) field.config = config;
      const { def: next, itemId } = insertField(def, field, target);
      change(() => next);
      setSelection({ kind: 'field', itemId });
      return;
    }
    change((d) => moveField(d, active.itemId, target));
  };

  const issueCount = (itemId: string) =>
    def ? editor.issues.filter((i) => { const tgt = formIssueTarget(def, i.path); return tgt.kind === 'field' && tgt.itemId === itemId; }).length : 0;

  const draggingLabel = (() => {
    if (!dragging || !def) return null;
    if (dragging.startsWith('palette:')) return l(findEntry(catalogue.fields, dragging.slice('palette:'.length))?.label, dragging);
    const f = findField(def, dragging.slice('field:'.length));
    return f ? l(f.label, f.key) : null;
  })();

  return (
    <EditorFrame
      editor={editor}
      title={def ? l(def.title, key) : key}
      onIssue={(issue) => {
        if (!def) return;
        const target = formIssueTarget(def, issue.path);
        setTab(target.kind === 'validation' ? 'rules' : 'design');
        if (target.kind === 'field') setSelection({ kind: 'field', itemId: target.itemId });
        else if (target.kind === 'section') setSelection({ kind: 'section', index: target.index });
        else setSelection({ kind: 'form' });
      }}
      toolbar={
        <>
        <div className="row compact" role="group" aria-label={t('undo')}>
          <button type="button" disabled={!draft.canUndo} onClick={draft.undo} title={t('undoTitle')} aria-keyshortcuts="Control+Z Meta+Z" data-testid="form-undo">{t('undo')}</button>
          <button type="button" disabled={!draft.canRedo} onClick={draft.redo} title={t('redoTitle')} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" data-testid="form-redo">{t('redo')}</button>
        </div>
        <div role="tablist" className="tabs compact">
          {(['design', 'rules', 'preview'] as const).map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} data-testid={`tab-${name}`} onClick={() => setTab(name)}>
              {t(`tab.${name}`)}
            </button>
          ))}
        </div>
        </>
      }
    >
      {def ? (
        tab === 'design' ? (
          <DndContext sensors={sensors} accessibility={dndAccessibility} collisionDetection={innermostFirst} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
            <div className="designer-grid">
              <FormPalette entries={catalogue.fields} />
              <FormCanvas def={def} selection={selection} onSelect={setSelection} issueCount={issueCount} onRemove={(itemId) => void remove(itemId)} />
              <div className="side-panel">
                {selection.kind === 'field' && findField(def, selection.itemId) ? (
                  <FieldProperties def={def} itemId={selection.itemId} onChange={change} onRenamed={(itemId) => setSelection({ kind: 'field', itemId })} confirmRename={guard.confirmRename} issues={editor.issues} />
                ) : selection.kind === 'section' ? (
                  <SectionProperties def={def} index={selection.index} onChange={change} onRemoved={() => setSelection({ kind: 'form' })} />
                ) : (
                  <FormSettings def={def} onChange={change} issues={editor.issues} />
                )}
              </div>
            </div>
            <DragOverlay>{draggingLabel ? <div className="drag-overlay">{draggingLabel}</div> : null}</DragOverlay>
          </DndContext>
        ) : tab === 'rules' ? (
          <FormValidationsEditor def={def} onChange={change} issues={editor.issues} />
        ) : (
          <FormPreview def={def} valid={editor.issues.length === 0 && def.fields.length > 0} />
        )
      ) : null}
      {guard.dialog}
    </EditorFrame>
  );
}
