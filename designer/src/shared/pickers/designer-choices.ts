import type { ConnectorSummary, PackParameter, PackSummary } from '@baton/client';
import type { ChoiceOption } from '../schema-form/schema-form.js';

type Localize = (text: unknown, fallback?: string) => string;

/** Configured connectors (and those published definitions declare), by key, with their type and state. */
export function connectorChoices(connectors: readonly ConnectorSummary[], words: { notConfigured: string; disabled: string }): ChoiceOption[] {
  return connectors.map((c) => {
    const state = !c.configured ? ` — ${words.notConfigured}` : !c.enabled ? ` — ${words.disabled}` : '';
    return { value: c.key, label: `${c.key} (${c.type})${state}` };
  });
}

export interface PackParameters {
  pack: string;
  parameters: readonly Pick<PackParameter, 'key' | 'label'>[];
}

/**
 * The pack parameters a definition may read: those of the packs that ship it (kind and key), else of every
 * installed pack; each once, labelled with the parameter's own label and its key.
 */
export function parameterChoices(packs: readonly Pick<PackSummary, 'key' | 'definitions'>[], parameters: readonly PackParameters[], l: Localize, owner?: { kind: string; key: string }): ChoiceOption[] {
  const owning = owner ? packs.filter((p) => p.definitions.some((d) => d.kind === owner.kind && d.key === owner.key)).map((p) => p.key) : [];
  const wanted = owning.length > 0 ? parameters.filter((p) => owning.includes(p.pack)) : parameters;
  const seen = new Set<string>();
  const out: ChoiceOption[] = [];
  for (const { parameters: list } of wanted) {
    for (const p of list) {
      if (seen.has(p.key)) continue;
      seen.add(p.key);
      out.push({ value: p.key, label: `${l(p.label, p.key)} (${p.key})` });
    }
  }
  return out;
}
