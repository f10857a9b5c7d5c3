import type { FormDefinition } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { addSection, removeSection, updateSection } from './form-layout.js';

type Update = (update: (d: FormDefinition) => FormDefinition) => void;

/** The form itself: title, description, whether it is a collection, its sections. */
export function FormSettings({ def, onChange, issues }: { def: FormDefinition; onChange: Update; issues: DisplayIssue[] }) {
  const { t } = useTranslation('forms');
  const general = issues.filter((i) => !/^\/(fields|sections|validations)\//.test(i.path));
  return (
    <div className="properties" data-testid="form-settings">
      <h2>{t('formSettings')}</h2>
      {general.length > 0 ? <IssueList issues={general} /> : null}
      <LocalizedTextInput name="form-title" label={t('formTitle')} value={def.title} onChange={(v) => onChange((d) => ({ ...d, title: v }))} />
      <LocalizedTextInput
        name="form-description"
        label={t('formDescription')}
        value={def.description}
        multiline
        onChange={(v) =>
          onChange((d) => {
            const next = { ...d };
            if (Object.keys(v).length === 0) delete next.description;
            else next.description = v;
            return next;
          })
        }
      />
      <label className="inline">
        <input
          type="checkbox"
          name="form-collection"
          checked={def.collection === true}
          onChange={(e) =>
            onChange((d) => {
              const next = { ...d };
              if (e.target.checked) next.collection = true;
              else delete next.collection;
              return next;
            })
          }
        />{' '}
        {t('formCollection')}
      </label>
      <p className="muted small">{t('formCollectionHelp')}</p>
      <h3>{t('sections')}</h3>
      <p className="muted small">{t('sectionsHelp')}</p>
      <button type="button" data-testid="add-section" onClick={() => onChange((d) => addSection(d, { en: t('newSectionEn'), 'zh-CN': t('newSectionZh') }))}>
        {t('addSection')}
      </button>
    </div>
  );
}

export function SectionProperties({ def, index, onChange, onRemoved }: { def: FormDefinition; index: number; onChange: Update; onRemoved: () => void }) {
  const { t } = useTranslation('forms');
  const section = def.sections?.[index];
  if (!section) return null;
  return (
    <div className="properties" data-testid="section-properties">
      <h2>{t('section')}</h2>
      <LocalizedTextInput name="section-title" label={t('sectionTitle')} value={section.title} onChange={(v) => onChange((d) => updateSection(d, index, (s) => ({ ...s, title: v })))} />
      <button
        type="button"
        onClick={() => {
          onChange((d) => removeSection(d, index));
          onRemoved();
        }}
      >
        {t('removeSection')}
      </button>
      <p className="muted small">{t('removeSectionHelp')}</p>
    </div>
  );
}
