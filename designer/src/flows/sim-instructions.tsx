import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import type { TaskInstructions } from './scenario-runner.js';

/**
 * What each step of the run told its people, filled from the data and the records the run read: the place
 * to check that "{assets.assetId.tag}" shows the devices, before anyone receives the text.
 */
export function SimInstructions({ list, nodeName }: { list: readonly TaskInstructions[]; nodeName: (id: string) => string }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  if (list.length === 0) return null;
  return (
    <details className="sim-instructions" data-testid="sim-instructions">
      <summary>{t('simInstructions')} ({list.length})</summary>
      <ul>
        {list.map((item) => (
          <li key={item.taskId} data-testid={`sim-instructions-${item.node}`}>
            <strong>{nodeName(item.node)}</strong>: {l(item.text, '')}
          </li>
        ))}
      </ul>
    </details>
  );
}
