import type { InstanceEvidence } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../dashboard/download-file.js';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { formatWhen } from '../format-when.js';
import { ShownPerson } from '../people/person-name.js';
import { usePeople } from '../people/use-people.js';
import { useInstanceEvidence } from './use-instance-evidence.js';
import { verifyEvidenceChain, type BrowserEvidenceCheck } from './verify-evidence-chain.js';
import './evidence.css';

/** The verdict of the last browser verification, in words. */
function VerifyResult({ check }: { check: BrowserEvidenceCheck }) {
  const { t } = useTranslation('evidence');
  if (check.ok) {
    const key = check.signatures === 'checked' ? 'verifiedOk' : 'verifiedOkNoSignatures';
    return <p className="evidence-verdict ok" role="status" data-testid="evidence-verdict" data-ok="true">✓ {t(key, { count: check.entries, checkpoints: check.checkpoints })}</p>;
  }
  const first = check.firstBroken!;
  const reason = t(`reason.${first.code}`);
  return (
    <div className="evidence-verdict broken" role="alert" data-testid="evidence-verdict" data-ok="false" data-seq={first.seq ?? ''}>
      ✗ {first.seq === undefined ? t('brokenOther', { reason }) : t('brokenEntry', { seq: first.seq, reason })}
      {check.problems.length > 1 ? <> {t('brokenMore', { count: check.problems.length })}</> : null}
    </div>
  );
}

function EntriesTable({ evidence, brokenSeq }: { evidence: InstanceEvidence; brokenSeq: number | undefined }) {
  const { t, i18n } = useTranslation('evidence');
  const { locale } = useLocalized();
  // Actors by name (one directory request for the page); ids that are not people (system) show as they are.
  const people = usePeople([...new Set(evidence.entries.map((e) => e.actor))]);
  // The words for people; the recorded action key stays in the tooltip for auditors.
  const actionLabel = (action: string) => (i18n.exists(`evidence:action.${action}`) ? t(`action.${action}`) : action);
  return (
    <table className="evidence-table" data-testid="evidence-entries">
      <thead>
        <tr><th>{t('colSeq')}</th><th>{t('colWhen')}</th><th>{t('colActor')}</th><th>{t('colAction')}</th><th>{t('colHash')}</th></tr>
      </thead>
      <tbody>
        {evidence.entries.map((e) => (
          <tr key={e.seq} data-seq={e.seq} className={e.seq === brokenSeq ? 'broken' : undefined}>
            <td>{e.seq}</td>
            <td><time dateTime={e.at}>{formatWhen(e.at, locale)}</time></td>
            <td>{e.actor === 'system' ? t('system') : <ShownPerson id={e.actor} person={people.get(e.actor)} />}</td>
            <td title={e.action} data-action={e.action}>{actionLabel(e.action)}</td>
            <td><code className="evidence-hash" title={e.hash}>{e.hash.slice(0, 16)}…</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Evidence / 存证 of one instance: the audit entries, a verification in the browser, and the file to keep. */
export function EvidenceSection({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation('evidence');
  const { state, reload } = useInstanceEvidence(instanceId);
  const [check, setCheck] = useState<BrowserEvidenceCheck | null>(null);
  const [verifying, setVerifying] = useState(false);
  if (state.kind === 'hidden') return null;

  const verify = async (evidence: InstanceEvidence) => {
    setVerifying(true);
    try {
      setCheck(await verifyEvidenceChain(evidence));
    } finally {
      setVerifying(false);
    }
  };
  const download = (evidence: InstanceEvidence) =>
    downloadFile(`evidence-${instanceId}.json`, new Blob([JSON.stringify(evidence, null, 2)], { type: 'application/json' }));

  return (
    <section className="evidence-section" data-testid="evidence-section" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {state.kind === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {state.kind === 'error' ? <ErrorPanel error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        <>
          <div className="evidence-actions">
            <button type="button" onClick={() => void verify(state.evidence)} disabled={verifying || state.evidence.entries.length === 0} data-testid="evidence-verify">
              {verifying ? t('verifying') : t('verify')}
            </button>
            <button type="button" onClick={() => download(state.evidence)} data-testid="evidence-download">{t('download')}</button>
          </div>
          {check ? <VerifyResult check={check} /> : null}
          {state.evidence.pending > 0 ? <p className="muted">{t('pending', { count: state.evidence.pending })}</p> : null}
          {state.evidence.entries.length === 0 ? <EmptyState title={t('empty')} /> : <EntriesTable evidence={state.evidence} brokenSeq={check?.firstBroken?.seq} />}
        </>
      ) : null}
    </section>
  );
}
