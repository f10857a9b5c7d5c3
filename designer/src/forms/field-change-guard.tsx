import type { FormDefinition } from '@baton/engine';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import { Dialog } from '../app/ui/dialog.js';
import { externalUses, type ExternalUse, type UsePlace } from './external-references.js';
import { findField } from './form-layout.js';
import { referencesTo, type ExpressionOwner } from './rename-references.js';
import { useFormDependents } from './use-form-dependents.js';

interface Question {
  title: string;
  lines: string[];
  confirm: string;
  resolve: (ok: boolean) => void;
}

export interface FieldChangeGuard {
  /** Resolves true when nothing outside the form reads the field, or the user confirms the rename. */
  confirmRename: (itemId: string, newKey: string) => Promise<boolean>;
  /** Resolves true when nothing reads the field, or the user confirms removing it. */
  confirmRemove: (itemId: string) => Promise<boolean>;
  dialog: ReactNode;
}

/**
 * Asks before a rename or delete would break something: fields of this form whose logic reads the field
 * (a rename rewrites those, a delete cannot), and published flows, rules, reports… that read it (the
 * form designer cannot rewrite those).
 */
export function useFieldChangeGuard(def: FormDefinition | null): FieldChangeGuard {
  const { t, i18n } = useTranslation('forms');
  const { l } = useLocalized();
  const dependents = useFormDependents();
  const [question, setQuestion] = useState<Question | null>(null);
  const join = (items: string[]) => new Intl.ListFormat(i18n.language === 'zh-CN' ? 'zh-CN' : 'en', { type: 'conjunction' }).format(items);

  const place = (p: UsePlace) => (p.name === undefined ? t(`guard.place.${p.role}Bare`) : t(`guard.place.${p.role}`, { name: l(p.name as Localizable) }));
  const external = (uses: ExternalUse[]) => {
    const items = uses.map((u) => {
      const named = u.places.filter((p) => p.name !== undefined || p.role !== 'field').slice(0, 3).map(place);
      const args = { kind: t(`guard.kind.${u.kind}`, { defaultValue: u.kind }), title: l(u.title as Localizable, u.key) };
      return named.length > 0 ? t('guard.usedByItemAt', { ...args, places: join(named) }) : t('guard.usedByItem', args);
    });
    return t('guard.usedBy', { list: join(items) });
  };
  const owner = (o: ExpressionOwner, form: FormDefinition) => {
    if (o.kind === 'validation') return t('guard.ruleName', { key: o.key });
    const dot = o.itemId.indexOf('.');
    const table = dot < 0 ? undefined : findField(form, o.itemId.slice(0, dot));
    const title = l(o.field.label, o.field.key);
    return t('guard.fieldName', { title: table ? `${l(table.label, table.key)} › ${title}` : title });
  };
  const ask = (title: string, lines: string[], confirm: string) => new Promise<boolean>((resolve) => setQuestion({ title, lines, confirm, resolve }));
  const usesOf = async (itemId: string) => (def ? externalUses(await dependents(), def.key, itemId) : []);

  const confirmRename = useCallback(
    async (itemId: string, newKey: string) => {
      const uses = await usesOf(itemId);
      if (uses.length === 0) return true;
      const from = itemId.slice(itemId.indexOf('.') + 1);
      return ask(t('guard.renameTitle', { from, to: newKey }), [external(uses), t('guard.renameInside')], t('guard.renameAnyway'));
    },
    [def, dependents, i18n.language], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const confirmRemove = useCallback(
    async (itemId: string) => {
      if (!def) return true;
      const field = findField(def, itemId);
      const inside = referencesTo(def, itemId);
      const uses = await usesOf(itemId);
      if (inside.length === 0 && uses.length === 0) return true;
      const lines = [...(inside.length > 0 ? [t('guard.readBy', { names: join(inside.map((o) => owner(o, def))) })] : []), ...(uses.length > 0 ? [external(uses)] : [])];
      return ask(t('guard.removeTitle', { title: l(field?.label, itemId) }), lines, t('guard.removeAnyway'));
    },
    [def, dependents, i18n.language], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const answer = (ok: boolean) => {
    question?.resolve(ok);
    setQuestion(null);
  };
  const dialog = (
    <Dialog
      open={question !== null}
      title={question?.title ?? ''}
      onClose={() => answer(false)}
      footer={
        <>
          <button type="button" data-testid="guard-cancel" onClick={() => answer(false)}>{t('guard.cancel')}</button>
          <button type="button" className="danger" data-testid="guard-confirm" onClick={() => answer(true)}>{question?.confirm}</button>
        </>
      }
    >
      <div data-testid="field-change-guard">
        {question?.lines.map((line) => <p key={line}>{line}</p>)}
      </div>
    </Dialog>
  );
  return { confirmRename, confirmRemove, dialog };
}
