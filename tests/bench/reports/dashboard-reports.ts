// The offboarding analytics dashboard as report definitions (issue 7): attrition by department, position
// and tenure band per month, exit reasons (categories, trend, words), cycle time per offboarding and per
// step, SLA breaches by team. The bench publishes these; the offboarding pack can ship the same shapes.
type Json = Record<string, unknown>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

export const benchForm: Json = {
  kind: 'form',
  key: 'offboarding-request',
  title: t('Offboarding request', '离职申请'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工') },
    { key: 'department', type: 'department', label: t('Department', '部门') },
    { key: 'lastWorkingDay', type: 'date', label: t('Last working day', '最后工作日') },
    { key: 'type', type: 'select', label: t('Type', '类型'), config: { options: [{ value: 'resignation', label: t('Resignation', '主动离职') }, { value: 'dismissal', label: t('Dismissal', '辞退') }, { value: 'retirement', label: t('Retirement', '退休') }] } },
    { key: 'reasonCategory', type: 'select', label: t('Reason', '离职原因'), config: { options: ['pay', 'growth', 'workload', 'manager', 'relocation', 'family', 'health', 'study'].map((v) => ({ value: v, label: v })) } },
    { key: 'reason', type: 'long-text', label: t('Reason (free text)', '原因说明') },
    { key: 'handoverNotes', type: 'long-text', label: t('Handover notes', '交接说明') },
  ],
};

const period = [
  { key: 'from', label: t('From', '起始'), type: 'date', default: '2025-01-01' },
  { key: 'to', label: t('To', '截止'), type: 'date', default: '2025-12-31' },
];
const form = { source: 'form', form: 'offboarding-request' };
const inPeriod = (field: string) => ({ field, op: 'between', value: [{ param: 'from' }, { param: 'to' }] });
const month = (field: string) => ({ kind: 'date', key: 'month', label: t('Month', '月份'), field, bucket: 'month' });
const attrition = [
  { op: 'count', key: 'leavers', label: t('Leavers', '离职人数') },
  { op: 'headcount', key: 'headcount', label: t('Average headcount', '平均在职人数'), stat: 'average' },
  { op: 'ratio', key: 'rate', label: t('Attrition rate', '离职率'), numerator: 'leavers', denominator: 'headcount', scale: 100, format: { style: 'percent', decimals: 1 } },
];
const report = (key: string, title: ReturnType<typeof t>, body: Json): Json => ({ kind: 'report', key, title, parameters: period, ...body });

