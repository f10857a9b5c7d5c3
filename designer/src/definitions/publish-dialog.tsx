import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { Dialog } from '../app/ui/dialog.js';
import { diffDefinitions, type Change } from './definition-diff.js';
import { describeChange, technicalDetailsLabel, type DiffLocale } from './describe-change.js';
import type { DefinitionBody, DefinitionEditor } from './use-definition-editor.js';

function short(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

/** The changes in words by title; the raw JSON diff stays behind a disclosure for the technically minded. */
export function ChangeList({ changes, before, after }: { changes: Change[]; before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation('definitions');
  if (changes.length === 0) return <p className="muted">{t('diffNone')}</p>;
  const locale: DiffLocale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <>
      <ul className="diff-summary" data-testid="diff-summary">
        {changes.map((c, i) => (
          <li key={i} className={`diff-${c.kind}`}>{describeChange(c, before, after, locale)}</li>
        ))}
      </ul>
      <details data-testid="diff-details">
        <summary>{technicalDetailsLabel(locale)}</summary>
        <ChangeTable changes={changes} />
      </details>
    </>
  );
}

function ChangeTable({ changes }: { changes: Change[] }) {
  const { t } = useTranslation('definitions');
  return (
    <table className="diff-table" data-testid="diff-table">
      <thead>
        <tr>
          <th>{t('diffChange')}</th>
          <th>{t('diffPath')}</th>
          <th>{t('diffBefore')}</th>
          <th>{t('diffAfter')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} className={`diff-${c.kind}`}>
            <td>{t(`diffKind.${c.kind}`)}</td>
            <td>
              <code>{c.path}</code>
              {c.item ? <span className="muted"> ({c.item})</span> : null}
            </td>
            <td><code>{short(c.before)}</code></td>
            <td><code>{short(c.after)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Before publishing: what changes against the published version, and the problems that would block it. */
export function PublishDialog<T extends DefinitionBody>({ editor, open, onClose, problemList }: { editor: DefinitionEditor<T>; open: boolean; onClose: () => void; problemList?: ReactNode }) {
  const { t } = useTranslation('definitions');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const changes = useMemo(() => (open && editor.body ? diffDefinitions(editor.published?.body ?? {}, editor.body) : []), [open, editor.body, editor.published]);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const def = await editor.publish();
      setDone(def.version);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // The engine already found problems: the server would refuse, so say so first instead of after a click.
  const blocked = editor.issues.length > 0;
  const close = () => {
    setError(null);
    setDone(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('publishTitle')}
      onClose={close}
      footer={
        done === null ? (
          <>
            <button type="button" onClick={close}>{t('cancel')}</button>
            <button type="button" className="primary" data-testid="confirm-publish" disabled={busy || blocked} onClick={() => void publish()}>
              {busy ? t('publishing') : t('publishConfirm')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={close}>{t('close')}</button>
        )
      }
    >
      {done !== null ? (
        <p className="success" role="status" data-testid="publish-done">{t('publishDone', { version: done })}</p>
      ) : (
        <>
          {blocked ? <p className="notice" role="status" data-testid="publish-blocked">{t('publishBlocked', { count: editor.issues.length })}</p> : null}
          <h3>{editor.published ? t('diffAgainst', { version: editor.published.version }) : t('diffFirst')}</h3>
          <ChangeList changes={changes} before={editor.published?.body ?? {}} after={editor.body} />
          {editor.issues.length > 0 ? (
            <>
              <h3>{t('problems', { count: editor.issues.length })}</h3>
              {problemList ?? <IssueList issues={editor.issues} />}
            </>
          ) : null}
          {error ? <ErrorPanel error={error} title={t('publishFailed')} /> : null}
        </>
      )}
    </Dialog>
  );
}
