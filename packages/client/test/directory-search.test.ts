import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const dialects = ['pglite', 'postgres'] as const;

for (const dialect of dialects) {
  describe.skipIf(dialect === 'postgres' && !process.env.DATABASE_URL)(`client.directory.searchUsers [${dialect}]`, () => {
    let server: TestServer;
    let colleague: BatonClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      const admin = createClient({ baseUrl: server.url, token: server.adminToken });
      await admin.directory.import({
        departments: [{ id: 'd-hr', name: '人力资源部' }, { id: 'd-hr-ops', name: 'HR Ops', parentId: 'd-hr' }],
        users: [
          { id: 'u-li', name: '李雷', departmentId: 'd-hr', position: 'HRBP', email: 'li@example.com' },
          { id: 'u-han', name: '韩梅梅', departmentId: 'd-hr-ops' },
          { id: 'u-lily', name: 'Lily Left', active: false },
        ],
      });
      // Someone with no role at all may search.
      colleague = createClient({ baseUrl: server.url, token: await server.tokenFor('u-han', []) });
    });
    afterAll(() => server?.close());

    it('finds people by a word of the name, typed', async () => {
      const found = await colleague.directory.searchUsers({ q: '李' });
      expect(found).toEqual({
        items: [{ id: 'u-li', name: '李雷', departmentId: 'd-hr', department: { id: 'd-hr', name: '人力资源部' }, position: 'HRBP', active: true, status: 'active', leaveDate: null }],
        nextCursor: null,
      });
      // Someone switched off is offered to nobody by default; include: 'all' finds them (a stored value's name).
      expect((await colleague.directory.searchUsers({ q: 'LILY' })).items).toEqual([]);
      expect((await colleague.directory.searchUsers({ q: 'LILY', include: 'all' })).items.map((p) => [p.id, p.active, p.status])).toEqual([['u-lily', false, 'inactive']]);
    });

    it('sends repeated ids and follows the cursor through a department and the ones below it', async () => {
      expect((await colleague.directory.searchUsers({ id: ['u-han', 'u-li'] })).items.map((p) => p.name)).toEqual(['李雷', '韩梅梅'].sort());
      const first = await colleague.directory.searchUsers({ department: ['d-hr'], limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await colleague.directory.searchUsers({ department: ['d-hr'], limit: 1, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(['u-han', 'u-li']);
      expect(second.nextCursor).toBeNull();
    });

    it("gives HR the people list by status with a total, a user's status, and an import that keeps stored fields", async () => {
      const hr = createClient({ baseUrl: server.url, token: await server.tokenFor('u-li', ['hr']) });
      const inactive = await hr.directory.people({ status: 'inactive' });
      expect({ ids: inactive.items.map((p) => p.id), total: inactive.total }).toEqual({ ids: ['u-lily'], total: 1 });
      expect((await hr.directory.user('u-lily')).status).toBe('inactive');
      await hr.directory.import({ users: [{ id: 'u-li', name: '李雷', position: 'HR lead' }], keep: ['departmentId', 'email', 'attributes', 'active'] });
      expect(await hr.directory.user('u-li')).toMatchObject({ position: 'HR lead', departmentId: 'd-hr', email: 'li@example.com', status: 'active' });
    });

    it('throws the coded error for a bad parameter', async () => {
      const error = await colleague.directory.searchUsers({ limit: 500 }).catch((e: unknown) => e as BatonApiError);
      expect(error).toBeInstanceOf(BatonApiError);
      expect(error).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID', path: '/querystring/limit' });
    });
  });
}
