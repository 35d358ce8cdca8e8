// @vitest-environment node
// Single sign-on in the browser: a real OpenID provider (oidc-provider) on loopback, "Login with …" on the
// login page, the provider's redirects, the callback page storing the tokens and clearing the address bar;
// then the provider goes down and the same button lands on a page that says what went wrong.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../apps/server/src/test-support/oidc-provider.js';
import { type Admin, setupAdmin } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

describe.skipIf(!chromiumAvailable)('web UI single sign-on', () => {
  let argus: ArgusProcess;
  let provider: TestOidcProvider;
  let browser: Browser;
  let admin: Admin;

  beforeAll(async () => {
    await buildWeb();
    argus = await startArgus();
    admin = await setupAdmin(argus.url);
    provider = await startTestOidcProvider({ redirectUris: [`${argus.url}/api/auth/oidc/callback`] });
    provider.accounts.set('sso-alice', { email: 'alice@example.com', name: 'Alice SSO', groups: ['sre'] });
    await admin.call(
      'PUT',
      '/api/settings/oidc',
      {
        enabled: true,
        issuer: provider.issuer,
        client_id: provider.clientId,
        client_secret: provider.clientSecret,
        name: 'Test ID',
      },
      admin.token,
    );
    await admin.call('POST', '/api/settings/oidc/mappings', { group: 'sre', role: 'viewer' }, admin.token);
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await provider?.close();
    await argus?.stop();
  });

  it('signs in with "Login with Test ID"; the tokens never stay in the address bar', async () => {
    provider.nextLogin = { account: 'sso-alice' };
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const visited: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) visited.push(f.url());
    });
    await page.goto(`${argus.url}/login`);
    await page.getByRole('link', { name: 'Login with Test ID' }).click();
    await page.waitForURL(`${argus.url}/clusters`);
    expect(page.url()).not.toMatch(/token/);
    expect(new URL(page.url()).hash).toBe('');
    // No URL with a token in its query string was ever navigated to.
    expect(visited.filter((u) => /token/.test(new URL(u).search))).toEqual([]);
    // The fragment arrived (and was then removed).
    expect(visited.some((u) => new URL(u).hash.includes('access_token='))).toBe(true);
    const me = await admin.call<{ items: { email: string; auth_provider: string; roles: { role: string }[] }[] }>(
      'GET',
      '/api/users',
      undefined,
      admin.token,
    );
    expect(me.items.find((u) => u.email === 'alice@example.com')).toMatchObject({
      auth_provider: 'oidc',
      roles: [{ role: 'viewer' }],
    });
    await screenshot(page, '50-sso-signed-in');
    await page.close();
  }, 60_000);

  it('shows what went wrong when the provider is down', async () => {
    await provider.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${argus.url}/login`);
    await page.getByRole('link', { name: 'Login with Test ID' }).click();
    await page.getByText('Single sign-on failed').waitFor();
    await page.getByText('OIDC_PROVIDER_UNREACHABLE').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, '51-sso-provider-down');
    await page.close();
  }, 60_000);
});
