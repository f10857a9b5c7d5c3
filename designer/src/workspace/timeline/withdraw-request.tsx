import type { Instance } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useApi } from '../../app/session/use-api.js';
import { useSession } from '../../app/session/session-store.js';
import { Dialog } from '../../app/ui/dialog.js';
import { useMyRoles } from '../../dashboard/use-my-roles.js';

/** Who may end a running request: HR and admins cancel it, its initiator withdraws it (POST /instances/:id/cancel). */
export function endingOf(instance: Pick<Instance, 'status' | 'initiator'>, me: string | null, roles: readonly string[] | null): 'cancel' | 'withdraw' | null {
  if (instance.status !== 'running' || me === null) return null;
  // The server cancels for HR and admins, even on a request they started themselves.
  if (roles?.some((r) => r === 'hr' || r === 'admin')) return 'cancel';
  return instance.initiator === me ? 'withdraw' : null;
}

/**
 * "Withdraw request" for the initiator of a running request ("Cancel request" for HR and admins), behind
 * a confirmation that takes an optional reason; the reason then shows on the timeline. Hidden once the
 * request has ended.
 */
export function WithdrawRequest({ instance, onDone }: { instance: Instance; onDone: (message: string) => void }) {
  const { t } = useTranslation('workspace');
  const api = useApi();
  const me = useSession((s) => s.userId);
  const roles = useMyRoles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ending = endingOf(instance, me, roles);
  if (!ending) return null;
  const close = () => {
    setOpen(false);
    setReason('');
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.instances.cancel(instance.id, reason.trim() ? { reason: reason.trim() } : {});
      close();
      onDone(t(ending === 'withdraw' ? 'withdrawDone' : 'cancelDone'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger" data-testid="withdraw-request" onClick={() => setOpen(true)}>
        {t(ending === 'withdraw' ? 'withdrawRequest' : 'cancelRequest')}
      </button>
      <Dialog
        open={open}
        title={t(ending === 'withdraw' ? 'withdrawTitle' : 'cancelTitle')}
        onClose={close}
        footer={
          <>
            <button type="button" onClick={close}>{t('withdrawKeep')}</button>
            <button type="button" className="danger" data-testid="confirm-withdraw" disabled={busy} onClick={() => void confirm()}>
              {t(ending === 'withdraw' ? 'withdrawConfirm' : 'cancelConfirm')}
            </button>
          </>
        }
      >
        <p>{t('withdrawExplain')}</p>
        <label className="block">
          {t('withdrawReason')}
          <textarea data-testid="withdraw-reason" rows={3} maxLength={2000} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error ? <ErrorPanel error={error} /> : null}
      </Dialog>
    </>
  );
}
