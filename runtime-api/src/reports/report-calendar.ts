import { CN_CALENDAR, prepareCalendar, type WorkCalendar } from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { WorkHours } from './measure-sql.js';
import { reportDb } from './report-tables.js';

/** Days the table covers: durations outside them are unknown (null), not wrong. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2045-12-31';

function fingerprint(calendar: WorkCalendar): string {
  return createHash('sha256').update(JSON.stringify([calendar, FIRST_DAY, LAST_DAY])).digest('hex');
}

export function workHoursOf(calendar: WorkCalendar = CN_CALENDAR): WorkHours {
  const p = prepareCalendar(calendar);
  return { start: p.workStartMs / 60_000, end: p.workEndMs / 60_000 };
}

const synced = new WeakMap<object, string>();

/**
 * Fills report_calendar_days from the engine's work calendar (China's, with 调休) when it is missing or
 * the calendar changed (a new year's schedule ships with the engine). Idempotent and safe to race: rows
 * are upserted and the fingerprint is written last.
 */
export async function ensureReportCalendar(db: Kysely<Database>, calendar: WorkCalendar = CN_CALENDAR): Promise<void> {
  const print = fingerprint(calendar);
  if (synced.get(db) === print) return;
  const rdb = reportDb(db);
  const meta = await rdb.selectFrom('report_meta').select('value').where('key', '=', 'calendar').executeTakeFirst();
  if (meta?.value !== print) {
    const weekend = JSON.stringify(calendar.weekend ?? [0, 6]);
    const holidays = JSON.stringify(calendar.holidays ?? []);
    const workdays = JSON.stringify(calendar.workdays ?? []);
    // One statement: the days, whether each is worked (adjusted workdays win over weekends and
    // holidays, as in the engine's isWorkday), and the running count of workdays.
    await rdb.transaction().execute(async (trx) => {
      await sql`
        insert into report_calendar_days (day, workday, workday_ordinal)
        select x.day, x.workday, (sum(case when x.workday then 1 else 0 end) over (order by x.day))::int
        from (
          select g::date as day,
            (g::date in (select jsonb_array_elements_text(${workdays}::jsonb)::date)
              or (extract(dow from g)::int not in (select jsonb_array_elements_text(${weekend}::jsonb)::int)
                  and g::date not in (select jsonb_array_elements_text(${holidays}::jsonb)::date))) as workday
          from generate_series(${FIRST_DAY}::date, ${LAST_DAY}::date, interval '1 day') as g
        ) x
        on conflict (day) do update set workday = excluded.workday, workday_ordinal = excluded.workday_ordinal`.execute(trx);
      await trx
        .insertInto('report_meta')
        .values({ key: 'calendar', value: print })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
        .execute();
    });
  }
  synced.set(db, print);
}
