import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { assetForm, expectOk, setUpDefinitions } from './reliability-fixtures.js';

// Issue 3 §5: an authorization matrix over every route × role, with no unexpected 2xx. The routes come
// from /api/openapi.json: a route that is not in MATRIX (or a MATRIX entry that no longer exists) fails.

type Who = 'anonymous' | 'user' | 'participant' | 'other' | 'hr' | 'designer' | 'auditor' | 'admin';
const EVERYONE: Who[] = ['user', 'participant', 'other', 'hr', 'designer', 'auditor', 'admin'];
const PUBLIC: Who[] = ['anonymous', ...EVERYONE];

/**
 * Who may get a 2xx from each route, given the objects below: instance I (initiated by emp, its open
 * approval task T assigned to `participant` = boss), instance J of `other`, record R. Everyone else must not.
 */
const MATRIX: Record<string, Who[]> = {
  'GET /api/health': PUBLIC,
  'POST /api/definitions': ['designer', 'admin'],
  'GET /api/definitions': EVERYONE,
  'GET /api/definitions/{kind}/{key}': EVERYONE,
  'POST /api/definitions/{kind}/{key}/publish': ['designer', 'admin'],
  'POST /api/directory/import': ['hr', 'admin'],
  'GET /api/directory/users/{id}': ['participant', 'hr', 'admin'], // id = the participant themself
  'GET /api/directory/departments': EVERYONE, // names only: the dashboard's department filter
  'GET /api/directory/users': EVERYONE, // the people search: id, name, department, position, active only
  'GET /api/directory/roles': ['designer', 'hr', 'admin'], // role names and holder counts: the designer's role pickers
  'GET /api/directory/people': ['hr', 'admin'], // HR's people page: the search plus manager, roles, hire date
  'GET /api/directory/people/export': ['hr', 'admin'], // the people page's CSV export: same columns as the page
  'POST /api/tokens': ['admin'],
  'GET /api/audit/verify': ['auditor', 'admin'],
  'GET /api/instances/{id}/evidence': ['participant', 'hr', 'auditor', 'admin'],
  'POST /api/flows/{key}/instances': EVERYONE,
  'GET /api/instances/{id}': ['participant', 'hr', 'admin'],
  'GET /api/instances': EVERYONE, // the ones each may see
  'GET /api/instances/counts': EVERYONE, // counts of what each may see (all for designers)
  'POST /api/instances/{id}/cancel': ['hr', 'admin'], // or its initiator, who is not among these
  'POST /api/instances/{id}/signals': [], // I waits at an approval, for no signal: 409 for admins, 404 for the rest
  'GET /api/tasks': EVERYONE, // mine=true: one's own
  'GET /api/tasks/{id}': ['participant', 'hr', 'admin'],
  'POST /api/tasks/{id}/actions': ['participant'],
  'GET /api/records/{formKey}': EVERYONE,
  'POST /api/records/{formKey}': ['designer', 'hr', 'admin'],
  'PATCH /api/records/{formKey}/{id}': ['designer', 'hr', 'admin'],
  'POST /api/packs/import': ['designer', 'admin'],
  'GET /api/packs': ['designer', 'admin'],
  'GET /api/packs/{key}/export': ['designer', 'admin'],
  'GET /api/packs/{key}/parameters': ['designer', 'admin'],
  'PUT /api/packs/{key}/parameters': ['admin'],
  'GET /api/templates': ['hr', 'designer', 'admin'], // the template gallery: templates shipped with Baton
  'POST /api/templates/{key}/install': ['hr', 'designer', 'admin'], // key "none": 404 for those allowed
  'GET /api/instances/{id}/documents/{documentKey}': ['participant', 'hr', 'admin'],
  'POST /api/files': EVERYONE,
  'GET /api/files/{id}': EVERYONE, // the uploader, or whoever sees what references it
  'POST /api/instances/{id}/secrets/reveal': ['hr', 'admin'],
  'POST /api/records/{formKey}/{id}/secrets/reveal': ['designer', 'hr', 'admin'],
  'POST /api/relation-options': [], // these forms have no relation field: 422 for all (a collection's readers otherwise)
  'GET /api/outbox': ['admin'],
  'GET /api/outbox/{id}': ['admin'],
  'POST /api/outbox/{id}/replay': ['admin'],
  'GET /api/timers': ['admin'],
  'POST /api/timers/{id}/replay': ['admin'],
  'GET /api/instances/{id}/deliveries': ['participant', 'hr', 'admin'],
  'GET /api/registry': EVERYONE,
  'POST /api/reports/{key}/run': EVERYONE, // a report's readers; none here
  'POST /api/reports/{key}/drill': EVERYONE,
  'POST /api/reports/{key}/csv': EVERYONE,
  'POST /api/reports/preview': ['designer', 'admin'],
  'GET /api/connector-types': ['designer', 'auditor', 'admin'],
  'GET /api/connectors': ['designer', 'auditor', 'admin'],
  'GET /api/connectors/{key}': ['designer', 'admin'],
  'PUT /api/connectors/{key}': ['admin'],
  'POST /api/connectors/{key}/test': ['admin'],
  'GET /api/connectors/{key}/deliveries': ['auditor', 'admin'],
  'GET /api/connectors/scim/reconciliation': ['hr', 'auditor', 'admin'],
  'GET /api/notifications': EVERYONE,
  'POST /api/notifications/{id}/read': EVERYONE,
  'POST /api/notifications/read-all': EVERYONE,
  'POST /api/hooks/{key}': PUBLIC, // authenticated by its signature, not a token
  'POST /api/auth/login': PUBLIC, // with the wrong password here: 401 for all
  'POST /api/auth/logout': EVERYONE, // sent with a token of its own (it revokes it)
  'GET /api/auth/me': EVERYONE,
  'PUT /api/accounts/{userId}/password': ['admin'],
  'GET /api/auth/demo-users': PUBLIC, // demo mode only; this server is not in demo mode
  'POST /api/auth/demo-login': PUBLIC,
  'GET /api/auth/providers': PUBLIC,
  'GET /api/auth/oidc/start': PUBLIC, // OIDC is not configured here: 404 for all
  'GET /api/auth/oidc/callback': PUBLIC,
  'POST /api/auth/oidc/session': PUBLIC, // needs the hand-off and the browser cookie of a finished sign-in
  'GET /api/auth/oidc/settings': ['admin'],
  'PUT /api/auth/oidc/settings': ['admin'],
  'DELETE /api/auth/oidc/settings': ['admin'],
};

