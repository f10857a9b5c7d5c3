import { Type, type Static } from 'typebox';
import { Closed } from '../../app/schema-helpers.js';

/** The directory user field an OIDC claim is matched against. */
export type OidcUserField = 'id' | 'email' | 'username' | `attributes.${string}`;

/** How Baton signs people in with the operator's OpenID Connect provider. */
export interface OidcSettings {
  /** Issuer identifier; its /.well-known/openid-configuration is read (and must name the same issuer). */
  issuer: string;
  clientId: string;
  /** Null: a public client (PKCE only, token endpoint auth "none"). */
  clientSecret: string | null;
  /** Registered at the provider; it must reach GET /api/auth/oidc/callback of this server. */
  redirectUri: string;
  /** Shown on the sign-in page: "Sign in with <name>". */
  name: string;
  scopes: string[];
  /** The ID token claim that identifies the person (email, preferred_username, sub, employee_id …). */
  claim: string;
  /** The directory field the claim must equal (email and username compare case-insensitively). */
  userField: OidcUserField;
  /** Create a directory user (no roles) when none matches. Off by default: only known people get in. */
  autoProvision: boolean;
  /** Hosts the provider may be reached at even when they resolve to internal addresses (a private IdP). */
  allowHosts: string[];
}

export const OIDC_DEFAULTS = { name: 'SSO', scopes: ['openid', 'email', 'profile'], claim: 'email', userField: 'email' as OidcUserField } as const;

const CLAIM = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const USER_FIELD = /^(id|email|username|attributes\.[A-Za-z_][A-Za-z0-9_-]{0,63})$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/** The admin route's body: the settings, the secret write-only (omit it to keep the stored one). */
export const OidcSettingsBody = Closed({
  issuer: Type.String({ minLength: 8, maxLength: 500 }),
  clientId: Type.String({ minLength: 1, maxLength: 300 }),
  clientSecret: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()], { description: 'Sealed at rest and never answered; omit to keep the stored one, null for a public client.' })),
  redirectUri: Type.String({ minLength: 8, maxLength: 500 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  scopes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
  claim: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  userField: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  autoProvision: Type.Optional(Type.Boolean()),
  allowHosts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 20 })),
});
export type OidcSettingsBodyValue = Static<typeof OidcSettingsBody>;

