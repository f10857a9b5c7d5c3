import type pg from 'pg';

/**
 * Synthetic offboarding data written with set-based SQL (generate_series), so 100,000 offboardings with
 * 1,000,000 history events load in a minute rather than an hour. Everything is a function of the row
 * number through hashint4, so every run (and every stage) writes the same data.
 *
 * Shape: 20,000 people currently employed in 40 teams under 8 divisions, plus HR / IT / finance staff who
 * work the offboarding tasks; each offboarding n is a leaver l<n> (so the directory grows with the
 * offboardings) with 10 history events (started, 4 steps entered and left, ended) and 4 tasks whose
 * SLA is 48 hours. Offboardings spread over 2021–2025 (Asia/Shanghai).
 */

export const PEOPLE = 20_000;
const POSITIONS = `array['engineer','sales','support','analyst','designer','manager']`;
const CATEGORIES = `array['pay','growth','workload','manager','relocation','family','health','study']`;
const TYPES = `array['resignation','resignation','resignation','resignation','dismissal','retirement']`;
// Free-text reasons: three of twenty phrases (some in English), as people write them.
const PHRASES = `array['薪资待遇低','工作压力大','加班太多','想换个城市发展','职业发展空间有限','家庭原因需要照顾老人','通勤时间太长',
  '与直属领导沟通不畅','团队氛围不好','想尝试新的行业','身体原因需要休养','继续深造读研','公司业务调整','岗位职责不清晰','晋升机会少',
  '福利待遇一般','回老家发展','better offer elsewhere','long commute every day','no growth in current role']`;

const h = (expr: string, salt: number) => `abs(hashint4((${expr}) * ${salt} + ${salt}))`;

export async function seedDirectory(client: pg.Client): Promise<void> {
  await client.query(`
    insert into directory_departments (id, name, parent_id)
    select 'co', '公司', null
    union all select 'div' || d, '事业部 ' || d, 'co' from generate_series(1, 8) d
    union all select 't' || t, '团队 ' || t, 'div' || (1 + (t - 1) % 8) from generate_series(1, 40) t
    union all select id, name, 'co' from (values ('hr', '人力资源部'), ('it', '信息技术部'), ('finance', '财务部')) v(id, name)`);
  await client.query(`
    insert into directory_users (id, name, department_id, position, roles, hire_date, attributes)
    select 'e' || n, '员工' || n, 't' || (1 + n % 40), (${POSITIONS})[1 + n % 6], '[]'::jsonb,
      date '2025-12-31' - ${h('n', 3)} % 3650, jsonb_build_object('level', 'P' || (1 + n % 5))
    from generate_series(1, ${PEOPLE}) n`);
  await client.query(`
    insert into directory_users (id, name, department_id, position, roles, hire_date, attributes)
    select team || n, team || n, team, 'specialist', jsonb_build_array(team), date '2018-01-01', '{}'::jsonb
    from (values ('hr'), ('it'), ('finance')) v(team), generate_series(1, 20) n`);
  await client.query('update directory_version set version = version + 1 where id = 1');
}

