import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel, IssueList } from '../app/errors/error-panel.js';
import { Dialog } from '../app/ui/dialog.js';
import { diffDefinitions, type Change } from './definition-diff.js';
import { describeChange, describeFirstVersion, technicalDetailsLabel, type DiffLocale, type TitleOf } from './describe-change.js';
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
  // A node's x and y move as two changes that read the same ("Moved step ‘A’"): each sentence once.
  const seen = new Set<string>();
  const lines = changes.flatMap((c) => {
    const line = describeChange(c, before, after, locale);
    if (seen.has(line)) return [];
    seen.add(line);
    return [{ line, kind: c.kind }];
  });
  return (
    <>
      <ul className="diff-summary" data-testid="diff-summary">
        {lines.map((c, i) => (
          <li key={i} className={`diff-${c.kind}`}>{c.line}</li>
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

/** Titles of the published definitions this one refers to (a flow's form), as the editor resolved them. */
function titleOf(resolved: ReadonlyArray<{ kind: string; key: string; body: unknown }>, locale: DiffLocale): TitleOf {
  return (kind, key) => {
    const title = (resolved.find((r) => r.kind === kind && r.key === key)?.body as { title?: unknown } | undefined)?.title;
    if (typeof title === 'string') return title;
    const byLocale = (title ?? {}) as Record<string, unknown>;
    const text = byLocale[locale] ?? byLocale.en ?? byLocale['zh-CN'];
    return typeof text === 'string' ? text : undefined;
  };
}

/** Nothing published yet: what the first version holds, in one sentence (the JSON stays under a disclosure). */
function FirstVersion({ body, resolved, changes }: { body: unknown; resolved: ReadonlyArray<{ kind: string; key: string; body: unknown }>; changes: Change[] }) {
  const { t, i18n } = useTranslation('definitions');
  const locale: DiffLocale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <>
      <h3>{t('diffFirst')}</h3>
      <p data-testid="first-version-summary">{describeFirstVersion(body, locale, titleOf(resolved, locale))}</p>
      <details data-testid="diff-details">
        <summary>{technicalDetailsLabel(locale)}</summary>
        <ChangeTable changes={changes} />
      </details>
    </>
  );
}

/** Before publishing: what changes against the published version, and the problems that would block it. */
export function PublishDialog<T extends DefinitionBody>({ editor, open, onClose, problemList, notes }: { editor: DefinitionEditor<T>; open: boolean; onClose: () => void; problemList?: ReactNode; notes?: ReactNode }) {
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
          {notes}
          {editor.published ? (
            <>
              <h3>{t('diffAgainst', { version: editor.published.version })}</h3>
              <ChangeList changes={changes} before={editor.published.body} after={editor.body} />
            </>
          ) : (
            <FirstVersion body={editor.body} resolved={editor.resolved ?? []} changes={changes} />
          )}
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