/** Bodies that would pass validation, so a refusal is about who asks, not what they sent. */
function bodyFor(route: string): unknown {
  switch (route) {
    case 'POST /api/definitions': return { ...assetForm, title: { en: 'Asset 2', 'zh-CN': '资产 2' } };
    case 'POST /api/directory/import': return { users: [{ id: 'matrix-user', name: 'Matrix' }] };
    case 'POST /api/tokens': return { userId: 'plain' };
    case 'PUT /api/packs/{key}/parameters': return { values: { settlementReminderDays: 4 } };
    case 'POST /api/flows/{key}/instances': return { data: { employeeId: 'emp' } };
    case 'POST /api/instances/{id}/cancel': return { reason: 'matrix' };
    case 'POST /api/instances/{id}/signals': return { name: 'matrix.done', data: {} };
    case 'POST /api/tasks/{id}/actions': return { action: 'approve' };
    case 'POST /api/reports/preview': return { definition: { kind: 'report', key: 'matrix-preview' } };
    case 'POST /api/records/{formKey}': return { data: { name: 'laptop' } };
    case 'PATCH /api/records/{formKey}/{id}': return { data: { name: 'desk' }, version: 1 };
    case 'POST /api/relation-options': return { form: 'rel-asset', field: 'name', data: {} };
    case 'POST /api/auth/login': return { username: 'plain', password: 'not-the-password' };
    case 'PUT /api/accounts/{userId}/password': return { password: 'a long enough password 123' };
    case 'POST /api/auth/demo-login': return { userId: 'plain' };
    case 'POST /api/instances/{id}/secrets/reveal':
    case 'POST /api/records/{formKey}/{id}/secrets/reveal': return { path: '/password' };
    default: return {};
  }
}

