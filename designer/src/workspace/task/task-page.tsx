import type { Instance, TaskAction, TaskDetail } from '@baton/client';
import type { FlowDefinition } from '@baton/engine';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useSession } from '../../app/session/session-store.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { formatWhen } from '../format-when.js';
import { PersonName } from '../people/person-name.js';
import { taskStatusLabel } from '../status-labels.js';
import { ActionBar, DEFAULT_COMMENT_REQUIRED } from './task-actions.js';
import { SentBackNotice, sentBackBy } from './sent-back-notice.js';
import { TaskFormSection } from './task-form-section.js';
import { loadTaskSections, sectionErrors, showsAnything, submissionData } from './task-form-sections.js';
import { usePendingUploads } from './pending-uploads.js';
import { unsignedSignatureError, type SignatureFormSchemas } from './unsigned-signatures.js';
import { useTaskForms } from './use-task-form.js';

const SENDS_DATA = new Set(['approve', 'complete', 'submit', 'resubmit', 'reject']);
/** Decisions that need the step's required signatures (a rejection does not). */
const SIGNS = new Set(['approve', 'complete', 'submit', 'resubmit']);

interface Loaded {
  task: TaskDetail;
  instance: Instance | null;
  flow: FlowDefinition | null;
  /** The request (at this node's access) and the step's own form, or the request alone. */
  sources: Awaited<ReturnType<typeof loadTaskSections>>;
}

