import { useTranslation } from 'react-i18next';
import { toDisplayError, type DisplayIssue } from './to-display-error.js';

/** Issues as a list: code, JSON Pointer and message of each, so the user sees what to change and where. */
export function IssueList({ issues, onSelect }: { issues: DisplayIssue[]; onSelect?: (issue: DisplayIssue) => void }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${issue.code}-${i}`}>
          {onSelect ? (
            <button type="button" className="link" onClick={() => onSelect(issue)}>
              <code className="issue-path">{issue.path || '/'}</code>
            </button>
          ) : (
            <code className="issue-path">{issue.path || '/'}</code>
          )}{' '}
          <span className="issue-message">{issue.message}</span> <code className="issue-code">{issue.code}</code>
        </li>
      ))}
    </ul>
  );
}

/** An error from the API, the engine or the app, with the code, path and message it carries. */
export function ErrorPanel({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const e = toDisplayError(error);
  return (
    <div className="error-panel" role="alert" data-error-code={e.code}>
      <strong>{title ?? t('errorTitle')}</strong>
      <p className="error-message">{e.message}</p>
      <dl className="error-facts">
        <dt>{t('errorCode')}</dt>
        <dd><code className="error-code">{e.code}</code></dd>
        <dt>{t('errorPath')}</dt>
        <dd><code className="error-path">{e.path || '/'}</code></dd>
        {e.request ? (
          <>
            <dt>{t('errorRequest')}</dt>
            <dd><code>{e.request}{e.status ? ` → ${e.status}` : ''}</code></dd>
          </>
        ) : null}
      </dl>
      <IssueList issues={e.issues} />
      {onRetry ? <button type="button" onClick={onRetry}>{t('retry')}</button> : null}
    </div>
  );
}
