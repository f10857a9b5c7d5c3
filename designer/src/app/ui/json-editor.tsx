import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Raw JSON for what the visual editors do not cover (advanced expressions, scenario data). The text is
 * kept while it does not parse, and the parse error is shown beside it.
 */
export function JsonEditor({
  label,
  value,
  onChange,
  name,
  rows = 6,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  name: string;
  rows?: number;
}) {
  const { t } = useTranslation('common');
  const serialized = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(serialized);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Follow outside changes unless the user is mid-edit on text that means the same thing.
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        /* the user's text does not parse: replace it only if the value really changed elsewhere */
      }
      return serialized;
    });
  }, [serialized]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <label className="json-editor">
      <span>{label}</span>
      <textarea
        name={name}
        rows={rows}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
      {error ? <span className="field-error">{t('jsonInvalid', { detail: error })}</span> : null}
    </label>
  );
}
