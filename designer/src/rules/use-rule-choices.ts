import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import type { Choices, ChoiceOption } from '../shared/schema-form/schema-form.js';

/** A definition by key, with its title and whether only drafts of it exist (nothing published yet). */
export type Titled = { key: string; title?: Localizable; draftOnly?: boolean };

/** Definitions a rule's settings point at, by kind: their keys with their own titles. */
function useTitledDefinitions(kinds: readonly ('form' | 'flow' | 'document')[]): Map<string, Titled[]> {
  const api = useApi();
  const [lists, setLists] = useState<Map<string, Titled[]>>(new Map());
  const wanted = kinds.join(',');
  useEffect(() => {
    let cancelled = false;
    Promise.all(
      kinds.map(async (kind): Promise<[string, Titled[]]> => {
        try {
          const list = await api.definitions.list({ kind, limit: 500 });
          const byKey = new Map<string, Titled>();
          for (const item of list.items) if (!byKey.has(item.key)) byKey.set(item.key, { key: item.key, title: item.title as Localizable, draftOnly: true });
          // A key is draft-only until one of its versions is published (an archived one was published once).
          for (const item of list.items) if (item.status !== 'draft') byKey.get(item.key)!.draftOnly = false;
          return [kind, [...byKey.values()]];
        } catch {
          return [kind, []];
        }
      }),
    ).then((entries) => !cancelled && setLists(new Map(entries)));
    return () => {
      cancelled = true;
    };
  }, [api, wanted]); // eslint-disable-line react-hooks/exhaustive-deps
  return lists;
}

export interface FlowNodeLike {
  id: string;
  name?: Localizable;
  type?: string;
}

/** A form or flow as the scope pickers show it: its title, its key (in small text) and whether it is only a draft. */
export interface DefinitionChoice extends ChoiceOption {
  title: string;
  draftOnly: boolean;
}

export interface RuleChoices {
  choices: Choices;
  forms: DefinitionChoice[];
  flows: DefinitionChoice[];
}

/** How a definition reads in a native select, which cannot show small text: "Asset — asset (draft only)". */
export type DescribeDefinition = (parts: { title: string; key: string; draftOnly: boolean }) => string;

/**
 * What the rule's generated panels offer by property name, each with the definition's own label in the
 * user's language: the scoped flow's steps (`nodeId`), the form's fields (`field`), forms, flows, documents.
 */
export function ruleChoices(
  definitions: ReadonlyMap<string, readonly Titled[]>,
  flowNodes: readonly FlowNodeLike[] | undefined,
  formFields: readonly { key: string; label?: Localizable }[] | undefined,
  l: (text: Localizable, fallback?: string) => string,
  describe: DescribeDefinition = (d) => d.title,
): RuleChoices {
  const options = (kind: string): DefinitionChoice[] =>
    (definitions.get(kind) ?? [])
      .map((d) => {
        const title = l(d.title, d.key);
        const draftOnly = d.draftOnly === true;
        return { value: d.key, label: describe({ title, key: d.key, draftOnly }), title, draftOnly };
      })
      .sort((a, b) => a.title.localeCompare(b.title) || a.value.localeCompare(b.value));
  const forms = options('form');
  const flows = options('flow');
  const choices: Record<string, ChoiceOption[]> = { form: forms, flow: flows, document: options('document') };
  // Only the steps a flow really has: a node type's own ids stay free text when no flow is in scope.
  if (flowNodes && flowNodes.length > 0) choices.nodeId = flowNodes.map((n) => ({ value: n.id, label: l(n.name, n.id) }));
  if (formFields && formFields.length > 0) choices.field = formFields.map((f) => ({ value: f.key, label: l(f.label, f.key) }));
  return { choices, forms, flows };
}

/** `ruleChoices` with the definitions listed from the server, in the current language. */
export function useRuleChoices(flowNodes: readonly FlowNodeLike[] | undefined, formFields: readonly { key: string; label?: Localizable }[] | undefined): RuleChoices {
  const { l } = useLocalized();
  const { t } = useTranslation('rules');
  const definitions = useTitledDefinitions(['form', 'flow', 'document']);
  return ruleChoices(definitions, flowNodes, formFields, l, (d) => t(d.draftOnly ? 'pickerOptionDraft' : 'pickerOption', d));
}