forEachDatabase(
  'reliability: authorization matrix',
  (ctx) => {
    it('gives no 2xx to anyone the matrix does not allow, on every route of the OpenAPI document', { timeout: 150_000 }, async () => {
      await setUpDefinitions(ctx());
      const principals: Record<Exclude<Who, 'anonymous'>, [string, string[]]> = {
        user: ['plain', []],
        participant: ['boss', []],
        other: ['other', []],
        hr: ['hr1', ['hr']],
        designer: ['des1', ['designer']],
        auditor: ['aud1', ['auditor']],
        admin: ['admin', ['admin']],
      };
      const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
      for (const [who, [userId, roles]] of Object.entries(principals)) tokens[who as Exclude<Who, 'anonymous'>] = await ctx().tokenFor(userId, roles);
      const emp = await ctx().tokenFor('emp', []);
      const instance = await ctx().call({ method: 'POST', url: '/api/flows/rel-approval/instances', payload: { data: { employeeId: 'emp' } }, token: emp });
      expectOk(instance, 'instance I');
      expectOk(await ctx().call({ method: 'POST', url: '/api/flows/rel-approval/instances', payload: { data: { employeeId: 'other' } }, token: tokens.other }), 'instance J');
      const record = await ctx().call({ method: 'POST', url: '/api/records/rel-asset', payload: { data: { name: 'phone' } } });
      expectOk(record, 'record R');
      const instanceId = instance.json().id as string;
      const taskId = (await ctx().database.db.selectFrom('tasks').select('id').where('instance_id', '=', instanceId).executeTakeFirstOrThrow()).id;
      const params = (route: string): Record<string, string> => {
        const on = (prefix: string) => route.includes(prefix);
        return {
          id: on('/instances/{id}') ? instanceId : on('/tasks/{id}') ? taskId : on('/records/') ? record.json().id : on('/directory/users/') ? 'boss' : '00000000-0000-4000-8000-000000000000',
          key: on('/flows/') ? 'rel-approval' : on('/definitions/') ? 'rel-request' : 'none',
          kind: 'form',
          formKey: 'rel-asset',
          documentKey: 'none',
          userId: 'plain',
        };
      };

      const doc = (await ctx().call({ method: 'GET', url: '/api/openapi.json', token: null })).json() as { paths: Record<string, Record<string, unknown>> };
      const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
      expect(routes.filter((r) => !MATRIX[r]), 'routes missing from the authorization matrix').toEqual([]);
      expect(Object.keys(MATRIX).filter((r) => !routes.includes(r)), 'matrix entries for routes that no longer exist').toEqual([]);

      const request = async (route: string, who: Who) => {
        const [method, template] = route.split(' ') as [string, string];
        const values = params(route);
        const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
        const body = method === 'GET' ? undefined : bodyFor(route);
        // Signing out revokes the token it is sent with: it gets a token of its own.
        const token = who === 'anonymous' ? null : route.endsWith('/logout') ? await ctx().tokenFor(...principals[who]) : tokens[who];
        return ctx().call({
          method: method as 'GET',
          url,
          token,
          ...(body !== undefined ? { payload: body as object } : {}),
        });
      };

      // Everyone the matrix refuses first (nothing they send may change anything), then those it allows.
      const unexpected: string[] = [];
      for (const route of routes) {
        for (const who of (['anonymous', ...EVERYONE] as Who[]).filter((w) => !MATRIX[route]!.includes(w))) {
          const res = await request(route, who);
          if (res.statusCode < 300 || res.statusCode >= 500) unexpected.push(`${route} as ${who} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          if (who === 'anonymous' && res.statusCode !== 401) unexpected.push(`${route} as anonymous → ${res.statusCode}, not 401`);
        }
      }
      expect(unexpected).toEqual([]);
      const refusedAllowed: string[] = [];
      for (const route of routes) {
        for (const who of MATRIX[route]!) {
          const res = await request(route, who);
          // A wrong password (the login route here) is a 401 about the credentials, not about who asks.
          const credentials = res.statusCode === 401 && res.json().error?.code === 'BATON_E_LOGIN_FAILED';
          if (((res.statusCode === 401 || res.statusCode === 403) && !credentials) || res.statusCode >= 500) refusedAllowed.push(`${route} as ${who} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
      // The matrix is not vacuous: those it allows get past authentication and role checks.
      expect(refusedAllowed).toEqual([]);
    });
  },
  { once: true },
);

