import type { FlowDefinition, SimulationResult } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { describeFact, type BranchPreset } from './branch-presets.js';

/**
 * The decisions of a flow: conditional and default edges, ports ("rejected") and the edges beside a port.
 * An inclusive or parallel split's unconditional edges always go: no decision, so not listed.
 */
function decisionEdges(flow: FlowDefinition) {
  const siblingsWithPort = new Set(flow.edges.filter((e) => e.port !== undefined).map((e) => e.from));
  return flow.edges.filter((e) => e.condition !== undefined || e.port !== undefined || e.default === true || siblingsWithPort.has(e.from));
}

/** Which branches the run took (conditional ones first), after a run. */
export function SimBranches({ flow, result }: { flow: FlowDefinition; result: SimulationResult }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const taken = new Set(result.covered.edges);
  const name = (id: string) => l(flow.nodes.find((n) => n.id === id)?.name as never, id);
  const edges = decisionEdges(flow).sort((a, b) => Number(b.condition !== undefined) - Number(a.condition !== undefined));
  if (edges.length === 0) return null;
  return (
    <div className="sim-branches" data-testid="sim-branches">
      <h3>{t('simBranches')}</h3>
      <ul>
        {edges.map((e) => (
          <li key={e.id} data-testid={`sim-branch-${e.id}`} data-taken={taken.has(e.id) ? 'true' : 'false'} className={taken.has(e.id) ? 'sim-branch-taken' : 'sim-branch-not-taken'}>
            {taken.has(e.id) ? '✓' : '○'} {name(e.from)} → {name(e.to)}
            {e.label ? <> ({l(e.label as never, e.id)})</> : null}: <strong>{taken.has(e.id) ? t('simBranchTaken') : t('simBranchNotTaken')}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Buttons for the presets derived from simple branch conditions; nothing when none could be derived. */
export function SimPresets({ presets, onPick, disabled }: { presets: BranchPreset[]; onPick: (preset: BranchPreset) => void; disabled: boolean }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  if (presets.length === 0) return null;
  return (
    <div className="sim-presets" data-testid="sim-presets">
      <h3>{t('simPresets')}</h3>
      <p className="muted small">{t('simPresetsHelp')}</p>
      <div className="row">
        {presets.map((p) => (
          <button key={p.edge} type="button" data-testid={`sim-preset-${p.edge}`} disabled={disabled} title={p.facts.map(describeFact).join(', ')} onClick={() => onPick(p)}>
            {t('simPresetTake', { branch: l(p.label as never, p.edge) })} <span className="muted small">({p.facts.map(describeFact).join(', ')})</span>
          </button>
        ))}
      </div>
    </div>
  );
}
