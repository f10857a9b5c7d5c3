import type { FileRef } from '@baton/client';
import type { FormDefinition } from '@baton/engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { formatSize } from '../task/file-widgets.js';
import { isEmptyValue, valueText, type FormField, type ValueContext, type ValueNames } from './field-value-text.js';
import { requestGroups } from './request-data-groups.js';
import './request-data.css';

type Row = Record<string, unknown>;

const isFileRef = (v: unknown): v is FileRef => typeof v === 'object' && v !== null && typeof (v as FileRef).fileId === 'string' && typeof (v as FileRef).name === 'string';

/** Files as links that download them (the API wants the bearer token, so a plain href cannot). */
function Files({ files }: { files: readonly FileRef[] }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const save = async (file: FileRef) => {
    setError(null);
    try {
      const got = await api.files.download(file.fileId);
      const url = URL.createObjectURL(new Blob([got.bytes as Uint8Array<ArrayBuffer>], { type: got.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <ul className="plain">
        {files.map((f) => (
          <li key={f.fileId}>
            <button type="button" className="link" data-file-id={f.fileId} onClick={() => void save(f)}>{f.name}</button>{' '}
            <span className="muted small">{formatSize(f.size)}</span>
          </li>
        ))}
      </ul>
      {error ? <ErrorPanel error={error} /> : null}
    </>
  );
}

/** One value: files as links, long text as written, a sub-table as a table, the rest in words. */
function Value({ field, value, ctx, path }: { field: FormField | undefined; value: unknown; ctx: ValueContext; path: string }) {
  const { l } = useLocalized();
  if (field?.type === 'sub-table' && Array.isArray(value) && value.length > 0) {
    // Columns hidden from the reader are not in the rows: only the ones some row holds are drawn.
    const columns = (field.fields ?? []).filter((c) => value.some((row) => row && typeof row === 'object' && Object.hasOwn(row as Row, c.key)));
    return (
      <table className="list request-table" data-testid={`request-table-${field.key}`}>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} scope="col">{l(c.label as never, c.key)}</th>)}</tr>
        </thead>
        <tbody>
          {value.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} data-column={c.key}>
                  <Value field={c} value={(row as Row | null)?.[c.key]} ctx={ctx} path={`${field.key}.${c.key}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isFileRef)) return <Files files={value} />;
  const text = valueText(field, value, ctx, path);
  if (field?.type === 'long-text' && !isEmptyValue(value)) return <span className="request-long-text">{text}</span>;
  return <>{text}</>;
}

/**
 * The request's data read-only, laid out like its forms: labels, option labels, people and records by
 * name, dates in the reader's language, sub-tables as tables, files as download links, "—" for empty.
 * `data` is what the server lets this reader see; nothing else is shown.
 */
export function RequestData({ start, steps, data, names }: { start: FormDefinition | undefined; steps: readonly FormDefinition[]; data: Row; names: ValueNames }) {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const ctx: ValueContext = { ...names, locale };
  const groups = requestGroups(start, steps, data);
  if (groups.length === 0) return <p className="muted">{t('requestDetailsNone')}</p>;
  return (
    <div className="request-data" data-testid="request-data">
      {groups.map((group) => (
        <section key={group.key} data-group={group.key}>
          {group.title === null ? null : <h3>{group.title === 'other' ? t('requestOther') : l(group.title as never, group.key)}</h3>}
          <dl className="request-fields">
            {group.fields.map(({ key, field }) => (
              <div key={key} className="request-field" data-field={key}>
                <dt>{field ? l(field.label as never, key) : key}</dt>
                <dd>
                  <Value field={field} value={data[key]} ctx={ctx} path={key} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
