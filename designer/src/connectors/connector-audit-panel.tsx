import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectorDeliveries } from './connector-deliveries.js';
import './connectors.css';
import type { ConnectorsApi } from './connectors-api.js';

interface Props {
  api: ConnectorsApi;
  connectorKey: string;
  type: string;
  disabledReason: string | null;
  /** The type's actions: the deliveries' event filter offers them. */
  typeActions: readonly string[];
  /** After a refresh: the list's health and dead-letter counts follow. */
  onActivity: () => void;
  onClose: () => void;
}

/**
 * One connector as an auditor reads it: its deliveries and their proofs, nothing else. The settings and
 * secrets are not asked for (the server refuses them to auditors), and nothing can be changed or resent.
 */
export function ConnectorAuditPanel({ api, connectorKey, type, disabledReason, typeActions, onActivity, onClose }: Props) {
  const { t } = useTranslation('connectors');
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the list above: bring it into view and move focus to it, as the editor does.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [connectorKey]);
  const titleId = `connector-${connectorKey}-audit-title`;
  return (
    <section className="connector-editor" aria-labelledby={titleId} data-testid="connector-audit-panel">
      <div className="editor-bar">
        <h2 id={titleId} ref={heading} tabIndex={-1}>{t('editorTitle', { key: connectorKey })}</h2>
        <span className="type-tag">{type}</span>
        <button type="button" onClick={onClose} style={{ marginLeft: 'auto' }}>{t('close')}</button>
      </div>
      {disabledReason ? <p className="notice" data-testid="connector-disabled">{t('disabledBecause', { reason: disabledReason })}</p> : null}
      <ConnectorDeliveries api={api} connectorKey={connectorKey} reloadToken={0} canReplay={false} typeActions={typeActions} onActivity={onActivity} />
    </section>
  );
}
