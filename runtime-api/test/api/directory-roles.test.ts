import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const org = {
  users: [
    { id: 'li', name: 'Li Wei', roles: ['manager', 'it'] },
    { id: 'wang', name: 'Wang Fang', roles: ['it'] },
    { id: 'zhao', name: 'Zhao Lei', roles: [] },
  ],
};

forEachDatabase('directory roles', (ctx) => {
  it('lists every role held in the directory with its number of holders, by name, to designers and HR', async () => {
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org });
    expect(imported.statusCode).toBe(200);
    const designer = await ctx().tokenFor('li', ['designer']);
    const res = await ctx().call({ method: 'GET', url: '/api/directory/roles', token: designer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ role: 'it', holders: 2 }, { role: 'manager', holders: 1 }] });
    const hr = await ctx().tokenFor('wang', ['hr']);
    expect((await ctx().call({ method: 'GET', url: '/api/directory/roles', token: hr })).statusCode).toBe(200);
  });

  it('refuses the list to people who neither design nor run HR', async () => {
    const token = await ctx().tokenFor('zhao', ['sales']);
    const res = await ctx().call({ method: 'GET', url: '/api/directory/roles', token });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toMatch(/^BATON_E_/);
  });
});
