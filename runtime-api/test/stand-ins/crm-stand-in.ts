import { HttpStandIn, sendJson } from './http-stand-in.js';

export interface Customer {
  id: string;
  name: string;
  ownerId: string;
}

/**
 * A CRM's REST API: `X-Api-Key` header, `PUT /api/customers/:id/owner { ownerId }` (applied once per
 * Idempotency-Key, as a careful API does), `GET /api/customers/:id`. Unknown customers answer 404.
 */
export async function startCrmStandIn(apiKey: string, customers: Customer[]): Promise<HttpStandIn & { customers: Map<string, Customer>; changes: number }> {
  const store = new Map(customers.map((c) => [c.id, { ...c }]));
  const seenKeys = new Set<string>();
  const state = { changes: 0 };
  const standIn = await HttpStandIn.start((req, res) => {
    if (req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, { error: 'invalid api key' });
    if (req.method === 'GET' && req.path === '/api') return sendJson(res, 200, { name: 'crm' });
    const m = /^\/api\/customers\/([^/]+)(\/owner)?$/.exec(req.path);
    const customer = m ? store.get(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !customer) return sendJson(res, 404, { error: 'no such customer' });
    if (req.method === 'GET' && !m[2]) return sendJson(res, 200, customer);
    if (req.method === 'PUT' && m[2]) {
      const ownerId = (req.json as { ownerId?: unknown } | undefined)?.ownerId;
      if (typeof ownerId !== 'string') return sendJson(res, 422, { error: 'ownerId is required' });
      const key = String(req.headers['idempotency-key'] ?? '');
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        customer.ownerId = ownerId;
        state.changes += 1;
      }
      return sendJson(res, 200, customer);
    }
    return sendJson(res, 405, { error: 'method not allowed' });
  });
  Object.defineProperty(standIn, 'changes', { get: () => state.changes });
  return Object.assign(standIn, { customers: store }) as HttpStandIn & { customers: Map<string, Customer>; changes: number };
}