/**
 * One task: the request's data the step may see (read-only) with the fields and sub-table columns it may
 * edit, the step's own form, a comment, and the actions the node allows.
 */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const me = useSession((s) => s.userId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // A signature still uploading: actions wait, so its reference goes with the data.
  const uploading = usePendingUploads((s) => s.count > 0);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const task = await api.tasks.get(id);
      const instance = task.instanceId ? await api.instances.get(task.instanceId).catch(() => null) : null;
      const flowKey = task.flowKey ?? instance?.flowKey ?? null;
      const flow = flowKey ? ((await api.definitions.get('flow', flowKey, instance?.flowVersion).catch(() => null))?.body as unknown as FlowDefinition | undefined) ?? null : null;
      const sources = await loadTaskSections(api, flow, task.nodeId, task.formKey);
      setData(task.data as Record<string, unknown>);
      setLoaded({ task, instance, flow, sources });
    } catch (e) {
      setLoadError(e);
    }
  }, [api, id]);

  useEffect(() => {
    void load();
  }, [load]);

  const task = loaded?.task;
  const open = task?.status === 'open';
  const mine = !!task && (me === null || task.assignees.includes(me));
  // Whom the request is about cannot change once it has started (the server refuses it at every step).
  const forms = useTaskForms(loaded?.sources ?? null, task?.nodeId ?? '', !open || !mine, false, loaded?.flow?.subject?.field ?? null);
  // Issue paths point into the request body ("/data/assets/1/returned"): each section shows its own, at the field.
  const sectionErrorsList = useMemo(
    () => (forms.value ?? []).map((f) => sectionErrors(actionError, new Set(Object.keys((f.schemas.schema.properties ?? {}) as object)))),
    [forms.value, actionError],
  );

  const returnTargets = useMemo(() => {
    const flow = loaded?.flow;
    const visited = new Set((loaded?.instance?.history ?? []).map((h) => h.nodeId).filter(Boolean));
    return (flow?.nodes ?? [])
      .filter((n) => n.id !== task?.nodeId && visited.has(n.id))
      .map((n) => ({ id: n.id, label: l(n.name as never, n.id) }));
  }, [loaded, task?.nodeId, l]);

  const act = async (action: Omit<TaskAction, 'data' | 'comment'>) => {
    if (!task) return;
    // A required pad nobody signed is refused here, at the pad, as the server would refuse it.
    const unsigned = SIGNS.has(action.action) ? unsignedSignatureError((forms.value ?? []).map((f) => f.schemas as SignatureFormSchemas), data, locale) : null;
    if (unsigned) {
      setDone(null);
      setActionError(unsigned);
      return;
    }
    setBusy(true);
    setActionError(null);
    setDone(null);
    try {
      const body: TaskAction = { ...action };
      if (comment.trim()) body.comment = comment.trim();
      const editable = submissionData(data, (forms.value ?? []).map((f) => f.access));
      if (SENDS_DATA.has(action.action) && Object.keys(editable).length > 0) body.data = editable as TaskAction['data'];
      await api.tasks.act(task.id, body);
      setDone(t(`action.${action.action}`, { defaultValue: action.action }).replace(/[.…]+$/, ''));
      setComment('');
      await load();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  // Comments written on this task so far (comment-only actions and decisions with a comment).
  const comments = (loaded?.instance?.history ?? []).filter((h) => h.taskId === task?.id && !!h.comment);

  // On a resubmit task: who sent the request back, from which step, and why.
  const sentBack = task && open ? sentBackBy(loaded?.instance?.history ?? [], task.createdAt) : undefined;
  const sentBackStep = sentBack?.nodeId ? loaded?.flow?.nodes.find((n) => n.id === sentBack.nodeId) : undefined;

  if (loadError) return <ErrorPanel error={loadError} onRetry={() => void load()} />;
  if (!loaded || !task) return <p role="status">{t('loading')}</p>;
  const sections = (forms.value ?? []).map((f, i) => ({ form: f, plan: loaded.sources[i]!, errors: sectionErrorsList[i] ?? {} }));
  const twoForms = loaded.sources.length > 1;
  return (
    <section className="task-page" data-testid="task-page">
      <p><Link to="/">{t('backToInbox')}</Link></p>
      <h1>{l(task.title as never, task.nodeId)}</h1>
      {task.description ? <p>{l(task.description as never)}</p> : null}
      <dl className="facts">
        <dt>{t('colStatus')}</dt>
        <dd data-testid="task-status">{taskStatusLabel(task, locale)}</dd>
        {task.dueAt ? (<><dt>{t('colDue')}</dt><dd>{formatWhen(task.dueAt, locale)}</dd></>) : null}
        <dt>{t('colReceived')}</dt>
        <dd>{formatWhen(task.createdAt, locale)}</dd>
      </dl>
      {task.instanceId ? <p><Link to={`/instances/${encodeURIComponent(task.instanceId)}`} data-testid="open-timeline">{t('viewTimeline')}</Link></p> : null}
      {!open ? <p className="notice" role="status">{t('taskClosed', { status: taskStatusLabel(task, locale) })}</p> : null}
      {open && !mine ? <p className="notice" role="status">{t('taskNotMine')}</p> : null}
      {sentBack ? <SentBackNotice entry={sentBack} stepName={sentBackStep ? l(sentBackStep.name as never, sentBackStep.id) : (sentBack.nodeId ?? '')} /> : null}

      {forms.error ? <ErrorPanel error={forms.error} /> : null}
      {loaded.sources.length === 0 ? (<><h2>{t('taskForm')}</h2><EmptyState title={t('taskNoForm')} /></>) : null}
      {loaded.sources.length > 0 && !forms.value && !forms.error ? <p role="status">{t('formLoading')}</p> : null}
      {sections.map(({ form, plan, errors }) =>
        plan.role === 'request' && twoForms && !showsAnything(form.access) ? null : (
          <section key={plan.key} aria-label={plan.role === 'request' && twoForms ? t('taskRequest') : t('taskForm')}>
            <h2>{plan.role === 'request' && twoForms ? t('taskRequest') : t('taskForm')}</h2>
            <TaskFormSection
              form={form}
              idPrefix={plan.idPrefix}
              data={data}
              errors={errors}
              testId={plan.idPrefix === 'task' ? 'task-form' : 'request-form'}
              ownRows={task.ownRows}
              instanceId={task.instanceId ?? undefined}
              onChange={(fields) => setData((d) => ({ ...d, ...fields }))}
            />
          </section>
        ),
      )}

      {open && mine ? (
        <section className="decide" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('actionsTitle')}</h2>
          <label className="block">
            {t('comment')}
            <textarea name="comment" data-testid="task-comment" rows={3} value={comment} placeholder={t('commentPlaceholder')} onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="row">
            {/* Always offered on an open task: the comment lands on the timeline, the task stays open. */}
            <button type="button" data-testid="action-comment" disabled={busy || comment.trim() === ''} title={t('commentOnlyHint')} onClick={() => void act({ action: 'comment' })}>
              {t('action.comment')}
            </button>
            <span className="muted small">{t('commentOnlyHint')}</span>
          </div>
          <ActionBar
            actions={task.actions.filter((a) => a !== 'comment')}
            returnTargets={returnTargets}
            commentRequired={task.commentRequired ?? DEFAULT_COMMENT_REQUIRED}
            comment={comment}
            onCommentChange={setComment}
            disabled={busy || uploading} onAct={(a) => void act(a)} />
        </section>
      ) : null}
      {comments.length > 0 ? (
        <section aria-labelledby="comments-title">
          <h2 id="comments-title">{t('comment')}</h2>
          <ul className="comments" data-testid="task-comments">
            {comments.map((h) => (
              <li key={h.seq}>
                <strong>{h.actor ? <PersonName id={h.actor} /> : '—'}</strong> <span className="muted small">{formatWhen(h.at, locale)}</span>
                <p>{h.comment}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {done ? <p className="success" role="status" data-testid="action-done">{t('actionDone', { action: done })}</p> : null}
      {actionError ? <ErrorPanel error={actionError} title={t('actionFailed')} /> : null}
    </section>
  );
}
