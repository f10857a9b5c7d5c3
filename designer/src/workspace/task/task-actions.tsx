import type { TaskAction } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../app/ui/dialog.js';
import { ActionPeople } from './action-people.js';

/** Actions that need a target: a node (return) or people (delegation, signers). */
const NEEDS_USERS = new Set(['delegate', 'transfer', 'add-signer', 'add-signer-after', 'add-signer-before']);
const PRIMARY = new Set(['approve', 'complete', 'submit', 'resubmit']);
/** What the server asks a reason for when an older runtime does not say (task-action-rules.ts). */
export const DEFAULT_COMMENT_REQUIRED = ['reject', 'return'];

export interface ActionBarProps {
  actions: string[];
  /** Steps the task may be returned to (id and label), earliest first. */
  returnTargets: Array<{ id: string; label: string }>;
  /** Actions that need a comment (the reason): they open the dialog with the comment marked required. */
  commentRequired: readonly string[];
  /** The task's comment, shared with the page's comment box. */
  comment: string;
  onCommentChange: (comment: string) => void;
  disabled: boolean;
  onAct: (action: Omit<TaskAction, 'data' | 'comment'>) => void;
}

/**
 * One button per action the node allows; return asks for its step, delegation and signers for people (the
 * person picker), and an action the node wants a reason for (reject, return) for that reason, required.
 */
export function ActionBar({ actions, returnTargets, commentRequired, comment, onCommentChange, disabled, onAct }: ActionBarProps) {
  const { t } = useTranslation('workspace');
  const [pending, setPending] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [people, setPeople] = useState<string[]>([]);
  const label = (a: string) => t(`action.${a}`, { defaultValue: a });
  const close = () => {
    setPending(null);
    setTarget('');
    setPeople([]);
  };
  const needsTarget = pending !== null && NEEDS_USERS.has(pending);
  const needsReason = pending !== null && commentRequired.includes(pending);
  const blocked = (needsTarget && people.length === 0) || (needsReason && comment.trim() === '');
  const confirm = () => {
    if (!pending || blocked) return;
    if (pending === 'return') onAct({ action: 'return', ...(target ? { to: target } : {}) });
    else if (needsTarget) onAct({ action: pending, to: people });
    else onAct({ action: pending });
    close();
  };
  const opensDialog = (a: string) => a === 'return' || NEEDS_USERS.has(a) || commentRequired.includes(a);
  return (
    <div className="action-bar row" role="group" aria-label={t('actionsTitle')}>
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          data-testid={`action-${a}`}
          className={PRIMARY.has(a) ? 'primary' : a === 'reject' ? 'danger' : ''}
          disabled={disabled}
          onClick={() => (opensDialog(a) ? setPending(a) : onAct({ action: a }))}
        >
          {label(a)}
        </button>
      ))}
      <Dialog
        open={pending !== null}
        title={pending ? label(pending).replace(/[.…]+$/, '') : ''}
        onClose={close}
        footer={
          <>
            <button type="button" onClick={close}>{t('cancel')}</button>
            <button type="button" className={pending === 'reject' ? 'danger' : 'primary'} data-testid="confirm-action" disabled={blocked} onClick={confirm}>{t('confirm')}</button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            confirm();
          }}
        >
          {pending === 'return' ? (
            <label>
              {t('returnTo')}
              <select autoFocus value={target} onChange={(e) => setTarget(e.target.value)} data-testid="return-target">
                <option value="">{t('returnDefault')}</option>
                {returnTargets.map((n) => (
                  <option key={n.id} value={n.id}>{n.label}</option>
                ))}
              </select>
            </label>
          ) : needsTarget && pending !== null ? (
            <ActionPeople action={pending} value={people} onChange={setPeople} />
          ) : null}
          {needsReason ? (
            <label className="block">
              {t('reasonLabel')}
              <textarea
                data-testid="action-reason"
                rows={3}
                required
                aria-required="true"
                aria-describedby="action-reason-hint"
                autoFocus={pending !== 'return'}
                value={comment}
                onChange={(e) => onCommentChange(e.target.value)}
              />
              <span id="action-reason-hint" className="muted small">{t('reasonHint')}</span>
            </label>
          ) : null}
        </form>
      </Dialog>
    </div>
  );
}
