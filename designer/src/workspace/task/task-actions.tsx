import type { TaskAction } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../app/ui/dialog.js';
import { ActionPeople } from './action-people.js';

/** Actions that need a target: a node (return) or people (delegation, signers). */
const NEEDS_USERS = new Set(['delegate', 'transfer', 'add-signer', 'add-signer-after', 'add-signer-before']);
const PRIMARY = new Set(['approve', 'complete', 'submit', 'resubmit']);

export interface ActionBarProps {
  actions: string[];
  /** Steps the task may be returned to (id and label), earliest first. */
  returnTargets: Array<{ id: string; label: string }>;
  disabled: boolean;
  onAct: (action: Omit<TaskAction, 'data' | 'comment'>) => void;
}

/** One button per action the node allows; return asks for its step, delegation and signers for people (the person picker). */
export function ActionBar({ actions, returnTargets, disabled, onAct }: ActionBarProps) {
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
  const confirm = () => {
    if (!pending) return;
    if (pending === 'return') onAct({ action: 'return', ...(target ? { to: target } : {}) });
    else onAct({ action: pending, to: people });
    close();
  };
  const needsTarget = pending !== null && NEEDS_USERS.has(pending);
  return (
    <div className="action-bar row" role="group" aria-label={t('actionsTitle')}>
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          data-testid={`action-${a}`}
          className={PRIMARY.has(a) ? 'primary' : a === 'reject' ? 'danger' : ''}
          disabled={disabled}
          onClick={() => (a === 'return' || NEEDS_USERS.has(a) ? setPending(a) : onAct({ action: a }))}
        >
          {label(a)}
        </button>
      ))}
      <Dialog
        open={pending !== null}
        title={pending ? label(pending) : ''}
        onClose={close}
        footer={
          <>
            <button type="button" onClick={close}>{t('cancel')}</button>
            <button type="button" className="primary" data-testid="confirm-action" disabled={needsTarget && people.length === 0} onClick={confirm}>{t('confirm')}</button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!(needsTarget && people.length === 0)) confirm();
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
          ) : pending !== null ? (
            <ActionPeople action={pending} value={people} onChange={setPeople} />
          ) : null}
        </form>
      </Dialog>
    </div>
  );
}
