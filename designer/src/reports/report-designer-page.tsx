import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLocalized } from '../app/i18n/localized.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { EditorFrame } from '../definitions/editor-frame.js';
import { useDefinitionEditor } from '../definitions/use-definition-editor.js';
import { useDefinitionKeys, useFormBodies } from '../shared/forms/use-form-bodies.js';
import {
  BUCKETS,
  CHART_TYPES,
  DIMENSION_KINDS,
  FIELD_OPS,
  FILTER_OPS,
  MEASURE_OPS,
  SOURCES,
  newReport,
  reportReferences,
  withDimensionKind,
  withTopN,
  withOp,
  type Dimension,
  type Filter,
  type Measure,
  type ReportBody,
} from './new-report.js';
import { ReportPreview } from './report-preview.js';

type Dataset = { source: (typeof SOURCES)[number]; form?: string; flow?: string; node?: string; rows?: string };

/** The report designer: dataset, measures, dimensions, filters and chart, previewed on the server. */
export function ReportDesignerPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const editor = useDefinitionEditor<ReportBody>('report', key, newReport, reportReferences);
  const def = editor.body;
  const formKeys = useDefinitionKeys('form');
  const flowKeys = useDefinitionKeys('flow');
  const dataset = def?.dataset as Dataset | undefined;
  const forms = useFormBodies([dataset?.form ?? '']);
  const form = dataset?.form ? forms.get(dataset.form) : undefined;
  const change = (update: (d: ReportBody) => ReportBody) => editor.setBody(update);
  const issuesAt = (base: string) => editor.issues.filter((i) => i.path === base || i.path.startsWith(base + '/'));
  const issueText = (base: string) => issuesAt(base).map((i) => i.message).join(' ');

  const setList = <K extends 'measures' | 'dimensions' | 'filters'>(prop: K, list: NonNullable<ReportBody[K]>) =>
    change((d) => {
      const next = { ...d, [prop]: list } as ReportBody;
      if (prop !== 'measures' && (list as unknown[]).length === 0) delete (next as Partial<ReportBody>)[prop];
      return next;
    });

  return (
    <EditorFrame editor={editor} title={def ? l(def.title, key) : key}>
      {def && dataset ? (
        <div className="report-designer">
          <datalist id="report-fields">
            {(form?.fields ?? []).map((f) => (
              <option key={f.key} value={f.key}>{l(f.label, f.key)}</option>
            ))}
          </datalist>
          <fieldset className="rule-part">
            <legend>{t('dataset')}</legend>
            <LocalizedTextInput name="report-title" label={t('title')} value={def.title} onChange={(v) => change((d) => ({ ...d, title: v }))} />
            <div className="row">
              <label>
                {t('source')}
                <select name="report-source" value={dataset.source} onChange={(e) => change((d) => ({ ...d, dataset: { source: e.target.value } as ReportBody['dataset'] }))}>
                  {SOURCES.map((s) => (
                    <option key={s} value={s}>{t(`sourceName.${s}`)}</option>
                  ))}
                </select>
              </label>
              {dataset.source === 'form' ? (
                <label>
                  {t('form')}
                  <select name="report-form" value={dataset.form ?? ''} onChange={(e) => change((d) => ({ ...d, dataset: { source: 'form', form: e.target.value } }))}>
                    <option value="">—</option>
                    {formKeys.map((k) => (
                      <option key={k} value={k}>{k}</option>
                    ))}
                  </select>
                </label>
              ) : null}
              {['flow-instances', 'tasks', 'history'].includes(dataset.source) ? (
                <label>
                  {t('flow')}
                  <select
                    name="report-flow"
                    value={dataset.flow ?? ''}
                    onChange={(e) => change((d) => ({ ...d, dataset: (e.target.value ? { source: dataset.source, flow: e.target.value } : { source: dataset.source }) as ReportBody['dataset'] }))}
                  >
                    <option value="">{t('anyFlow')}</option>
                    {flowKeys.map((k) => (
                      <option key={k} value={k}>{k}</option>
                    ))}
                  </select>
                </label>
              ) : null}
            </div>
            {issuesAt('/dataset').length > 0 ? <p className="field-error">{issueText('/dataset')}</p> : null}
          </fieldset>

          <fieldset className="rule-part" data-testid="report-measures">
            <legend>{t('measures')}</legend>
            {def.measures.map((m, i) => (
              <div key={i} className="row list-row">
                <label>
                  {t('op')}
                  <select value={m.op} onChange={(e) => setList('measures', def.measures.map((x, j) => (j === i ? withOp(x, e.target.value as (typeof MEASURE_OPS)[number]) : x)))}>
                    {MEASURE_OPS.map((op) => (
                      <option key={op} value={op}>{t(`opName.${op}`)}</option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('key')}
                  <input value={m.key} onChange={(e) => setList('measures', def.measures.map((x, j) => (j === i ? ({ ...x, key: e.target.value } as Measure) : x)))} />
                </label>
                {FIELD_OPS.has(m.op) ? (
                  <label>
                    {t('field')}
                    <input list="report-fields" value={(m as { field?: string }).field ?? ''} onChange={(e) => setList('measures', def.measures.map((x, j) => (j === i ? ({ ...x, field: e.target.value } as Measure) : x)))} />
                  </label>
                ) : null}
                <LocalizedTextInput name={`measure-${i}-label`} label={t('label')} value={m.label} onChange={(v) => setList('measures', def.measures.map((x, j) => (j === i ? ({ ...x, label: v } as Measure) : x)))} />
                {!FIELD_OPS.has(m.op) && m.op !== 'count' ? (
                  <JsonEditor name={`measure-${i}`} label={t('advanced')} rows={3} value={m} onChange={(v) => v && setList('measures', def.measures.map((x, j) => (j === i ? (v as Measure) : x)))} />
                ) : null}
                <button type="button" disabled={def.measures.length === 1} onClick={() => setList('measures', def.measures.filter((_, j) => j !== i))}>{t('remove')}</button>
                {issuesAt(`/measures/${i}`).length > 0 ? <p className="field-error">{issueText(`/measures/${i}`)}</p> : null}
              </div>
            ))}
            <button type="button" onClick={() => setList('measures', [...def.measures, { op: 'count', key: `m${def.measures.length + 1}`, label: { en: 'Count', 'zh-CN': '数量' } }])}>{t('addMeasure')}</button>
          </fieldset>

          <fieldset className="rule-part" data-testid="report-dimensions">
            <legend>{t('dimensions')}</legend>
            {(def.dimensions ?? []).map((d, i) => {
              const list = def.dimensions ?? [];
              const set = (next: Dimension) => setList('dimensions', list.map((x, j) => (j === i ? next : x)));
              return (
                <div key={i} className="row list-row">
                  <label>
                    {t('dimensionKind')}
                    <select value={d.kind} onChange={(e) => set(withDimensionKind(d, e.target.value as (typeof DIMENSION_KINDS)[number]))}>
                      {DIMENSION_KINDS.map((k) => (
                        <option key={k} value={k}>{t(`dimensionKindName.${k}`)}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('key')}
                    <input value={d.key} onChange={(e) => set({ ...d, key: e.target.value })} />
                  </label>
                  {'field' in d ? (
                    <label>
                      {t('field')}
                      <input list="report-fields" value={d.field} onChange={(e) => set({ ...d, field: e.target.value } as Dimension)} />
                    </label>
                  ) : null}
                  {d.kind === 'date' ? (
                    <label>
                      {t('bucket')}
                      <select value={d.bucket} onChange={(e) => set({ ...d, bucket: e.target.value as (typeof BUCKETS)[number] })}>
                        {BUCKETS.map((b) => (
                          <option key={b} value={b}>{t(`bucketName.${b}`)}</option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                  {d.kind === 'field' || d.kind === 'department' ? (
                    <label>
                      {t('topN')}
                      <input type="number" name={`dimension-${i}-top-n`} min={1} max={100} value={d.topN?.n ?? ''} onChange={(e) => set(withTopN(d, e.target.value))} />
                    </label>
                  ) : null}
                  {d.kind === 'tenure' ? <JsonEditor name={`dimension-${i}`} label={t('advanced')} rows={3} value={d} onChange={(v) => v && set(v as Dimension)} /> : null}
                  <button type="button" onClick={() => setList('dimensions', list.filter((_, j) => j !== i))}>{t('remove')}</button>
                  {issuesAt(`/dimensions/${i}`).length > 0 ? <p className="field-error">{issueText(`/dimensions/${i}`)}</p> : null}
                </div>
              );
            })}
            <button type="button" onClick={() => setList('dimensions', [...(def.dimensions ?? []), { kind: 'field', key: `d${(def.dimensions ?? []).length + 1}`, field: form?.fields[0]?.key ?? 'status' }])}>{t('addDimension')}</button>
          </fieldset>

          <fieldset className="rule-part" data-testid="report-filters">
            <legend>{t('filters')}</legend>
            {(def.filters ?? []).map((f, i) => {
              const list = def.filters ?? [];
              const set = (next: Filter) => setList('filters', list.map((x, j) => (j === i ? next : x)));
              return (
                <div key={i} className="row list-row">
                  <label>
                    {t('field')}
                    <input list="report-fields" value={f.field} onChange={(e) => set({ ...f, field: e.target.value })} />
                  </label>
                  <label>
                    {t('filterOp')}
                    <select value={f.op} onChange={(e) => set({ ...f, op: e.target.value as Filter['op'] })}>
                      {FILTER_OPS.map((op) => (
                        <option key={op} value={op}>{t(`filterOpName.${op}`)}</option>
                      ))}
                    </select>
                  </label>
                  {f.op !== 'is-empty' && f.op !== 'not-empty' ? (
                    <JsonEditor name={`filter-${i}-value`} label={t('filterValue')} rows={1} value={f.value} onChange={(v) => set(v === undefined ? { field: f.field, op: f.op } : { ...f, value: v as Filter['value'] })} />
                  ) : null}
                  <button type="button" onClick={() => setList('filters', list.filter((_, j) => j !== i))}>{t('remove')}</button>
                  {issuesAt(`/filters/${i}`).length > 0 ? <p className="field-error">{issueText(`/filters/${i}`)}</p> : null}
                </div>
              );
            })}
            <button type="button" onClick={() => setList('filters', [...(def.filters ?? []), { field: form?.fields[0]?.key ?? 'status', op: 'eq', value: '' }])}>{t('addFilter')}</button>
          </fieldset>

          <fieldset className="rule-part">
            <legend>{t('chart')}</legend>
            <div className="row">
              <label>
                {t('chartType')}
                <select name="chart-type" value={def.chart?.type ?? 'table'} onChange={(e) => change((d) => ({ ...d, chart: { ...(d.chart ?? {}), type: e.target.value as NonNullable<ReportBody['chart']>['type'] } }))}>
                  {CHART_TYPES.map((c) => (
                    <option key={c} value={c}>{t(`chartName.${c}`)}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('limit')}
                <input
                  type="number"
                  min={1}
                  value={def.limit ?? ''}
                  onChange={(e) =>
                    change((d) => {
                      const next = { ...d };
                      if (e.target.value === '') delete next.limit;
                      else next.limit = Number(e.target.value);
                      return next;
                    })
                  }
                />
              </label>
            </div>
          </fieldset>
          <ReportPreview reportKey={key} chart={def.chart?.type ?? 'table'} published={editor.published?.version ?? null} definition={def as unknown as Record<string, unknown>} />
        </div>
      ) : null}
    </EditorFrame>
  );
}
