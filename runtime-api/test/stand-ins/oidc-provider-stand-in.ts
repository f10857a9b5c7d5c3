import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { HttpStandIn, sendJson, type RecordedRequest } from './http-stand-in.js';

/** How the next sign-in at the stand-in goes: who signs in, and what (if anything) is wrong with the ID token. */
export interface NextLogin {
  claims: Record<string, unknown>;
  alg?: 'RS256' | 'ES256';
  fault?: 'wrong-nonce' | 'bad-signature' | 'expired' | 'wrong-audience' | 'pkce-mismatch';
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  login: NextLogin;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

/**
 * A small OpenID Provider on 127.0.0.1 for tests: discovery, JWKS (an RS256 and an ES256 key), an authorize
 * endpoint that signs in whoever `next` says without a page, and a token endpoint that checks client
 * credentials, redirect URI and the PKCE verifier (S256) and issues an ID token signed with jose.
 */
export class OidcProviderStandIn {
  next: NextLogin = { claims: { sub: 'nobody' } };
  readonly tokenRequests: RecordedRequest[] = [];
  private readonly codes = new Map<string, PendingCode>();

  private constructor(
    private readonly http: HttpStandIn,
    private readonly keys: { rs: { privateKey: CryptoKey; jwk: JWK }; es: { privateKey: CryptoKey; jwk: JWK }; rogue: CryptoKey },
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  static async start(clientId = 'baton', clientSecret = 'stand-in-client-secret-1234'): Promise<OidcProviderStandIn> {
    const rs = await generateKeyPair('RS256');
    const es = await generateKeyPair('ES256');
    const rogue = await generateKeyPair('RS256');
    const keys = {
      rs: { privateKey: rs.privateKey, jwk: { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' } },
      es: { privateKey: es.privateKey, jwk: { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' } },
      rogue: rogue.privateKey,
    };
    let provider: OidcProviderStandIn | undefined;
    const http = await HttpStandIn.start((req, res) => provider!.handle(req, res));
    provider = new OidcProviderStandIn(http, keys, clientId, clientSecret);
    return provider;
  }

  get issuer(): string {
    return `${this.http.url}/realm`;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async handle(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const issuer = this.issuer;
    if (req.path === '/realm/.well-known/openid-configuration') {
      return sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (req.path === '/realm/jwks') return sendJson(res, 200, { keys: [this.keys.rs.jwk, this.keys.es.jwk] });
    if (req.path === '/realm/authorize') return this.authorize(req, res);
    if (req.path === '/realm/token' && req.method === 'POST') return this.token(req, res);
    return sendJson(res, 404, { error: 'not_found' });
  }

  private authorize(req: RecordedRequest, res: ServerResponse): void {
    const q = req.query;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== this.clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('scope')?.split(' ').includes('openid')) {
      return sendJson(res, 400, { error: 'invalid_request', seen: Object.fromEntries(q) });
    }
    const code = b64url(randomBytes(24));
    const login = this.next;
    const challenge = login.fault === 'pkce-mismatch' ? b64url(createHash('sha256').update('another verifier').digest()) : q.get('code_challenge')!;
    this.codes.set(code, { clientId: this.clientId, redirectUri, challenge, nonce: q.get('nonce') ?? '', login });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.href });
    res.end();
  }

  private async token(req: RecordedRequest, res: ServerResponse): Promise<void> {
    this.tokenRequests.push(req);
    const form = new URLSearchParams(req.body);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
    if (id !== this.clientId || secret !== this.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
    const pending = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    if (!pending || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== pending.redirectUri) return sendJson(res, 400, { error: 'invalid_grant' });
    const verifier = form.get('code_verifier') ?? '';
    if (b64url(createHash('sha256').update(verifier).digest()) !== pending.challenge) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const { login } = pending;
    const alg = login.alg ?? 'RS256';
    const now = Math.floor(Date.now() / 1000);
    const key = login.fault === 'bad-signature' ? this.keys.rogue : alg === 'ES256' ? this.keys.es.privateKey : this.keys.rs.privateKey;
    const idToken = await new SignJWT({ ...login.claims, nonce: login.fault === 'wrong-nonce' ? 'not-the-nonce' : pending.nonce })
      .setProtectedHeader({ alg, kid: alg === 'ES256' ? 'es-1' : 'rs-1', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(login.fault === 'wrong-audience' ? 'someone-else' : this.clientId)
      .setIssuedAt(login.fault === 'expired' ? now - 7200 : now)
      .setExpirationTime(login.fault === 'expired' ? now - 3600 : now + 300)
      .sign(key);
    return sendJson(res, 200, { access_token: b64url(randomBytes(16)), token_type: 'Bearer', expires_in: 300, id_token: idToken }, { 'cache-control': 'no-store' });
  }
}
