const MASK = '[redacted]';
const SENSITIVE_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|webhook-signature)$/i;
const SENSITIVE_QUERY = /^(access_token|token|key|secret|sign|signature|api_?key|apikey|password|passwd|sig)$/i;
const MAX_TEXT = 4096;

/**
 * Removes secrets from what is kept in the delivery log and shown on the instance's timeline: every opened
 * secret value wherever it appears (also URL-encoded and base64'd), credential headers, and credential query
 * parameters. Built per delivery from the connector's secrets.
 */
export class Redactor {
  readonly #needles: string[];

  constructor(secretValues: readonly string[]) {
    const needles = new Set<string>();
    for (const value of secretValues) {
      // Very short values would blank out ordinary text; secrets are never that short in practice.
      if (value.length < 4) continue;
      needles.add(value);
      needles.add(encodeURIComponent(value));
      needles.add(Buffer.from(value).toString('base64'));
    }
    // Longest first, so a secret that contains another is masked whole.
    this.#needles = [...needles].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const needle of this.#needles) if (out.includes(needle)) out = out.split(needle).join(MASK);
    return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}… (${out.length} characters)` : out;
  }

  url(value: string): string {
    try {
      const url = new URL(value);
      for (const name of [...url.searchParams.keys()]) if (SENSITIVE_QUERY.test(name)) url.searchParams.set(name, MASK);
      if (url.username || url.password) {
        url.username = '';
        url.password = '';
      }
      return this.text(url.toString().replace(/%5Bredacted%5D/g, MASK));
    } catch {
      return this.text(value);
    }
  }

  headers(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
      out[name.toLowerCase()] = SENSITIVE_HEADERS.test(name) ? MASK : this.text(value);
    }
    return out;
  }

  /** A JSON value with every string redacted; keys that name credentials are masked whole. */
  json(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (depth > 20 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.slice(0, 200).map((v) => this.json(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(password|passwd|secret|token|access_?token|api_?key|authorization|sign|signature)$/i.test(k) && typeof v === 'string' ? MASK : this.json(v, depth + 1);
    }
    return out;
  }

  /** A body for the log: parsed JSON when it is JSON, else text; both redacted and bounded. */
  body(text: string | undefined): unknown {
    if (text === undefined || text === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.text(text);
    }
    const redacted = this.json(parsed);
    return JSON.stringify(redacted).length > 2 * MAX_TEXT ? this.text(JSON.stringify(redacted)) : redacted;
  }
}
