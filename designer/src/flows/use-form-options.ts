import type { DefinitionSummary } from '@baton/client';
import { useEffect, useMemo, useState } from 'react';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { formOptions, type FormOption } from './form-options.js';

// The last list each client loaded: a panel opened again shows titles at once, then refreshes them.
const lastLoaded = new WeakMap<object, DefinitionSummary[]>();

/** The forms a flow may use, titled in the UI's language (see formOptions); empty until first loaded. */
export function useFormOptions(): FormOption[] {
  const api = useApi();
  const { l, locale } = useLocalized();
  const [items, setItems] = useState<DefinitionSummary[]>(() => lastLoaded.get(api) ?? []);
  useEffect(() => {
    let cancelled = false;
    api.definitions
      .list({ kind: 'form', limit: 500 })
      .then((list) => {
        lastLoaded.set(api, list.items);
        if (!cancelled) setItems(list.items);
      })
      .catch(() => !cancelled && setItems([]));
    return () => {
      cancelled = true;
    };
  }, [api]);
  return useMemo(() => formOptions(items, (title, key) => l(title as Localizable, key), locale), [items, locale]); // eslint-disable-line react-hooks/exhaustive-deps
}
