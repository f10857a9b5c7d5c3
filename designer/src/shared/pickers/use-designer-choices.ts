import type { ConnectorSummary, PackSummary } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized, type Localizable } from '../../app/i18n/localized.js';
import { useSession } from '../../app/session/session-store.js';
import { useApi } from '../../app/session/use-api.js';
import type { Choices } from '../schema-form/schema-form.js';
import { connectorChoices, parameterChoices, type PackParameters } from './designer-choices.js';

interface Loaded {
  connectors: ConnectorSummary[];
  packs: PackSummary[];
  parameters: PackParameters[];
}

// One load per signed-in client for the page: every panel (each selected node, each action) shares it.
const cache = new Map<string, Promise<Loaded>>();

function load(api: ReturnType<typeof useApi>): Promise<Loaded> {
  const connectors = api.connectors.list().then((r) => r.items, () => [] as ConnectorSummary[]);
  const packs = api.packs.list().then((r) => r.items, () => [] as PackSummary[]);
  const parameters = packs.then((list) =>
    Promise.all(list.map((p) => api.packs.parameters(p.key).then((r) => ({ pack: p.key, parameters: r.parameters }), () => ({ pack: p.key, parameters: [] })))),
  );
  return Promise.all([connectors, packs, parameters]).then(([c, p, params]) => ({ connectors: c, packs: p, parameters: params }));
}

/** Connectors and packs with their parameters; a list the caller may not read is simply empty. */
function useLoaded(): Loaded {
  const api = useApi();
  const token = useSession((s) => s.token) ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ connectors: [], packs: [], parameters: [] });
  useEffect(() => {
    let live = true;
    let pending = cache.get(token);
    if (!pending) {
      pending = load(api);
      cache.set(token, pending);
    }
    void pending.then((value) => live && setLoaded(value));
    return () => {
      live = false;
    };
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps
  return loaded;
}

/**
 * What generated panels offer instead of free text, by property name: `connector` (the configured
 * connectors, GET /connectors) and `param` (the declared parameters of the pack that ships `owner`, else of
 * every pack). Merged into a panel's other choices.
 */
export function useDesignerChoices(owner?: { kind: string; key: string }): Choices {
  const { t } = useTranslation('pickers');
  const { l } = useLocalized();
  const { connectors, packs, parameters } = useLoaded();
  const choices: Record<string, ReturnType<typeof connectorChoices>> = {};
  if (connectors.length > 0) choices.connector = connectorChoices(connectors, { notConfigured: t('connectorNotConfigured'), disabled: t('connectorDisabled') });
  const params = parameterChoices(packs, parameters, (text, fallback) => l(text as Localizable, fallback), owner);
  if (params.length > 0) choices.param = params;
  return choices;
}
