import { useTranslation } from 'react-i18next';
import { toDisplayError, type DisplayError, type DisplayIssue } from './to-display-error.js';

/**
 * Problems as a list for people: each one's sentence first (a button that selects the element it is about,
 * when the editor can), the catalogue code and JSON Pointer small, folded under "Details" for support and
 * the technically minded, as the rule and flow designers' own lists show them.
 */
export function IssueList({ issues, onSelect }: { issues: DisplayIssue[]; onSelect?: (issue: DisplayIssue) => void }) {
  const { t } = useTranslation('common');
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${issue.code}-${i}`} data-error-code={issue.code} data-path={issue.path}>
          {onSelect ? (
            <button type="button" className="link issue-message" onClick={() => onSelect(issue)}>{issue.message}</button>
          ) : (
            <span className="issue-message">{issue.message}</span>
          )}{' '}
          <details className="issue-details">
            <summary>{t('errorDetails')}</summary>
            <code className="issue-code">{issue.code}</code> <code className="issue-path">{issue.path || '/'}</code>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** Inside an error's own "Details": each issue's pointer, message and code on one line (details are for support). */
function IssueFacts({ issues }: { issues: DisplayIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${issue.code}-${i}`}>
          <code className="issue-path">{issue.path || '/'}</code> <span className="issue-message">{issue.message}</span> <code className="issue-code">{issue.code}</code>
        </li>
      ))}
    </ul>
  );
}

/** Field problems in words only: the path and code go behind "Details". */
function PlainIssues({ issues }: { issues: DisplayIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list issue-list-plain">
      {issues.map((issue, i) => <li key={`${issue.path}-${issue.code}-${i}`} className="issue-message">{issue.message}</li>)}
    </ul>
  );
}

/**
 * An error from the API, the engine or the app: a sentence for people first, the code, path, request and
 * each issue's path folded behind "Details" (support and designers need them, employees do not).
 * A 403/404 says the thing is not there or not visible, with no "Try again" (trying again changes nothing).
 */
export function ErrorPanel({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const e = toDisplayError(error);
  const notVisible = isNotVisible(e);
  return (
    <div className="error-panel" role="alert" data-error-code={e.code}>
      <strong>{notVisible ? t(isInstanceRequest(e) ? 'notVisibleRequest' : 'notVisibleTitle') : (title ?? t('errorTitle'))}</strong>
      <p className="error-message">{notVisible ? t('notVisibleHelp') : e.message}</p>
      <PlainIssues issues={e.issues} />
      <details className="error-details">
        <summary>{t('errorDetails')}</summary>
        {notVisible ? <p className="error-message-raw">{e.message}</p> : null}
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
        <IssueFacts issues={e.issues} />
      </details>
      {onRetry && !isRefusal(e) ? <button type="button" onClick={onRetry}>{t('retry')}</button> : null}
    </div>
  );
}

/** 404: the server hides what the user may not see, so "not there" and "not yours" read the same. */
export function isNotVisible(e: DisplayError): boolean {
  return e.source === 'api' && e.status === 404;
}

/** 403/404: asking again gives the same answer, so no "Try again". */
function isRefusal(e: DisplayError): boolean {
  return e.source === 'api' && (e.status === 404 || e.status === 403);
}

function isInstanceRequest(e: DisplayError): boolean {
  return /\/instances\/[^/\s]+/.test(e.request ?? '');
}
