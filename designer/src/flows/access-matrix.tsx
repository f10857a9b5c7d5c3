import type { FormDefinition } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { accessPaths } from '../forms/form-layout.js';

type Access = 'editable' | 'readonly' | 'hidden';
const LEVELS: Access[] = ['editable', 'readonly', 'hidden'];

/**
 * The field access of one node: for every field (and sub-table column) of the bound form, whether the
 * person at this node may edit it, only see it, or not see it. Unlisted fields are editable, so only
 * the exceptions are stored.
 */
export function AccessMatrix({ form, value, onChange, nodeId }: { form: FormDefinition | undefined; value: Record<string, Access | undefined> | undefined; onChange: (next: Record<string, Access> | undefined) => void; nodeId: string }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  if (!form) return <p className="muted">{t('accessNoForm')}</p>;
  const current = value ?? {};
  const set = (path: string, level: Access) => {
    const next: Record<string, Access> = {};
    for (const [k, v] of Object.entries(current)) if (v) next[k] = v;
    if (level === 'editable') delete next[path];
    else next[path] = level;
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <table className="access-matrix" data-testid="access-matrix">
      <thead>
        <tr>
          <th>{t('accessField')}</th>
          {LEVELS.map((level) => (
            <th key={level}>{t(`access.${level}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {accessPaths(form).map(({ path, field, column }) => {
          const level = current[path] ?? 'editable';
          return (
            <tr key={path}>
              <td className={column ? 'column' : ''}>
                {l(field.label, field.key)} <code>{path}</code>
              </td>
              {LEVELS.map((option) => (
                <td key={option}>
                  <input
                    type="radio"
                    name={`access-${nodeId}-${path}`}
                    aria-label={`${path}: ${t(`access.${option}`)}`}
                    checked={level === option}
                    onChange={() => set(path, option)}
                  />
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
