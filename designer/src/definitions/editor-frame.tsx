import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { PublishDialog } from './publish-dialog.js';
import { SaveStatus } from './save-status.js';
import type { DefinitionBody, DefinitionEditor } from './use-definition-editor.js';
import { VersionHistory } from './version-history.js';

/**
 * The bar every editor shares: which definition, its save state, its problems, history and publish.
 * `onIssue` lets an editor jump to the node / field an issue points at; `problemList` replaces the generic
 * list (here and in the publish dialog) with the editor's own, e.g. the rule designer's sentences.
 */
export function EditorFrame<T extends DefinitionBody>({
  editor,
  title,
  toolbar,
  children,
  onIssue,
  problemList,
  publishNotes,
}: {
  editor: DefinitionEditor<T>;
  title: string;
  toolbar?: ReactNode;
  children: ReactNode;
  onIssue?: (issue: DisplayIssue) => void;
  problemList?: ReactNode;
  /** The editor's own sentences for the publish dialog (the report designer's dashboard placement). */
  publishNotes?: ReactNode;
}) {
  const { t } = useTranslation('definitions');
  const [publishing, setPublishing] = useState(false);
  const [history, setHistory] = useState(false);
  const [showIssues, setShowIssues] = useState(false);
  if (editor.loadError) return <ErrorPanel error={editor.loadError} title={t('loadFailed')} />;
  if (!editor.body) return <p className="muted" role="status">{t('statusLoading')}</p>;
  return (
    <div className="editor">
      <div className="editor-bar">
        <nav className="crumbs" aria-label={t('breadcrumb')}>
          <Link to={`/build?kind=${editor.kind}`}>{t(`kind.${editor.kind}`)}</Link> / <strong>{title}</strong> <code>{editor.defKey}</code>
        </nav>
        <SaveStatus save={editor.save} />
        <button type="button" className={editor.issues.length > 0 ? 'warn' : ''} data-testid="issues-toggle" onClick={() => setShowIssues((s) => !s)}>
          {t('problems', { count: editor.issues.length })}
        </button>
        {toolbar}
        <button type="button" onClick={() => setHistory(true)}>{t('history')}</button>
        <button type="button" className="primary" data-testid="publish" onClick={() => setPublishing(true)}>{t('publish')}</button>
      </div>
      {editor.restoredLocal ? (
        <div className="notice" role="status">
          {t('restoredLocal')} <button type="button" className="link" onClick={editor.discardLocal}>{t('discardLocal')}</button>
        </div>
      ) : null}
      {editor.save.state === 'error' ? <ErrorPanel error={editor.save.error} title={t('saveFailed')} /> : null}
      {showIssues ? (
        <div className="issues-panel" data-testid="issues-panel">
          {editor.issues.length === 0 ? <p className="muted">{t('noProblems')}</p> : (problemList ?? <IssueList issues={editor.issues} {...(onIssue ? { onSelect: onIssue } : {})} />)}
        </div>
      ) : null}
      {children}
      <PublishDialog editor={editor} open={publishing} onClose={() => setPublishing(false)} problemList={problemList} notes={publishNotes} />
      <VersionHistory editor={editor} open={history} onClose={() => setHistory(false)} />
    </div>
  );
}
