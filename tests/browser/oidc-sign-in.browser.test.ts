import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcProviderStandIn } from '../../runtime-api/test/stand-ins/oidc-provider-stand-in.js';
import { api } from './harness/api.js';
import { hasChromium, launchChromium, skipNotice } from './harness/browser-env.js';
import { startRuntime, type RunningRuntime } from './harness/runtime-server.js';
import { sceneCaller } from './harness/scene.js';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const available = hasChromium();
if (!available) console.log(skipNotice());

// "Sign in with <provider>" in real Chromium: the button goes to a stand-in OpenID provider on 127.0.0.1,
// which sends the browser back through the runtime's callback into the designer's inbox.
describe.skipIf(!available)('OIDC sign-in in Chromium', () => {
  let runtime: RunningRuntime;
  let browser: Browser;
  let idp: OidcProviderStandIn;

  beforeAll(async () => {
    [runtime, browser, idp] = await Promise.all([startRuntime(), launchChromium(), OidcProviderStandIn.start()]);
    const call = sceneCaller(runtime.baseUrl, runtime.adminToken);
    await call('POST', '/directory/import', { users: [{ id: 'mgr', name: 'Meng Manager', email: 'meng@corp.example', roles: ['manager'] }] });
    await call('PUT', '/auth/oidc/settings', {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: `${runtime.baseUrl}/api/auth/oidc/callback`,
      name: 'Corp SSO',
      allowHosts: ['127.0.0.1'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await idp?.close();
  });

  it('clicks "Sign in with Corp SSO" and lands in the inbox, signed in', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    idp.next = { claims: { sub: 'idp-meng', email: 'meng@corp.example', email_verified: true } };
    await page.goto(`${runtime.baseUrl}/inbox`);
    await page.waitForURL(/\/sign-in/);
    const button = page.getByTestId('oidc-sign-in');
    await button.waitFor();
    expect(await button.textContent()).toBe('Sign in with Corp SSO');
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'oidc-sign-in-page.png') });
    await button.click();
    await page.waitForURL(/\/inbox$/, { timeout: 20_000 });
    // The hand-off left the address bar; the session token is the designer's.
    expect(page.url()).not.toContain('#oidc=');
    // A string: this file is compiled without the DOM library.
    const stored = (await page.evaluate(`({ token: sessionStorage.getItem('baton.token'), user: sessionStorage.getItem('baton.token.user') })`)) as { token: string | null; user: string | null };
    expect(stored.user).toBe('mgr');
    expect(stored.token).toMatch(/^baton_/);
    const me = await api<{ id: string }>(runtime.baseUrl, stored.token!, 'GET', '/auth/me');
    expect(me.body.id).toBe('mgr');
    await page.locator('h1').first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'oidc-inbox.png') });
    expect(problems).toEqual([]);
  });

  it('shows why an unknown person was refused and leads back to the sign-in page in Chinese', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' })).newPage();
    idp.next = { claims: { sub: 'idp-x', email: 'stranger@corp.example', email_verified: true } };
    await page.goto(`${runtime.baseUrl}/sign-in`);
    await page.getByTestId('oidc-sign-in').click();
    await page.getByText('BATON_E_OIDC_USER_UNKNOWN').waitFor({ timeout: 20_000 });
    expect(await page.locator('body').textContent()).toContain('目录中没有');
    await page.getByRole('link').click();
    const panel = page.locator('.error-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-error-code')).toBe('BATON_E_OIDC_USER_UNKNOWN');
  });
});
