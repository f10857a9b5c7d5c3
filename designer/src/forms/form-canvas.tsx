import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { FormDefinition } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { containerAnnounce, dropAreaName, fieldAnnounce } from './form-drop-target.js';
import { containers, findField, tableContainer, type Container } from './form-layout.js';
import type { Selection } from './form-selection.js';

export interface CanvasProps {
  def: FormDefinition;
  selection: Selection;
  onSelect: (s: Selection) => void;
  onRemove: (itemId: string) => void;
  /** Problems per item id, to badge the cards. */
  issueCount: (itemId: string) => number;
}

function DropZone({ container, children, empty, area }: { container: Container; children: React.ReactNode; empty: string; area: string }) {
  // `announce`: what screen readers hear this area called (shared/dnd-announcements.ts).
  const { setNodeRef, isOver } = useDroppable({ id: `container:${container.id}`, data: { kind: 'container', container: container.id, announce: containerAnnounce(area) } });
  return (
    <SortableContext id={container.id} items={container.items.map((i) => `field:${i}`)} strategy={verticalListSortingStrategy}>
      <ol ref={setNodeRef} className={`drop-zone${isOver ? ' over' : ''}`} data-testid={`drop-${container.id}`}>
        {children}
        {container.items.length === 0 ? <li className="drop-hint">{empty}</li> : null}
      </ol>
    </SortableContext>
  );
}

function FieldCard({ itemId, container, index, area, props }: { itemId: string; container: string; index: number; area: string; props: CanvasProps }) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const field = findField(props.def, itemId)!;
  const label = l(field.label, field.key);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: `field:${itemId}`, data: { kind: 'field', itemId, container, index, label, announce: fieldAnnounce(label, area) } });
  const selected = props.selection.kind === 'field' && props.selection.itemId === itemId;
  const problems = props.issueCount(itemId);
  const isTable = field.type.replace(/@.*$/, '') === 'sub-table';
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`field-card${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}${problems > 0 ? ' has-issues' : ''}`}
      data-testid={`field-card-${itemId}`}
      onClick={(e) => {
        e.stopPropagation();
        props.onSelect({ kind: 'field', itemId });
      }}
    >
      <div className="field-card-head">
        <span className="drag-handle" aria-label={t('dragHandle')} {...attributes} {...listeners}>⠿</span>
        <strong>{label}</strong>
        <code>{field.key}</code>
        <span className="type-tag">{field.type}</span>
        {field.required ? <span className="badge">{t('badgeRequired')}</span> : null}
        {field.visibleIf !== undefined ? <span className="badge">{t('badgeVisibleIf')}</span> : null}
        {field.requiredIf !== undefined ? <span className="badge">{t('badgeRequiredIf')}</span> : null}
        {field.computed !== undefined ? <span className="badge">{t('badgeComputed')}</span> : null}
        {problems > 0 ? <span className="badge badge-error">{t('problemsShort', { count: problems })}</span> : null}
        <button
          type="button"
          className="icon-button"
          aria-label={t('removeField', { key: field.key })}
          onClick={(e) => {
            e.stopPropagation();
            props.onRemove(itemId);
          }}
        >
          ×
        </button>
      </div>
      {isTable ? (
        <div className="table-columns">
          <span className="muted small">{t('columns')}</span>
          <ContainerList container={tableContainer(props.def, field.key)} props={props} empty={t('dropColumns')} />
        </div>
      ) : null}
    </li>
  );
}

function ContainerList({ container, props, empty }: { container: Container; props: CanvasProps; empty: string }) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const table = container.table === undefined ? undefined : findField(props.def, container.table);
  const title = container.kind === 'section' ? l(container.section?.title, t('untitledSection')) : table ? l(table.label, table.key) : '';
  const area = dropAreaName(container.kind, title, t);
  return (
    <DropZone container={container} empty={empty} area={area}>
      {container.items.map((itemId, index) => (
        <FieldCard key={itemId} itemId={itemId} container={container.id} index={index} area={area} props={props} />
      ))}
    </DropZone>
  );
}

/** The form being built: sections, then the fields outside any section; each a drop target. */
export function FormCanvas(props: CanvasProps) {
  const { t } = useTranslation('forms');
  const { l } = useLocalized();
  const list = containers(props.def);
  const hasSections = list.some((c) => c.kind === 'section');
  return (
    <div className="form-canvas" data-testid="form-canvas" onClick={() => props.onSelect({ kind: 'form' })}>
      {list.map((container) => {
        if (container.kind === 'section') {
          const index = Number(container.id.slice('section:'.length));
          const selected = props.selection.kind === 'section' && props.selection.index === index;
          return (
            <section key={container.id} className={`form-section${selected ? ' selected' : ''}`}>
              <button
                type="button"
                className="section-title link"
                onClick={(e) => {
                  e.stopPropagation();
                  props.onSelect({ kind: 'section', index });
                }}
              >
                {l(container.section?.title, t('untitledSection'))}
              </button>
              <ContainerList container={container} props={props} empty={t('dropHere')} />
            </section>
          );
        }
        return (
          <section key="root" className="form-section root">
            {hasSections ? <span className="section-title muted">{t('unsectioned')}</span> : null}
            <ContainerList container={container} props={props} empty={props.def.fields.length === 0 ? t('canvasEmpty') : t('dropHere')} />
          </section>
        );
      })}
    </div>
  );
}
