import request from 'supertest';
import {
  type ConsoleFixture,
  screenshot,
  seriousViolations,
  signInLink,
  startConsole,
} from './console-browser';

/** The console served by the service at `/`, and the one-time sign-in link of the embedded default. */
describe('web console: served at / and signed into with a one-time link', () => {
  let f: ConsoleFixture;
  beforeAll(async () => {
    f = await startConsole();
  }, 120_000);
  afterAll(() => f?.close());

  it('serves the console at / and for client routes, while the API, docs and health keep answering', async () => {
    const home = await request(f.url).get('/').expect(200);
    expect(home.text).toContain('<div id="root">');
    // A browser opening a client route gets the console; an API client still gets a 404.
    const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    await request(f.url)
      .get('/auditor/persons/x')
      .set('accept', html)
      .expect(200)
      .expect(/<div id="root">/);
    await request(f.url).get('/no-such-route').expect(404).expect('content-type', /json/);
    await request(f.url).get('/health').expect(200).expect('content-type', /json/);
    await request(f.url).get('/openapi.json').expect(200).expect('content-type', /json/);
    await request(f.url).get('/docs').expect(200);
    // Unknown API paths stay API 404s, not the console's page.
    await request(f.url)
      .get('/persons/p-1/nothing-here')
      .set('accept', html)
      .expect(404)
      .expect('content-type', /json/);
    await request(f.url).get('/assets/missing.js').expect(404);
  });

  it('a link signs the browser in once; the same link again is refused with a clear Chinese message', async () => {
    const link = await signInLink(f.env, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    expect(link).toMatch(new RegExp(`^${f.url}/sign-in#code=[A-Za-z0-9_-]{40,}$`));
    const context = await f.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/committee/);
    await page.getByTestId('who').getByText('继续医学教育委员会').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('CN-ZJ');
    // The code is gone from the address bar and the history.
    expect(page.url()).not.toContain('code=');

    const again = await context.newPage();
    await again.goto(link);
    await again.getByText('登录链接已使用过').waitFor();
    expect(await seriousViolations(again)).toEqual([]);
    await screenshot(again, 'sign-in-link-used');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText('您已退出登录').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'signed-out');
    await context.close();
  });

  it('an expired link is refused and says so; an exchange needs a well-formed code', async () => {
    const link = await signInLink(f.env, ['--role', 'auditor', '--jurisdiction', 'CN-ZJ']);
    const code = link.split('#code=')[1];
    await f.db.sql`UPDATE sign_in_links SET expires_at = now() - interval '1 second'`;
    const expired = await request(f.url)
      .post('/sign-in-links/exchange')
      .set('Accept-Language', 'zh-CN')
      .send({ code })
      .expect(401);
    expect(expired.body.message).toMatch(/登录链接已过期/);
    await request(f.url).post('/sign-in-links/exchange').send({ code: 'x' }).expect(400);
  });

  it('a token that stopped working signs the console out with a message; a screen of another role is a 403 page', async () => {
    const link = await signInLink(f.env, ['--role', 'auditor', '--jurisdiction', 'CN-ZJ']);
    const context = await f.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(/\/auditor/);
    await page.goto(`${f.url}/committee`);
    await page.getByText('无权访问').waitFor();
    // The token no longer verifies (as after a key change): the next call answers 401.
    await page.evaluate(`(() => {
      const key = 'cme-ledger.session';
      const s = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...s, token: s.token + 'x' }));
    })()`);
    await page.goto(`${f.url}/auditor`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('登录已过期或无效').waitFor();
    await context.close();
  });
});
