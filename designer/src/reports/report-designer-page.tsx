import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLocalized } from '../app/i18n/localized.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { EditorFrame } from '../definitions/editor-frame.js';
import { useDefinitionEditor } from '../definitions/use-definition-editor.js';
import { DashboardPlacement } from './dashboard-placement.js';
import { reportFieldGroups, type FieldUse } from './field-options.js';
import { FieldPicker } from './field-picker.js';
import { PlacementNotes } from './placement-notes.js';
import { SourceSelect } from './source-select.js';
import { useDatasetForm, usePublishedReports, useSourceChoices } from './use-report-choices.js';
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

/** Which fields each kind of dimension can group by (a date period needs a date…). */
const DIMENSION_USE: Record<Dimension['kind'], FieldUse> = { field: 'any', date: 'date', department: 'department', tenure: 'date', words: 'words' };

type Dataset = { source: (typeof SOURCES)[number]; form?: string; flow?: string; node?: string; rows?: string };

/** The report designer: dataset, measures, dimensions, filters and chart, previewed on the server. */
export function ReportDesignerPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const editor = useDefinitionEditor<ReportBody>('report', key, newReport, reportReferences);
  const def = editor.body;
  const forms = useSourceChoices('form');
  const flows = useSourceChoices('flow');
  const published = usePublishedReports();
  const dataset = def?.dataset as Dataset | undefined;
  const datasetForm = useDatasetForm(dataset);
  const groups = dataset ? reportFieldGroups({ source: dataset.source, ...(datasetForm ? { form: datasetForm } : {}) }) : [];
  // A new dimension or filter starts on something worth grouping by: the status, else the first text field that is not an id.
  const firstField = () => {
    const options = groups.flatMap((g) => g.options);
    return (options.find((o) => o.value === 'status') ?? options.find((o) => o.type === 'text' && !/(^|\$)id$/i.test(o.value)) ?? options[0])?.value ?? '';
  };
  // The dataset in words, for "not found in …": a form by its title, else the kind of rows.
  const sourceName = dataset?.source === 'form' ? t('sourceForm', { form: l(forms.find((f) => f.key === dataset.form)?.title as never, dataset.form ?? '') }) : t(`sourceName.${dataset?.source ?? 'form'}`);
  const picker = { groups, source: dataset?.source ?? 'form', sourceName } as const;
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
    <EditorFrame editor={editor} title={def ? l(def.title, key) : key} publishNotes={<PlacementNotes reportKey={key} before={editor.published?.body ?? {}} after={def} published={published} />}>
      {def && dataset ? (
        <div className="report-designer">
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
                <SourceSelect name="report-form" label={t('form')} kind="form" value={dataset.form ?? ''} choices={forms} emptyText="—" onChange={(v) => change((d) => ({ ...d, dataset: { source: 'form', form: v } }))} />
              ) : null}
              {['flow-instances', 'tasks', 'history', 'steps'].includes(dataset.source) ? (
                <SourceSelect
                  name="report-flow"
                  label={t('flow')}
                  kind="flow"
                  value={dataset.flow ?? ''}
                  choices={flows}
                  emptyText={t('anyFlow')}
                  onChange={(v) => change((d) => ({ ...d, dataset: (v ? { source: dataset.source, flow: v } : { source: dataset.source }) as ReportBody['dataset'] }))}
                />
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
                  <FieldPicker
                    {...picker}
                    name={`measure-${i}-field`}
                    label={t('field')}
                    use={m.op === 'sum' || m.op === 'avg' ? 'number' : 'any'}
                    value={(m as { field?: string }).field ?? ''}
                    onChange={(v) => setList('measures', def.measures.map((x, j) => (j === i ? ({ ...x, field: v } as Measure) : x)))}
                  />
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
                    <FieldPicker {...picker} name={`dimension-${i}-field`} label={t('field')} use={DIMENSION_USE[d.kind]} value={d.field} onChange={(v) => set({ ...d, field: v } as Dimension)} />
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
                  {d.kind === 'tenure' ? <FieldPicker {...picker} name={`dimension-${i}-from`} label={t('tenureFrom')} use="date" value={d.from} onChange={(v) => set({ ...d, from: v })} /> : null}
                  {d.kind === 'tenure' ? <JsonEditor name={`dimension-${i}`} label={t('advanced')} rows={3} value={d} onChange={(v) => v && set(v as Dimension)} /> : null}
                  <button type="button" onClick={() => setList('dimensions', list.filter((_, j) => j !== i))}>{t('remove')}</button>
                  {issuesAt(`/dimensions/${i}`).length > 0 ? <p className="field-error">{issueText(`/dimensions/${i}`)}</p> : null}
                </div>
              );
            })}
            <button type="button" onClick={() => setList('dimensions', [...(def.dimensions ?? []), { kind: 'field', key: `d${(def.dimensions ?? []).length + 1}`, field: firstField() }])}>{t('addDimension')}</button>
          </fieldset>

          <fieldset className="rule-part" data-testid="report-filters">
            <legend>{t('filters')}</legend>
            {(def.filters ?? []).map((f, i) => {
              const list = def.filters ?? [];
              const set = (next: Filter) => setList('filters', list.map((x, j) => (j === i ? next : x)));
              return (
                <div key={i} className="row list-row">
                  <FieldPicker {...picker} name={`filter-${i}-field`} label={t('field')} value={f.field} onChange={(v) => set({ ...f, field: v })} />
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
            <button type="button" onClick={() => setList('filters', [...(def.filters ?? []), { field: firstField(), op: 'eq', value: '' }])}>{t('addFilter')}</button>
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
          <DashboardPlacement
            reportKey={key}
            title={l(def.title, key)}
            tags={def.tags}
            chart={def.chart?.type}
            published={published}
            onTags={(tags) =>
              change((d) => {
                const next = { ...d };
                if (tags) next.tags = tags;
                else delete next.tags;
                return next;
              })
            }
            onChart={(type) => change((d) => ({ ...d, chart: { ...(d.chart ?? {}), type } }))}
          />
          <ReportPreview reportKey={key} chart={def.chart?.type ?? 'table'} published={editor.published?.version ?? null} definition={def as unknown as Record<string, unknown>} />
        </div>
      ) : null}
    </EditorFrame>
  );
}
