import { createMemoryDirectory, fillTemplate, type RuleContext } from '@baton/engine';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/harness/for-each-database.js';
import { withRelatedRecords } from './related-records.js';

const ctx: RuleContext = { now: '2030-06-01T08:00:00.000Z', directory: createMemoryDirectory({ users: [{ id: 'u-1', name: '黄敏', roles: [], attributes: {} } as never] }) };
const scope = { employeeId: 'u-1', assets: [{ assetId: 'rec-laptop' }, { assetId: 'rec-monitor' }] };

forEachDatabase('rule templates that name a related record', (getCtx) => {
  it('reads the records a template names, in one query, and runs the rules again with them', async () => {
    const { db } = getCtx().database;
    await db
      .insertInto('records')
      .values([
        { id: 'rec-laptop', form_key: 'asset', form_version: 1, data: JSON.stringify({ tag: 'ZB-0012' }), created_by: 'test' },
        { id: 'rec-monitor', form_key: 'asset', form_version: 1, data: JSON.stringify({ tag: 'ZB-0013' }), created_by: 'test' },
      ])
      .execute();
    let runs = 0;
    const text = await withRelatedRecords(db, ctx, (c) => {
      runs += 1;
      return fillTemplate('Collect {assets.assetId.tag} from {employeeId.name}', scope, c.directory, c.records);
    });
    expect(text).toBe('Collect ZB-0012, ZB-0013 from 黄敏');
    expect(runs).toBe(2);
  });

  it('runs once when no template names a record, and leaves out a record that is gone', async () => {
    const { db } = getCtx().database;
    let runs = 0;
    const plain = await withRelatedRecords(db, ctx, (c) => {
      runs += 1;
      return fillTemplate('Disable accounts of {employeeId.name}', scope, c.directory, c.records);
    });
    expect(plain).toBe('Disable accounts of 黄敏');
    expect(runs).toBe(1);
    const missing = await withRelatedRecords(db, ctx, (c) => fillTemplate('Collect {assets.assetId.tag}', { assets: [{ assetId: 'rec-laptop' }, { assetId: 'rec-gone' }] }, c.directory, c.records));
    expect(missing).toBe('Collect ZB-0012');
  });
});