/** Offboardings (from, to]: instances, leavers, history events and tasks, in chunks with progress. */
export async function seedOffboardings(client: pg.Client, from: number, to: number, onProgress: (done: number) => void): Promise<void> {
  const CHUNK = 5_000;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    await client.query('begin');
    await client.query(`
      create temporary table o on commit drop as
      select n, 'o' || n as id, 'l' || n as person, 't' || (1 + ${h('n', 5)} % 40) as dept,
        timestamptz '2021-01-01 00:00+08' + (${h('n', 7)} % (5 * 365 * 86400)) * interval '1 second' as t0,
        ${h('n', 11)} % 100 as fate,
        (1 + ${h('n', 13)} % 48) * interval '1 hour' as d1, (2 + ${h('n', 17)} % 96) * interval '1 hour' as d2,
        (1 + ${h('n', 19)} % 72) * interval '1 hour' as d3, (4 + ${h('n', 23)} % 120) * interval '1 hour' as d4
      from generate_series(${start + 1}, ${end}) n`);
    await client.query(`
      insert into directory_users (id, name, department_id, position, roles, hire_date, leave_date, attributes)
      select person, '离职员工' || n, dept, (${POSITIONS})[1 + ${h('n', 29)} % 6], '[]'::jsonb,
        (t0 + interval '30 days')::date - (30 + ${h('n', 31)} % 2500), (t0 at time zone 'Asia/Shanghai' + interval '30 days')::date,
        jsonb_build_object('level', 'P' || (1 + n % 5))
      from o`);
    await client.query(`
      insert into instances (id, flow_key, flow_version, status, state, data, started_by, subject_id, form_key, created_at, updated_at, completed_at, history_seq)
      select id, 'offboarding', 1,
        case when fate < 90 then 'completed' when fate < 95 then 'running' else 'cancelled' end, '{}'::jsonb,
        jsonb_build_object(
          'employeeId', person, 'department', dept,
          'lastWorkingDay', (t0 at time zone 'Asia/Shanghai' + interval '30 days')::date::text,
          'type', (${TYPES})[1 + ${h('n', 37)} % 6],
          'reasonCategory', (${CATEGORIES})[1 + ${h('n', 41)} % 8],
          'reason', (${PHRASES})[1 + ${h('n', 43)} % 20] || '，' || (${PHRASES})[1 + ${h('n', 47)} % 20] || '，' || (${PHRASES})[1 + ${h('n', 53)} % 20],
          'handoverNotes', '交接清单：客户资料、项目文档、系统账号、门禁卡、笔记本电脑，均已与接手人确认。'),
        person, person, 'offboarding-request', t0,
        case when fate < 90 or fate >= 95 then t0 + d1 + d2 + d3 + d4 else t0 + d1 + d2 + d3 end,
        case when fate < 90 or fate >= 95 then t0 + d1 + d2 + d3 + d4 end, 10
      from o`);
    // Ten events each; the statement-level trigger turns node.entered / node.left into step visits.
    await client.query(`
      insert into history (instance_id, seq, type, payload, actor, at, node_id)
      select o.id, k, x.type, jsonb_build_object('type', x.type, 'at', x.at, 'instanceId', o.id, 'nodeId', x.node, 'nodeType', x.node_type), o.person, x.at, x.node
      from o cross join generate_series(1, 10) k
      cross join lateral (select
        case k when 1 then 'flow.started'
          when 10 then case when o.fate < 90 then 'flow.completed' when o.fate < 95 then 'task.reminded' else 'flow.cancelled' end
          when 9 then case when o.fate < 90 then 'node.left' else 'task.created' end
          else case when k % 2 = 0 then 'node.entered' else 'node.left' end end as type,
        case when k between 2 and 9 then (array['manager-approval','hr-interview','it-handover','finance-settlement'])[(k - 2) / 2 + 1] end as node,
        case when k between 2 and 9 then (array['approval','task','task','task'])[(k - 2) / 2 + 1] end as node_type,
        o.t0 + case when k <= 2 then interval '0' when k <= 4 then o.d1 when k <= 6 then o.d1 + o.d2 when k <= 8 then o.d1 + o.d2 + o.d3
          else o.d1 + o.d2 + o.d3 + o.d4 end as at) x`);
    await client.query(`
      insert into tasks (id, instance_id, node_id, kind, status, assignee_id, assignees, completed_by, created_at, completed_at, due_at, outcome)
      select o.id || '-' || s, o.id, (array['manager-approval','hr-interview','it-handover','finance-settlement'])[s], case when s = 1 then 'approval' else 'task' end,
        case when o.fate >= 95 and s = 4 then 'cancelled' when o.fate >= 90 and s = 4 then 'open' else 'completed' end,
        who, jsonb_build_array(who), case when o.fate >= 90 and s = 4 then null else who end,
        o.t0 + starts[s], case when o.fate >= 90 and s = 4 then null else o.t0 + starts[s + 1] end, o.t0 + starts[s] + interval '48 hours',
        case when o.fate >= 90 and s = 4 then null else 'complete' end
      from o cross join generate_series(1, 4) s
      cross join lateral (select array[interval '0', o.d1, o.d1 + o.d2, o.d1 + o.d2 + o.d3, o.d1 + o.d2 + o.d3 + o.d4] as starts,
        case s when 1 then 'e' || (1 + (${h('o.n', 59)} % 40) * 500) when 2 then 'hr' || (1 + o.n % 20) when 3 then 'it' || (1 + o.n % 20) else 'finance' || (1 + o.n % 20) end as who) x`);
    // As every directory write does: processes reload their snapshot, and cached headcounts expire.
    await client.query('update directory_version set version = version + 1 where id = 1');
    await client.query('commit');
    onProgress(end);
  }
}
