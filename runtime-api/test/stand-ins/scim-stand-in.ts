import { HttpStandIn, sendJson } from './http-stand-in.js';

export interface ScimUser {
  id: string;
  userName: string;
  externalId?: string;
  /** Stored the way some providers do (Entra may send and show "True"/"False"). */
  active: boolean | string;
}

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * A SCIM 2.0 service provider (RFC 7644) over a user map: bearer token, `GET /Users?filter=<attr> eq "<v>"`,
 * `GET /Users/:id`, `PATCH /Users/:id` (PatchOp, `path: active` or a `value` object, "False" strings too),
 * `DELETE /Users/:id`, `GET /ServiceProviderConfig`. `staleReads` makes that many read-backs after a PATCH
 * still show the old state (eventual consistency).
 */
export class ScimStandIn {
  readonly users = new Map<string, ScimUser>();
  staleReads = 0;
  private stale: Map<string, ScimUser> = new Map();
  private constructor(readonly http: HttpStandIn, private readonly token: string) {}

  static async start(token: string, users: ScimUser[]): Promise<ScimStandIn> {
    let standIn: ScimStandIn | undefined;
    const http = await HttpStandIn.start((req, res) => {
      const scim = standIn!;
      if (req.headers.authorization !== `Bearer ${scim.token}`) return sendJson(res, 401, { schemas: [ERROR], status: '401', detail: 'bad token' });
      if (req.method === 'GET' && req.path === '/scim/v2/ServiceProviderConfig') return sendJson(res, 200, { patch: { supported: true }, filter: { supported: true, maxResults: 100 } });
      if (req.method === 'GET' && req.path === '/scim/v2/Users') {
        const filter = req.query.get('filter');
        let found = [...scim.users.values()];
        if (filter) {
          const m = /^(userName|externalId) eq "((?:[^"\\]|\\.)*)"$/.exec(filter);
          if (!m) return sendJson(res, 400, { schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
          const value = m[2]!.replace(/\\(.)/g, '$1');
          found = found.filter((u) => (m[1] === 'userName' ? u.userName.toLowerCase() === value.toLowerCase() : u.externalId === value));
        }
        return sendJson(res, 200, { schemas: [LIST], totalResults: found.length, Resources: found.map((u) => ({ schemas: [USER], ...u })) }, { 'content-type': 'application/scim+json' });
      }
      const m = /^\/scim\/v2\/Users\/([^/]+)$/.exec(req.path);
      const user = m ? scim.users.get(decodeURIComponent(m[1]!)) : undefined;
      if (!m || !user) return sendJson(res, 404, { schemas: [ERROR], status: '404', detail: 'no such user' });
      if (req.method === 'GET') {
        const shown = scim.staleReads > 0 && scim.stale.has(user.id) ? scim.stale.get(user.id)! : user;
        if (scim.staleReads > 0) scim.staleReads -= 1;
        return sendJson(res, 200, { schemas: [USER], ...shown });
      }
      if (req.method === 'PATCH') {
        const body = req.json as { schemas?: string[]; Operations?: Array<{ op: string; path?: string; value?: unknown }> };
        if (!body?.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp')) return sendJson(res, 400, { schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
        scim.stale.set(user.id, { ...user });
        for (const op of body.Operations ?? []) {
          if (op.op.toLowerCase() !== 'replace') continue;
          if (op.path === 'active') user.active = op.value as boolean | string;
          else if (op.value && typeof op.value === 'object' && 'active' in op.value) user.active = (op.value as { active: boolean }).active;
        }
        return sendJson(res, 200, { schemas: [USER], ...user });
      }
      if (req.method === 'DELETE') {
        scim.users.delete(user.id);
        res.writeHead(204);
        res.end();
        return;
      }
      return sendJson(res, 405, { schemas: [ERROR], status: '405' });
    });
    standIn = new ScimStandIn(http, token);
    for (const u of users) standIn.users.set(u.id, { ...u });
    return standIn;
  }

  get baseUrl(): string {
    return `${this.http.url}/scim/v2`;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
