import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signatures (`webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>`) through the
 * `standardwebhooks` package. Verification is ours only for what the package fixes: the timestamp window
 * is the connector's (`toleranceSeconds`, 300 by default) and the clock is the caller's.
 */
export function isSigningSecret(secret: string): boolean {
  const raw = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : undefined;
  if (raw === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return false;
  const bytes = Buffer.from(raw, 'base64');
  return bytes.length >= 24 && bytes.length <= 64;
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
}

export type VerifyResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: 'headers' | 'timestamp' | 'signature'; detail: string };

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds: number,
  toleranceSeconds: number,
): VerifyResult {
  const id = header(headers, 'webhook-id');
  const stamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !stamp || !signatures || id.length > 256) {
    return { ok: false, reason: 'headers', detail: 'webhook-id, webhook-timestamp and webhook-signature are required' };
  }
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, reason: 'headers', detail: 'webhook-timestamp must be Unix seconds' };
  const timestamp = Number(stamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp', detail: `the timestamp is ${nowSeconds - timestamp} s away from now (at most ${toleranceSeconds} s allowed)` };
  }
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice('v1,'.length));
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value);
    // Equal lengths first: timingSafeEqual throws otherwise, and a length says nothing about the key.
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: 'signature', detail: 'no v1 signature matches' };
}