/** What GET answers: the settings with the secret reduced to whether one is set. */
export const OidcSettingsView = Closed({
  source: Type.Union([Type.Literal('env'), Type.Literal('database'), Type.Literal('none')]),
  settings: Type.Union([
    Closed({
      issuer: Type.String(),
      clientId: Type.String(),
      clientSecretSet: Type.Boolean(),
      redirectUri: Type.String(),
      name: Type.String(),
      scopes: Type.Array(Type.String()),
      claim: Type.String(),
      userField: Type.String(),
      autoProvision: Type.Boolean(),
      allowHosts: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
});

export interface SettingsProblem {
  /** JSON Pointer into the settings ("/issuer"). */
  path: string;
  reason: string;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function checkUrl(raw: string, path: string, allowHosts: readonly string[], problems: SettingsProblem[]): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push({ path, reason: 'it must be an absolute URL such as https://idp.example.com' });
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push({ path, reason: 'it must be an https URL' });
  else if (url.username || url.password || url.hash) problems.push({ path, reason: 'it must hold no user name, password or #fragment' });
  else if (url.protocol === 'http:' && path === '/issuer' && !allowHosts.map((h) => h.toLowerCase()).includes(hostOf(url))) {
    problems.push({ path, reason: `plain http is only allowed for a host named in allowHosts (a private provider): use https, or add "${hostOf(url)}" to allowHosts` });
  }
}

/** Everything wrong with a set of settings (empty when they are usable). */
export function settingsProblems(s: OidcSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  checkUrl(s.issuer, '/issuer', s.allowHosts, problems);
  checkUrl(s.redirectUri, '/redirectUri', s.allowHosts, problems);
  if (!s.redirectUri.includes('/api/auth/oidc/callback')) problems.push({ path: '/redirectUri', reason: 'it must point at /api/auth/oidc/callback of this server' });
  if (!CLAIM.test(s.claim)) problems.push({ path: '/claim', reason: 'a claim name is letters, digits, "_", ".", ":" or "-"' });
  if (!USER_FIELD.test(s.userField)) problems.push({ path: '/userField', reason: 'use id, email, username or attributes.<name>' });
  if (s.autoProvision && s.userField === 'username') problems.push({ path: '/autoProvision', reason: 'people matched by local account username cannot be provisioned: match on id, email or an attribute' });
  if (!s.scopes.includes('openid')) problems.push({ path: '/scopes', reason: 'the scopes must include "openid"' });
  s.scopes.forEach((scope, i) => {
    if (!SCOPE.test(scope)) problems.push({ path: `/scopes/${i}`, reason: 'a scope is one word of printable characters' });
  });
  return problems;
}

/** Fills the defaults of the admin route's body (the secret is handled by the caller). */
export function settingsFromBody(body: OidcSettingsBodyValue, clientSecret: string | null): OidcSettings {
  return {
    issuer: body.issuer.trim(),
    clientId: body.clientId.trim(),
    clientSecret,
    redirectUri: body.redirectUri.trim(),
    name: body.name?.trim() || OIDC_DEFAULTS.name,
    scopes: body.scopes ?? [...OIDC_DEFAULTS.scopes],
    claim: body.claim ?? OIDC_DEFAULTS.claim,
    userField: (body.userField ?? OIDC_DEFAULTS.userField) as OidcUserField,
    autoProvision: body.autoProvision ?? false,
    allowHosts: (body.allowHosts ?? []).map((h) => h.trim().toLowerCase()),
  };
}

function list(raw: string | undefined, separator: RegExp): string[] | undefined {
  const items = raw?.split(separator).map((s) => s.trim()).filter((s) => s !== '');
  return items && items.length > 0 ? items : undefined;
}

/**
 * BATON_OIDC_* from the environment: null when BATON_OIDC_ISSUER is unset. Settings from the environment
 * win over the admin route's (GET /api/auth/oidc/settings says which is in force).
 */
export function oidcSettingsFrom(env: Record<string, string | undefined>, publicUrl: string | undefined): OidcSettings | null {
  const issuer = env.BATON_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.BATON_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('BATON_OIDC_CLIENT_ID must be set when BATON_OIDC_ISSUER is');
  const redirectUri = env.BATON_OIDC_REDIRECT_URI?.trim() || (publicUrl ? `${publicUrl}/api/auth/oidc/callback` : undefined);
  if (!redirectUri) throw new Error('BATON_OIDC_REDIRECT_URI (or BATON_PUBLIC_URL) must be set when BATON_OIDC_ISSUER is');
  const auto = env.BATON_OIDC_AUTO_PROVISION?.trim().toLowerCase();
  const settings: OidcSettings = {
    issuer,
    clientId,
    clientSecret: env.BATON_OIDC_CLIENT_SECRET?.trim() || null,
    redirectUri,
    name: env.BATON_OIDC_NAME?.trim() || OIDC_DEFAULTS.name,
    scopes: list(env.BATON_OIDC_SCOPES, /[\s,]+/) ?? [...OIDC_DEFAULTS.scopes],
    claim: env.BATON_OIDC_CLAIM?.trim() || OIDC_DEFAULTS.claim,
    userField: (env.BATON_OIDC_USER_FIELD?.trim() || OIDC_DEFAULTS.userField) as OidcUserField,
    autoProvision: ['1', 'true', 'on', 'yes'].includes(auto ?? ''),
    allowHosts: (list(env.BATON_OIDC_ALLOW_HOSTS, /,/) ?? []).map((h) => h.toLowerCase()),
  };
  const problems = settingsProblems(settings);
  if (problems.length > 0) {
    const names: Record<string, string> = { '/issuer': 'BATON_OIDC_ISSUER', '/redirectUri': 'BATON_OIDC_REDIRECT_URI', '/claim': 'BATON_OIDC_CLAIM', '/userField': 'BATON_OIDC_USER_FIELD' };
    const first = problems[0]!;
    throw new Error(`${names[first.path] ?? 'BATON_OIDC_SCOPES'}: ${first.reason}`);
  }
  return settings;
}
