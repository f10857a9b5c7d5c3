import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { HR, call, importOffboardingPack, ok, People, request, shanghaiDate, taskAt } from './journey-kit.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACK_DIR } from '../pack-files.js';

type Json = Record<string, any>;

// 李娜 (demo-sales-1) hands customers over; 陈静 (demo-sales-3) left yesterday, 刘洋 (demo-sales-2) is here.
const LEAVER = 'demo-sales-1';
const GONE = 'demo-sales-3';
const PRESENT = 'demo-sales-2';
const MANAGER = 'demo-sales-director';

const demoUsers = (JSON.parse(readFileSync(join(PACK_DIR, 'seed/demo-directory.json'), 'utf8')) as { users: Json[] }).users;
const userWith = (id: string, extra: Json) => ({ ...demoUsers.find((u) => u.id === id)!, ...extra });

forEachDatabase('offboarding: people who have left cannot take over customers or work', (ctx) => {
  const people = new People(ctx);
  const yesterday = shanghaiDate(-1);
  const customers = (second: string) => [
    { customerId: 'demo-customer-01', successorId: PRESENT },
    { customerId: 'demo-customer-02', successorId: second },
  ];

  it('imports the pack, then 陈静 leaves (yesterday, in the organisation zone)', async () => {
    await importOffboardingPack(ctx());
    await ok(ctx(), undefined, 'POST', '/api/directory/import', { users: [userWith(GONE, { leaveDate: yesterday })] });
  });

  it('a handover naming 陈静 as a successor is refused with the row path; the form says why in Chinese', async () => {
    const token = await people.token(LEAVER);
    const refused = await call(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { customers: customers(GONE) }) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/data/customers/1/successorId' });
    const zh = await ctx().call({
      method: 'POST', url: '/api/flows/offboarding/instances', token, headers: { 'accept-language': 'zh-CN' },
      payload: { data: request(LEAVER, { customers: customers(GONE) }) },
    });
    expect(zh.json().error.message).toContain(`陈静（“${GONE}”）已于 ${yesterday} 离职`);
  });

  it('HR files late paperwork for someone who already left: the leaving-employee field accepts them', async () => {
    await ok(ctx(), undefined, 'POST', '/api/directory/import', { users: [userWith(LEAVER, { leaveDate: yesterday })] });
    const data = request(LEAVER, { lastWorkingDay: yesterday, terminationDate: yesterday, customers: customers(PRESENT) });
    const started = await ok(ctx(), await people.token(HR), 'POST', '/api/flows/offboarding/instances', { data, initiator: HR }, 201);
    expect(started.activeNodes).toEqual(['managerApproval']);
    // The manager is here: the approval is theirs.
    const task = await taskAt(ctx(), await people.token(MANAGER), started.id as string, 'managerApproval');
    expect(task.assignees).toEqual([MANAGER]);
  });
});
