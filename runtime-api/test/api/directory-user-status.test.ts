import { afterEach, expect, it, vi } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';

// GET /directory/users/:id says whether a person has left by the organisation's date, like the people list,
// not by UTC's (nor a browser's). The runtime reads its clock from `new Date()`: the tests freeze Date only
// (timers stay real, so the database and Fastify run as usual) at an instant when the two dates differ.

type Json = Record<string, any>;

const directory = (lastDayA: string, lastDayB: string) => ({
  users: [
    { id: 'hr1', name: 'Hana HR', roles: ['hr'] },
    { id: 'a', name: 'A Leaver', leaveDate: lastDayA },
    { id: 'b', name: 'B Leaver', leaveDate: lastDayB },
    { id: 'off', name: 'C Off', active: false, leaveDate: lastDayB },
  ],
});

afterEach(() => {
  vi.useRealTimers();
});

/** Status of each person from the single-user route and from HR's list (include=all), at a frozen instant. */
async function statusesAt(ctx: TestContext, instant: string): Promise<{ single: Json; listed: Json; leaving: string[]; left: string[] }> {
  const hr = await ctx.tokenFor('hr1', ['hr']);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
  const single: Json = {};
  for (const id of ['a', 'b', 'off']) {
    const res = await ctx.call({ method: 'GET', url: `/api/directory/users/${id}`, token: hr });
    expect(res.statusCode).toBe(200);
    single[id] = res.json().status;
  }
  const list = async (query: string) => (await ctx.call({ method: 'GET', url: `/api/directory/people?${query}`, token: hr })).json();
  const listed = Object.fromEntries((await list('include=all')).items.map((p: Json) => [p.id, p.status]));
  const ids = async (status: string) => (await list(`status=${status}`)).items.map((p: Json) => p.id);
  return { single, listed, leaving: await ids('leaving'), left: await ids('left') };
}

// Asia/Shanghai is UTC+8: at 20:00 UTC on 10 March it is already the 11th there.
forEachDatabase('directory user status, organisation ahead of UTC', (ctx) => {
  it('imports people whose last day is UTC today and Shanghai today', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory('2026-03-10', '2026-03-11') });
    expect(res.statusCode).toBe(200);
  });

  it("calls someone whose last day was UTC's today left, and someone on their last day leaving", async () => {
    const { single, listed, leaving, left } = await statusesAt(ctx(), '2026-03-10T20:00:00Z');
    expect(single).toEqual({ a: 'left', b: 'active', off: 'inactive' });
    expect({ a: listed.a, b: listed.b, off: listed.off }).toEqual(single);
    expect(leaving).toEqual(['b']);
    expect(left).toEqual(['a']);
  });
}, { config: { timeZone: 'Asia/Shanghai' } });

// America/Los_Angeles is UTC-8 in March (PDT: UTC-7 from the 8th): at 04:00 UTC on the 11th it is still the 10th there.
forEachDatabase('directory user status, organisation behind UTC', (ctx) => {
  it('imports people whose last day is Los Angeles today and UTC yesterday', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory('2026-03-09', '2026-03-10') });
    expect(res.statusCode).toBe(200);
  });

  it("keeps someone on their last day (UTC's yesterday) present until the organisation's midnight", async () => {
    const { single, listed, leaving, left } = await statusesAt(ctx(), '2026-03-11T04:00:00Z');
    expect(single).toEqual({ a: 'left', b: 'active', off: 'inactive' });
    expect({ a: listed.a, b: listed.b, off: listed.off }).toEqual(single);
    expect(leaving).toEqual(['b']);
    expect(left).toEqual(['a']);
  });

  it('moves them to left once the organisation reaches the next day', async () => {
    const { single, leaving, left } = await statusesAt(ctx(), '2026-03-11T08:00:00Z');
    expect(single).toEqual({ a: 'left', b: 'left', off: 'left' });
    expect(leaving).toEqual([]);
    expect(left).toEqual(['a', 'b', 'off']);
  });
}, { config: { timeZone: 'America/Los_Angeles' } });
