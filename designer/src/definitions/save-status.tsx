import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-definition-editor.js';

/** "Saved as draft v3", "2 problems: kept in this browser", "Saving…" — always visible in the editor bar. */
export function SaveStatus({ save }: { save: SaveState }) {
  const { t } = useTranslation('definitions');
  let text: string;
  switch (save.state) {
    case 'loading':
      text = t('statusLoading');
      break;
    case 'new':
      text = t('statusNew');
      break;
    case 'pending':
      text = t('statusPending');
      break;
    case 'saving':
      text = t('statusSaving');
      break;
    case 'saved':
      text = t('statusSaved', { version: save.version });
      break;
    case 'local':
      text = t('statusLocal', { count: save.problems });
      break;
    case 'error':
      text = t('statusError');
      break;
  }
  return (
    <span className={`save-status save-${save.state}`} data-testid="save-status" data-state={save.state} role="status" aria-live="polite">
      {text}
    </span>
  );
}
