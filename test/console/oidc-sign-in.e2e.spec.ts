/// <reference lib="dom" />
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { freePort } from '../support/service-process';
import {
  type ConsoleFixture,
  screenshot,
  seriousViolations,
  startConsole,
} from './console-browser';

/** Seconds the provider's access tokens live: long enough to sign in, short enough to expire here. */
const accessTokenSeconds = 45;

/**
 * OpenID Connect sign-in for real: node-oidc-provider runs in a process of its own (its login and
 * consent pages, a public client with PKCE, JWT access tokens carrying roles and jurisdictions),
 * the service is started pointing at it (OIDC_ISSUER, OIDC_CLIENT_ID, JWT_JWKS_URL…), and Chromium
 * goes through the provider's pages to a signed-in console; then expiry and sign-out.
 */
describe('console sign-in with OpenID Connect (authorization code + PKCE, Chromium)', () => {
  let f: ConsoleFixture;
  let provider: ChildProcess;
  let issuer: string;

  beforeAll(async () => {
    f = await startConsole(async (env) => {
      const port = await freePort();
      provider = spawn(
        process.execPath,
        [
          path.join(__dirname, 'oidc-provider.mjs'),
          String(port),
          String(env.PORT),
          String(accessTokenSeconds),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      issuer = await new Promise<string>((resolve, reject) => {
        let out = '';
        provider.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = out.match(/issuer (\S+)/);
          if (m) resolve(m[1]);
        });
        provider.once('exit', (code) => reject(new Error(`oidc-provider exited (${code})`)));
      });
      Object.assign(env, {
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'cme-console',
        OIDC_SCOPES: 'openid profile cme',
        JWT_JWKS_URL: `${issuer}/jwks`,
        JWT_ISSUER: issuer,
        JWT_AUDIENCE: 'cme-ledger',
      });
    });
  }, 240_000);
  afterAll(async () => {
    await f?.close();
    provider?.kill('SIGTERM');
  });

  const newPage = async (): Promise<Page> => {
    const context = await f.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
      viewport: { width: 1400, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  };

  /** The provider's own pages: login (any password), then consent. */
  const throughProvider = async (page: Page, login: string) => {
    try {
      await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`));
      await page.locator('input[name="login"]').fill(login);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${page.url()}\n${await page.content()}`);
    }
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  };

  it('publishes how to sign in, and refuses one-time links while a provider is configured', async () => {
    const { body } = await request(f.url).get('/console-config').expect(200);
    expect(body).toEqual({
      signIn: 'oidc',
      oidc: { issuer, clientId: 'cme-console', scopes: 'openid profile cme' },
    });
    await request(f.url)
      .post('/sign-in-links/exchange')
      .send({ code: 'a'.repeat(43) })
      .expect(404);
  });

  it('signs an auditor in at the provider (code + PKCE) and the API accepts the token; the token expires with a message', async () => {
    const page = await newPage();
    await page.goto(f.url);
    // The signed-out page tells how to sign in here (not the embedded default's command).
    await page.getByText(/请点击“统一身份认证登录”，在本单位的身份认证平台登录/).waitFor();
    expect(await page.getByText(/npm run ledger -- sign-in/).count()).toBe(0);
    const asked = page.waitForRequest((r) => r.url().startsWith(`${issuer}/auth`));
    await page.getByRole('button', { name: '统一身份认证登录（Sign in）' }).click();
    // The console asked with PKCE (S256), for a code.
    const authorize = new URL((await asked).url());
    expect(authorize.pathname).toBe('/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    await throughProvider(page, 'auditor-zj');
    await page.waitForURL(/\/auditor/);
    const who = page.getByTestId('who');
    await who.getByText('审计').waitFor();
    expect(await who.textContent()).toContain('CN-ZJ');
    // The API takes the provider's access token: an auditor-only call answers.
    await page.getByRole('button', { name: '校验日志' }).click();
    await page.getByTestId('verification').getByText('日志完整：所有哈希链均一致').waitFor();
    const session = JSON.parse(
      (await page.evaluate(() => window.sessionStorage.getItem('cme-ledger.session'))) as string,
    );
    expect(session).toMatchObject({ via: 'oidc', roles: ['auditor'], jurisdictions: ['CN-ZJ'] });
    const claims = JSON.parse(
      Buffer.from(String(session.token).split('.')[1], 'base64url').toString(),
    );
    expect(claims).toMatchObject({ iss: issuer, aud: 'cme-ledger', sub: 'auditor-zj' });
    await page.addStyleTag({
      content:
        '*, *::before, *::after { transition: none !important; animation: none !important; }',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'oidc-signed-in');
    // The token's own expiry signs the console out, with a message saying how to sign in again.
    await page
      .getByText(/您已退出登录，请点击“统一身份认证登录”重新登录/)
      .waitFor({ timeout: (accessTokenSeconds + 15) * 1000 });
    // …when the token's exp passed (the API itself allows the provider's clock 60 s more).
    expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now());
    expect(claims.exp - claims.iat).toBe(accessTokenSeconds);
    await page.context().close();
  }, 120_000);

  it('signs out at the provider too: the next sign-in asks for the login again', async () => {
    const page = await newPage();
    await page.goto(f.url);
    await page.getByRole('button', { name: '统一身份认证登录（Sign in）' }).click();
    await throughProvider(page, 'committee-zj');
    await page.waitForURL(/\/committee/);
    await page.getByTestId('who').getByText('继续医学教育委员会').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    // The provider's own sign-out page, then back to the console, signed out.
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/session/end`));
    await page.getByRole('button', { name: /Yes, sign me out/i }).click();
    await page.waitForURL((url) => url.href.startsWith(f.url));
    await page.getByRole('button', { name: '统一身份认证登录（Sign in）' }).click();
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.locator('input[name="login"]').waitFor();
    expect(
      await page.evaluate(() => window.sessionStorage.getItem('cme-ledger.session')),
    ).toBeNull();
    await page.context().close();
  }, 120_000);
});
