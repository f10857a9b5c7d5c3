import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal on the native <dialog> element: focus is trapped and Escape closes it, with no library. */
export function Dialog({ open, title, onClose, children, footer }: { open: boolean; title: string; onClose: () => void; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Escape that a control inside already handled (a person picker closing its list) keeps the dialog open.
  const escapeHandled = useRef(false);
  const { t } = useTranslation('common');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      onClose={onClose}
      onKeyDown={(e) => {
        escapeHandled.current = e.key === 'Escape' && e.defaultPrevented;
      }}
      onCancel={(e) => {
        const handled = escapeHandled.current;
        escapeHandled.current = false;
        if (handled) e.preventDefault();
        else onClose();
      }}
    >
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>×</button>
      </header>
      <div className="dialog-body">{open ? children : null}</div>
      {footer ? <footer className="dialog-footer">{footer}</footer> : null}
    </dialog>
  );
}