export const dashboardReports: Json[] = [
  report('attrition-by-department', t('Attrition by department', '各部门离职率'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: attrition,
    dimensions: [month('lastWorkingDay'), { kind: 'department', key: 'division', label: t('Division', '事业部'), field: 'department', level: 2 }],
    chart: { type: 'line', x: 'month', series: 'division', y: ['rate'] },
  }),
  report('attrition-by-position', t('Attrition by position', '各职位离职率'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: attrition,
    dimensions: [month('lastWorkingDay'), { kind: 'field', key: 'position', label: t('Position', '职位'), field: 'employeeId.position' }],
    chart: { type: 'line', x: 'month', series: 'position', y: ['rate'] },
  }),
  report('attrition-by-tenure', t('Attrition by tenure', '各司龄段离职率'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: attrition,
    dimensions: [
      month('lastWorkingDay'),
      { kind: 'tenure', key: 'tenure', label: t('Tenure', '司龄'), from: 'employeeId.hireDate', to: 'lastWorkingDay', bands: [
        { key: 'lt1', label: t('< 1 year', '不满1年'), below: 12 },
        { key: 'y1to3', label: t('1–3 years', '1-3年'), below: 36 },
        { key: 'y3to5', label: t('3–5 years', '3-5年'), below: 60 },
        { key: 'gt5', label: t('5+ years', '5年以上') },
      ] },
    ],
    chart: { type: 'stacked-bar', x: 'month', series: 'tenure', y: ['rate'] },
  }),
  report('exit-reasons', t('Exit reasons', '离职原因'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: [{ op: 'count', key: 'leavers', label: t('Leavers', '离职人数') }],
    dimensions: [{ kind: 'field', key: 'reason', label: t('Reason', '原因'), field: 'reasonCategory' }],
    sort: [{ by: 'leavers', direction: 'desc' }],
    chart: { type: 'donut', x: 'reason', y: ['leavers'] },
  }),
  report('exit-reasons-trend', t('Exit reasons by month', '离职原因趋势'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: [{ op: 'count', key: 'leavers', label: t('Leavers', '离职人数') }],
    dimensions: [month('lastWorkingDay'), { kind: 'field', key: 'reason', label: t('Reason', '原因'), field: 'reasonCategory' }],
    chart: { type: 'stacked-bar', x: 'month', series: 'reason', y: ['leavers'] },
  }),
  report('exit-words', t('Words in exit reasons', '离职原因高频词'), {
    dataset: form,
    filters: [inPeriod('lastWorkingDay')],
    measures: [{ op: 'count', key: 'mentions', label: t('Mentions', '提及次数') }],
    dimensions: [{ kind: 'words', key: 'word', label: t('Word', '词'), field: 'reason', top: 30 }],
    sort: [{ by: 'mentions', direction: 'desc' }],
    chart: { type: 'word-cloud', x: 'word', y: ['mentions'] },
  }),
  report('cycle-time', t('Offboarding cycle time', '离职办理周期'), {
    dataset: { source: 'flow-instances', flow: 'offboarding' },
    filters: [inPeriod('startedAt')],
    measures: [
      { op: 'duration', key: 'p50', label: 'p50', from: { event: 'flow.started' }, to: { event: 'flow.completed' }, unit: 'business-days', stat: 'p50' },
      { op: 'duration', key: 'p90', label: 'p90', from: { event: 'flow.started' }, to: { event: 'flow.completed' }, unit: 'business-days', stat: 'p90' },
      { op: 'count', key: 'n', label: t('Offboardings', '离职办理数') },
    ],
    dimensions: [month('startedAt')],
    chart: { type: 'line', x: 'month', y: ['p50', 'p90'] },
  }),
  report('step-cycle-time', t('Cycle time per step', '各环节耗时'), {
    dataset: { source: 'steps', flow: 'offboarding' },
    filters: [inPeriod('enteredAt')],
    measures: [
      { op: 'duration', key: 'p50', label: 'p50', from: { field: 'enteredAt' }, to: { field: 'leftAt' }, unit: 'hours', stat: 'p50' },
      { op: 'duration', key: 'p90', label: 'p90', from: { field: 'enteredAt' }, to: { field: 'leftAt' }, unit: 'hours', stat: 'p90' },
    ],
    dimensions: [{ kind: 'field', key: 'node', label: t('Step', '环节'), field: 'node' }],
    sort: [{ by: 'p90', direction: 'desc' }],
    chart: { type: 'bar', x: 'node', y: ['p50', 'p90'], horizontal: true },
  }),
  report('sla-breaches', t('SLA breaches by team', '各团队超时任务'), {
    dataset: { source: 'tasks', flow: 'offboarding' },
    filters: [inPeriod('createdAt')],
    measures: [
      { op: 'count', key: 'tasks', label: t('Tasks', '任务数') },
      { op: 'count', key: 'breaches', label: t('Breaches', '超时数'), filters: [{ field: 'breached', op: 'eq', value: true }] },
      { op: 'ratio', key: 'share', label: t('Breach rate', '超时率'), numerator: 'breaches', denominator: 'tasks', scale: 100 },
    ],
    dimensions: [{ kind: 'field', key: 'team', label: t('Team', '团队'), field: 'assigneeId.department' }],
    sort: [{ by: 'breaches', direction: 'desc' }],
    chart: { type: 'bar', x: 'team', y: ['breaches'] },
  }),
];
