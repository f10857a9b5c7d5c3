import { isBatonApiError, type InstanceEvidence } from '@baton/client';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

/** 'hidden': the server refuses this caller evidence (404/403), so the section is not shown at all. */
export type EvidenceState = { kind: 'loading' } | { kind: 'hidden' } | { kind: 'error'; error: unknown } | { kind: 'ready'; evidence: InstanceEvidence };

/**
 * The instance's evidence as the API gives it. The API decides who may see it (the instance's viewers and
 * auditors), so an answer of "not found" or "forbidden" hides the section rather than showing an error.
 */
export function useInstanceEvidence(instanceId: string): { state: EvidenceState; reload: () => void } {
  const api = useApi();
  const [state, setState] = useState<EvidenceState>({ kind: 'loading' });
  const load = useCallback(() => {
    let live = true;
    setState({ kind: 'loading' });
    api.instances.evidence(instanceId).then(
      (evidence) => live && setState({ kind: 'ready', evidence }),
      (error: unknown) => {
        if (!live) return;
        const refused = isBatonApiError(error) && (error.status === 404 || error.status === 403);
        setState(refused ? { kind: 'hidden' } : { kind: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [api, instanceId]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => load(), [load, generation]);
  return { state, reload: () => setGeneration((g) => g + 1) };
}
