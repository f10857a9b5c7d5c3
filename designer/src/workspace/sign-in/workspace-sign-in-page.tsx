import { BatonApiError, createClient, isBatonApiError } from '@baton/client';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { TopBar } from '../../app/app-shell.js';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { switchLocale } from '../../app/i18n/i18n.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useSession } from '../../app/session/session-store.js';
import { apiBaseUrl } from '../../app/session/use-api.js';
import { authApi, type DemoPerson, type SessionAnswer, type SignInProviders } from './auth-api.js';

/** The "keep me signed in" choice, kept across the round trip to the identity provider. */
const OIDC_REMEMBER = 'baton.oidc.remember';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/inbox';
}

/**
 * Sign-in: the organisation's identity provider (OIDC) when the server offers it, username and password
 * (local accounts), in demo mode a "sign in as" picker of the demo people, and, for administrators and
 * scripts, an API token. After OIDC the server sends the browser back here with a one-time hand-off in the
 * URL fragment, exchanged at once for a session token.
 */
export function WorkspaceSignInPage() {
  const { t } = useTranslation('workspace');
  const { t: ts } = useTranslation('shell');
  const { locale } = useLocalized();
  const signIn = useSession((s) => s.signIn);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [token, setToken] = useState('');
  const [tokenUser, setTokenUser] = useState('');
  const [error, setError] = useState<{ error: unknown; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoPerson[] | null>(null);
  const [demoQuery, setDemoQuery] = useState('');
  const [providers, setProviders] = useState<SignInProviders | null>(null);
  const [finishing, setFinishing] = useState(() => globalThis.location?.hash.startsWith('#oidc=') ?? false);

  useEffect(() => {
    authApi.providers(locale).then(
      (p) => {
        setProviders(p);
        if (p.demo) authApi.demoUsers(locale).then((r) => setDemo(r.items), () => setDemo(null));
        else setDemo(null);
      },
      // An older server without /auth/providers: the demo route answers 404 outside demo mode.
      () => authApi.demoUsers(locale).then((r) => setDemo(r.items), () => setDemo(null)),
    );
  }, [locale]);

  // Back from the identity provider: the fragment holds a one-time hand-off (never sent to a server by the
  // browser); it leaves the address bar and history before it is exchanged.
  useEffect(() => {
    const hash = globalThis.location?.hash ?? '';
    if (!hash.startsWith('#oidc=')) return;
    const handoff = decodeURIComponent(hash.slice('#oidc='.length));
    globalThis.history?.replaceState(null, '', globalThis.location.pathname + globalThis.location.search);
    const keep = globalThis.sessionStorage?.getItem(OIDC_REMEMBER) === '1';
    globalThis.sessionStorage?.removeItem(OIDC_REMEMBER);
    authApi.oidcSession(handoff, locale).then(
      async (answer) => {
        signIn(answer.token, answer.user.id, keep);
        if (answer.user.locale && answer.user.locale !== locale && !globalThis.localStorage?.getItem('baton.locale')) await switchLocale(answer.user.locale);
        navigate(safeNext(answer.returnTo), { replace: true });
      },
      (err: unknown) => {
        setFinishing(false);
        setError({ error: err, title: t('oidcFailed') });
      },
    );
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The callback refused the sign-in and the person came back through its "back to sign-in" link.
  useEffect(() => {
    const code = params.get('oidcError');
    if (code && /^BATON_E_[A-Z_]+$/.test(code)) {
      setError({ error: new BatonApiError({ status: 400, code, message: t('oidcFailed'), request: 'GET /api/auth/oidc/callback' }), title: t('oidcFailed') });
    }
  }, [params, t]);

  const done = async (answer: SessionAnswer) => {
    signIn(answer.token, answer.user.id, remember);
    if (answer.user.locale && answer.user.locale !== locale && !globalThis.localStorage?.getItem('baton.locale')) await switchLocale(answer.user.locale);
    navigate(safeNext(params.get('next')), { replace: true });
  };

  const run = async (title: string, work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError({ error: err, title });
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    void run(t('loginFailed'), async () => done(await authApi.login(username.trim(), password, locale)));
  };

  const submitToken = (e: FormEvent) => {
    e.preventDefault();
    void run(ts('signInFailed'), async () => {
      const client = createClient({ baseUrl: apiBaseUrl(), token: token.trim(), locale, retries: 0 });
      await client.definitions.list({ limit: 1 });
      let userId = tokenUser.trim() || null;
      if (!userId) {
        userId = await authApi.me(token.trim(), locale).then((me) => me.id, (err: unknown) => (isBatonApiError(err) ? null : null));
      }
      signIn(token.trim(), userId, remember);
      navigate(safeNext(params.get('next')), { replace: true });
    });
  };

  const roleName = (role: string) => t(`demoRole.${role}`, { defaultValue: role });
  const people = useMemo(() => {
    const q = demoQuery.trim().toLowerCase();
    const matches = (r: string) => r.includes(q) || t(`demoRole.${r}`, { defaultValue: r }).toLowerCase().includes(q);
    return (demo ?? []).filter((p) => !q || p.id.toLowerCase().includes(q) || p.name.toLowerCase().includes(q) || p.roles.some(matches));
  }, [demo, demoQuery, t]);

  return (
    <div className="app">
      <TopBar />
      <main className="page narrow workspace-sign-in">
        <h1>{t('signInTitle')}</h1>
        {finishing ? <p role="status" data-testid="oidc-finishing">{t('oidcFinishing')}</p> : null}
        {providers?.oidc ? (
          <div className="oidc-sign-in stack">
            <a
              className="button primary"
              data-testid="oidc-sign-in"
              href={`${providers.oidc.startUrl}?next=${encodeURIComponent(safeNext(params.get('next')))}`}
              onClick={() => globalThis.sessionStorage?.setItem(OIDC_REMEMBER, remember ? '1' : '0')}
            >
              {t('oidcSignIn', { name: providers.oidc.name })}
            </a>
            <p className="muted">{t('oidcOr')}</p>
          </div>
        ) : null}
        <form onSubmit={submitPassword} className="stack" aria-label={t('signInTitle')}>
          <label htmlFor="sign-in-username">
            {t('username')}
            <input id="sign-in-username" name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label htmlFor="sign-in-password">
            {t('password')}
            <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <label className="inline" htmlFor="sign-in-remember">
            <input id="sign-in-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('remember')}
          </label>
          <button type="submit" className="primary" data-testid="log-in" disabled={busy || username.trim() === '' || password === ''}>
            {busy ? t('loggingIn') : t('logIn')}
          </button>
        </form>
        {error ? <ErrorPanel error={error.error} title={error.title} /> : null}

        {demo ? (
          <section className="demo-picker" aria-labelledby="demo-title" data-testid="demo-picker">
            <h2 id="demo-title">{t('demoTitle')}</h2>
            <p className="muted">{t('demoHelp')}</p>
            <label htmlFor="sign-in-demo-filter">
              {t('demoFilter')}
              <input id="sign-in-demo-filter" type="search" value={demoQuery} onChange={(e) => setDemoQuery(e.target.value)} />
            </label>
            {people.length === 0 ? <p role="status">{t('demoNone')}</p> : null}
            <ul className="demo-people">
              {people.map((p) => (
                <li key={p.id}>
                  <button type="button" data-testid={`demo-${p.id}`} disabled={busy} onClick={() => void run(t('loginFailed'), async () => done(await authApi.demoLogin(p.id, locale)))}>
                    <strong>{p.name}</strong> <code>{p.id}</code>
                    {p.roles.length > 0 ? <span className="muted"> · {p.roles.map(roleName).join(locale === 'zh-CN' ? '、' : ', ')}</span> : null}
                    {p.position ? <span className="muted"> · {p.position}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="token-sign-in" aria-labelledby="token-title">
          <h2 id="token-title">{t('tokenTitle')}</h2>
          <p className="muted">{ts('signInHelp')}</p>
          <form onSubmit={submitToken} className="stack">
            <label htmlFor="sign-in-token">
              {ts('tokenLabel')}
              <input id="sign-in-token" name="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
            </label>
            <label htmlFor="sign-in-user">
              {ts('userLabel')}
              <input id="sign-in-user" name="user" value={tokenUser} onChange={(e) => setTokenUser(e.target.value)} placeholder={ts('userPlaceholder')} />
            </label>
            <button type="submit" disabled={busy || token.trim() === ''}>{ts('signIn')}</button>
          </form>
        </section>
      </main>
    </div>
  );
}
