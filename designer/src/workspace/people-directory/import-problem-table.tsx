import { useTranslation } from 'react-i18next';
import type { ImportProblem } from './import-problems.js';

/** A problem found in the file or by the server, in the shape the table shows. */
export interface ShownProblem extends Omit<ImportProblem, 'code'> {
  /** Already worded (a server issue's message) … */
  message?: string;
  /** … or worded here from the problem code. */
  code?: ImportProblem['code'];
  /** The server's catalogue code, shown beside its message. */
  serverCode?: string;
}

/** Problems by file line (CSV) or entry (JSON) and column, so HR can find and fix each one. */
export function ImportProblemTable({ problems, title, testId }: { problems: ShownProblem[]; title: string; testId: string }) {
  const { t } = useTranslation('peopleDirectory');
  const json = problems.some((p) => p.entry && p.line === null);
  return (
    <section className="import-problems" role="alert" data-testid={testId}>
      <strong>{title}</strong>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{json ? t('colEntry') : t('colLine')}</th>
              <th scope="col">{t('colField')}</th>
              <th scope="col">{t('colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i} data-line={p.line ?? undefined}>
                <td>
                  {p.line !== null
                    ? p.line
                    : p.entry
                      ? t('entry', { list: t(p.entry.list === 'users' ? 'listUsers' : 'listDepartments'), n: p.entry.index + 1 })
                      : t('wholeFile')}
                </td>
                <td>{p.column ? <code>{p.column}</code> : t('none')}</td>
                <td>
                  {p.message ?? (p.code ? t(`problem.${p.code}`, { column: p.column ?? '', ...p.params }) : '')}
                  {p.serverCode ? <> <code className="issue-code">{p.serverCode}</code></> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
