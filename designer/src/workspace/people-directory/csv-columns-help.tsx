import { useTranslation } from 'react-i18next';
import { CSV_EXAMPLES, CSV_FIELDS, REQUIRED_FIELDS } from './directory-csv-columns.js';
import { toCsvText } from './parse-csv-rows.js';
import { sampleCsvRows } from './sample-csv.js';

/** A sample file HR can fill in: every column, two people, one reporting to the other. */
export function sampleCsv(): string {
  return toCsvText(CSV_FIELDS, sampleCsvRows());
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What each CSV column means, which are required, an example, and a sample file to start from. */
export function CsvColumnsHelp() {
  const { t } = useTranslation('peopleDirectory');
  return (
    <details className="csv-columns-help" data-testid="csv-columns-help">
      <summary>{t('columnsTitle')}</summary>
      <p className="small">{t('columnsHelp')}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('colColumn')}</th>
              <th scope="col">{t('colRequired')}</th>
              <th scope="col">{t('colMeaning')}</th>
              <th scope="col">{t('colExample')}</th>
            </tr>
          </thead>
          <tbody>
            {CSV_FIELDS.map((f) => (
              <tr key={f}>
                <td><code>{f}</code></td>
                <td>{REQUIRED_FIELDS.includes(f) ? t('yes') : t('no')}</td>
                <td>{t(`column.${f}`)}</td>
                <td>{CSV_EXAMPLES[f] ? <code>{CSV_EXAMPLES[f]}</code> : t('none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">{t('jsonHelp')}</p>
      <button type="button" data-testid="download-sample-csv" onClick={() => download('people-sample.csv', sampleCsv())}>{t('downloadSample')}</button>
    </details>
  );
}
