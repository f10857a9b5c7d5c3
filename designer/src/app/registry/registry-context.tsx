import type { CatalogueEntry, RegistryCatalogue } from '@baton/engine';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { engine } from '../engine/engine-client.js';
import { ErrorPanel } from '../errors/error-panel.js';
import { apiBaseUrl } from '../session/use-api.js';
import { useSession } from '../session/session-store.js';
import { fetchRegistry } from './fetch-registry.js';

export interface Catalogue extends RegistryCatalogue {
  /** Types the browser's engine only knows from their description (server plugins). */
  stubbed: string[];
}

const CatalogueContext = createContext<Catalogue | null>(null);

/** Loads the server's registry once per sign-in; editors render their palettes and panels from it. */
export function RegistryProvider({ children }: { children: ReactNode }) {
  const token = useSession((s) => s.token);
  const { t } = useTranslation('common');
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    fetchRegistry(apiBaseUrl(), token, abort.signal)
      .then(async (c) => {
        const { stubbed } = await engine().call('catalogue', { catalogue: c });
        if (!abort.signal.aborted) setCatalogue({ ...c, stubbed });
      })
      .catch((e: unknown) => !abort.signal.aborted && setError(e));
    return () => abort.abort();
  }, [token]);
  if (error) return <ErrorPanel error={error} title={t('registryFailed')} />;
  if (!catalogue) return <p className="muted" role="status">{t('loadingRegistry')}</p>;
  return <CatalogueContext.Provider value={catalogue}>{children}</CatalogueContext.Provider>;
}

export function useCatalogue(): Catalogue {
  const catalogue = useContext(CatalogueContext);
  if (!catalogue) throw new Error('useCatalogue outside RegistryProvider');
  return catalogue;
}

export function findEntry(entries: CatalogueEntry[], typeRef: string): CatalogueEntry | undefined {
  const type = typeRef.includes('@') ? typeRef.slice(0, typeRef.lastIndexOf('@')) : typeRef;
  return entries.find((e) => e.type === type);
}
