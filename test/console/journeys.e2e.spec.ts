import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { bearerFromDataDir, newIdNumber, personBody } from '../support/ledger-client';
import { demoJs, runCli } from '../support/service-process';
import {
  type ConsoleFixture,
  dropdownsClosed,
  screenshot,
  seriousViolations,
  signedInPage,
  startConsole,
} from './console-browser';

/**
 * One journey per user of the web console, in Chromium, against the service as `npm start` runs
 * it over the demo ledger (`npm run demo`): each asserts what the user sees (names, amounts,
 * verdicts, Chinese labels), checks the screen with axe-core (no serious or critical violations)
 * and writes its screenshot to test-results/console/.
 */
describe('web console journeys (Chromium)', () => {
  let f: ConsoleFixture;
  let demoOutput: string;
  const committee = { id: 'zj-committee', role: 'committee', jurisdiction: 'CN-ZJ' };
  let api: (path: string) => request.Test;
  /** The demo's first Zhejiang person: id, ID number, name. */
  let sample: { personId: string; idNumber: string; name: string };

  beforeAll(async () => {
    f = await startConsole(async (env) => {
      demoOutput = (await runCli(demoJs, [], env)).stdout;
    });
    api = (path) =>
      request(f.url)
        .get(path)
        .set(bearerFromDataDir(f.env.DATA_DIR as string, committee));
    const personId = (demoOutput.match(/GET \/persons\/([0-9a-f-]{36})\n/) as RegExpMatchArray)[1];
    const { body } = await api(`/persons/${personId}`).expect(200);
    sample = { personId, idNumber: body.idNumber, name: body.name };
  }, 240_000);
  afterAll(() => f?.close());

  const check = async (page: Page, name: string) => {
    // Colours are measured at rest: a tag caught mid-transition (Ant Design animates colour
    // changes) reads as low contrast at random; a select's dropdown finishes closing first.
    await dropdownsClosed(page);
    await page.addStyleTag({
      content:
        '*, *::before, *::after { transition: none !important; animation: none !important; }',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, name);
  };

  it('npm run demo prints one sign-in link per role, and each opens that role’s screen', async () => {
    for (const role of ['auditor', 'committee', 'admin', 'organizer', 'employer', 'professional'])
      expect(demoOutput).toMatch(new RegExp(`${role}: ${f.url}/sign-in#code=[A-Za-z0-9_-]+`));
    const link = (demoOutput.match(/employer: (\S+)/) as RegExpMatchArray)[1];
    const page = await f.browser.newPage({ locale: 'zh-CN' });
    await page.goto(link);
    await page.waitForURL(/\/employer/);
    await page.close();
  });

  it('auditor: ID number → year verdict with reasons and profile version → credit trace as of a Shanghai date; log verification', async () => {
    const page = await signedInPage(f, ['--role', 'auditor', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/auditor/);
    await page.getByLabel('身份证号').fill(sample.idNumber);
    await page.getByLabel(/截至日期/).fill('2026-11-30');
    await page.getByRole('button', { name: '查询' }).click();
    const year = page.getByTestId('person-year');
    await year.getByText(sample.name).first().waitFor();
    // An auditor sees the ID number masked.
    await year
      .getByText(`${sample.idNumber.slice(0, 6)}********${sample.idNumber.slice(-4)}`)
      .waitFor();
    // The demo's sample person is compliant in 2026 despite the revoked credit below.
    expect(await year.getByTestId('verdict').textContent()).toBe('达标');
    await year.getByText('zhejiang-2024@2').waitFor();
    // "as of 2026-11-30" is the end of that day in Shanghai, whatever the browser's zone (New York).
    await year.getByText('2026-11-30 23:59:59').waitFor();
    await year.getByText('已撤销', { exact: true }).waitFor();
    const revokedRow = year.locator('tr', { hasText: '已撤销' });
    await revokedRow.getByRole('button', { name: '学分追溯' }).click();
    const trace = page.getByTestId('trace');
    await trace.getByText('授予学分').waitFor();
    await trace.getByText('撤销学分').waitFor();
    await trace
      .getByText(/the sign-in sheet for July was signed by proxy/)
      .first()
      .waitFor();
    await trace.getByText('截至日期：2026-11-30 23:59:59').waitFor();
    expect(await trace.getByTestId('trace-step').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: '校验日志' }).click();
    await page.getByTestId('verification').getByText('日志完整：所有哈希链均一致').waitFor();
    await check(page, 'auditor');
    await page.context().close();
  });

  it('committee: compliance dashboard with its ECharts chart, and the remote credits queue verified one by one', async () => {
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByText('达标率（2026）').waitFor();
    await dashboard.getByTestId('compliance-chart').locator('canvas').first().waitFor();
    await dashboard.getByRole('cell', { name: '高级', exact: true }).waitFor();
    const stats = (await api('/statistics/compliance?jurisdiction=CN-ZJ&year=2026').expect(200))
      .body;
    await dashboard.getByText(String(stats.overall.people), { exact: true }).first().waitFor();
    // R10's group beside the rest, each with its own rate.
    const grassroots = stats.byGrassroots.find((g: { grassroots: boolean }) => g.grassroots);
    expect(
      grassroots.people +
        stats.byGrassroots.find((g: { grassroots: boolean }) => !g.grassroots).people,
    ).toBe(stats.overall.people);
    await dashboard
      .locator('tr', { hasText: '基层医疗卫生机构 Grassroots' })
      .getByText(String(grassroots.people), { exact: true })
      .waitFor();

    const queue = (
      await api('/credits?jurisdiction=CN-ZJ&status=awaiting-verification').expect(200)
    ).body;
    expect(queue.total).toBeGreaterThan(0);
    const first = queue.items[0];
    const tab = page.getByRole('tab', { name: `待核验的远程学分（${queue.total}）` });
    await tab.waitFor();
    const row = page.locator('tr', { hasText: first.activityTitle }).first();
    await row.getByText(first.name).waitFor();
    await check(page, 'committee');
    await page
      .getByRole('button', { name: `核验通过 ${first.name}` })
      .first()
      .click();
    await page.getByText('已核验通过').waitFor();
    await page.getByRole('tab', { name: `待核验的远程学分（${queue.total - 1}）` }).waitFor();
    await page.context().close();
  });

  it('organizer: own activities and sessions; an ID number typed by a card reader and Enter records attendance, the repeat scan is answered as such', async () => {
    const newcomer = personBody({ idNumber: newIdNumber(), name: '赵新' });
    await request(f.url)
      .post('/persons')
      .set(bearerFromDataDir(f.env.DATA_DIR as string, committee))
      .send(newcomer)
      .expect(201);
    // A session running now: scans are accepted only around a session's own hours.
    const organizer = { id: 'org-zj-demo', role: 'organizer', jurisdiction: 'CN-ZJ' };
    const mine = (
      await request(f.url)
        .get('/activities?jurisdiction=CN-ZJ&organizer=org-zj-demo&q=杭州')
        .set(bearerFromDataDir(f.env.DATA_DIR as string, organizer))
        .expect(200)
    ).body.items.find((a: { level: string }) => a.level === 'provincial');
    await request(f.url)
      .post(`/activities/${mine.activityId}/sessions`)
      .set(bearerFromDataDir(f.env.DATA_DIR as string, organizer))
      .send({
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        location: '杭州 控制台测试会场',
      })
      .expect(201);
    const page = await signedInPage(f, [
      '--role',
      'organizer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'org-zj-demo',
    ]);
    await page.waitForURL(/\/organizer/);
    await page
      .getByRole('cell', { name: /^杭州 / })
      .first()
      .waitFor();
    expect(await page.getByRole('cell', { name: /^重庆 / }).count()).toBe(0);
    await page.getByLabel('场次').click();
    await page.locator('.ant-select-item-option', { hasText: '控制台测试会场' }).click();
    const scan = page.getByLabel(/刷身份证或扫码/);
    await scan.fill(newcomer.idNumber);
    await scan.press('Enter');
    await page
      .getByTestId('scan-answer')
      .getByText(/^签到成功/)
      .waitFor();
    await scan.fill(newcomer.idNumber.toLowerCase());
    await scan.press('Enter');
    await page
      .getByTestId('scan-answer')
      .getByText(/^重复签到：已计入，未重复记录/)
      .waitFor();
    await page
      .getByTestId('attendance-count')
      .getByText(/重复扫描 [1-9]\d* 次/)
      .waitFor();
    await check(page, 'organizer');
    await page.context().close();
  });

  it('professional: own year and credits with status and reasons, the certificate, and its public verification page', async () => {
    const page = await signedInPage(f, [
      '--role',
      'professional',
      '--jurisdiction',
      'CN-ZJ',
      '--person',
      sample.personId,
    ]);
    await page.waitForURL(/\/me/);
    const year = page.getByTestId('my-year');
    expect(await year.getByTestId('verdict').textContent()).toBe('达标');
    // The reason in the console's language (Accept-Language: zh), the admin's own words after it.
    await year.getByText(/已撤销：the sign-in sheet for July/).waitFor();
    await page.getByRole('button', { name: '学分证书' }).click();
    const certificate = page.getByTestId('certificate');
    await certificate.getByText(sample.name).waitFor();
    // The QR code opens the public verification page of this certificate.
    const qr = certificate.getByTestId('certificate-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('alt')).toMatch(new RegExp(`${f.url}/verify/[A-Za-z0-9_-]+$`));
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await check(page, 'professional-certificate');
    await certificate.getByRole('link', { name: /\/verify\// }).click();
    await page.getByTestId('verification-result').getByText('证书真实有效').waitFor();
    await page.context().close();
  });

  it('anyone: the certificate verification page, without signing in', async () => {
    const { body } = await request(f.url)
      .get(`/persons/${sample.personId}/years/2026/certificate`)
      .set(bearerFromDataDir(f.env.DATA_DIR as string, committee))
      .expect(200);
    const context = await f.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${f.url}/verify/${body.certificateId}`);
    await page.getByTestId('verification-result').getByText('证书真实有效').waitFor();
    await check(page, 'verify-certificate');
    await page.goto(`${f.url}/verify/${body.certificateId.slice(0, -4)}AAAA`);
    await page.getByText('证书不真实：账本从未签发此证书').waitFor();
    await context.close();
  });

  it('admin: a credit’s page; a revocation above the limit is held, and a second admin approves it (never the first)', async () => {
    const credits = (await api(`/persons/${sample.personId}/credits?year=2026`).expect(200)).body
      .credits as { creditId: string; amount: string; status: string }[];
    const big = credits.find((c) => c.status === 'counted' && Number(c.amount) > 5);
    expect(big).toBeDefined();
    const maker = await signedInPage(f, [
      '--role',
      'admin',
      '--jurisdiction',
      'CN-ZJ',
      '--sub',
      'admin-a',
    ]);
    await maker.waitForURL(/\/admin/);
    await maker.getByLabel('学分编号').fill(big!.creditId);
    await maker.getByRole('button', { name: '查询' }).click();
    const credit = maker.getByTestId('credit');
    await credit.getByText(sample.name).waitFor();
    await credit.getByText('已计入').waitFor();
    await maker.getByLabel(/原因/).fill('签到记录系代签，核查属实');
    await maker.getByRole('button', { name: '撤销学分' }).click();
    await maker
      .getByTestId('correction-result')
      .getByText(/等待第二位管理员审批/)
      .waitFor();
    await check(maker, 'admin-credit');
    // The maker may not approve their own correction.
    const row = maker.locator('tr', { hasText: '签到记录系代签' });
    await row.getByRole('button', { name: '批准' }).click();
    await maker.getByText('须由另一位管理员（而非提出更正者）批准').last().waitFor();
    await maker.context().close();

    const checker = await signedInPage(f, [
      '--role',
      'admin',
      '--jurisdiction',
      'CN-ZJ',
      '--sub',
      'admin-b',
    ]);
    await checker.waitForURL(/\/admin/);
    const held = checker.locator('tr', { hasText: '签到记录系代签' });
    await held.getByText(sample.name).waitFor();
    await held.getByRole('button', { name: '批准' }).click();
    await checker.getByText('已批准').waitFor();
    const after = (await api(`/credits/${big!.creditId}`).expect(200)).body;
    expect(after.status).toBe('revoked');
    await checker.context().close();
  });

  it('employer: the staff list with each person’s year status and what is missing; English on request', async () => {
    const page = await signedInPage(f, [
      '--role',
      'employer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'employer-zj-demo',
    ]);
    await page.waitForURL(/\/employer/);
    await page
      .getByTestId('staff-summary')
      .getByText(/^共 \d+ 人，\d+ 人未达标$/)
      .waitFor();
    const masked = `${sample.idNumber.slice(0, 6)}********${sample.idNumber.slice(-4)}`;
    await page.getByLabel('按姓名或身份证号筛选').fill(sample.name);
    const row = page.locator('tr', { hasText: masked });
    await row.getByText(sample.name).waitFor();
    await row.getByText('达标').waitFor(); // the demo's sample person met the year
    await check(page, 'employer');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe('staff-employer-zj-demo-2026.csv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.context().close();
  });

  it('imports: a committee checks a persons CSV (预检), sees the refused row with its column and rule, downloads the report, imports only the valid rows and sees them recorded; an organizer may import attendance only', async () => {
    const valid = newIdNumber();
    const csv = [
      '身份证号,姓名,职业,职称级别,专业,辖区,基层',
      `${valid},钱导入,nurse,junior,intensive care,CN-ZJ,否`,
      '33010219850101001,孙错号,nurse,junior,intensive care,CN-ZJ,否',
    ].join('\r\n');
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    await page.getByRole('link', { name: '导入' }).click();
    await page.waitForURL(/\/imports/);
    await page.locator('.ant-select', { has: page.getByLabel('导入类型') }).click();
    await page.locator('.ant-select-item-option', { hasText: '人员名册' }).click();
    // The template comes from the API with the token.
    const template = page.waitForEvent('download');
    await page.getByRole('button', { name: '模板 CSV' }).click();
    expect((await template).suggestedFilename()).toBe('persons-template.csv');
    await page.locator('input[type=file]').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByText('roster.csv').first().waitFor();
    await page.getByRole('button', { name: '预检', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.getByText(/^预检完成：2 行，将记录 1 行，拒绝 1 行/).waitFor();
    const refusedRow = report.locator('tr', { hasText: '拒绝' }).first();
    await refusedRow.getByText('拒绝').waitFor();
    await refusedRow
      .first()
      .getByRole('cell', { name: /^身份证号/ })
      .waitFor();
    await refusedRow.getByRole('cell', { name: 'format', exact: true }).waitFor();
    await report
      .locator('tr', { hasText: '将记录' })
      .getByRole('cell', { name: '2', exact: true })
      .waitFor();
    // Refused rows hold the import back until the user says to record only the valid ones.
    const importButton = page.getByRole('button', { name: '导入', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    const reportFile = page.waitForEvent('download');
    await page.getByRole('button', { name: '报告 CSV' }).click();
    const saved = await (await reportFile).path();
    expect(readFileSync(saved as string, 'utf8')).toMatch(/拒绝 refused/);
    await check(page, 'imports-dry-run');
    await page.getByLabel(/只导入有效行/).check();
    await importButton.click();
    await report.getByText(/^导入完成：已记录 1 行/).waitFor();
    const recorded = report.locator('tr', { hasText: '已记录' });
    await recorded.getByRole('cell', { name: '2', exact: true }).waitFor();
    await report
      .locator('tr', { hasText: '拒绝' })
      .getByRole('cell', { name: '3', exact: true })
      .waitFor();
    const { body } = await api(`/persons?jurisdiction=CN-ZJ&idNumber=${valid}`).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ name: '钱导入' })]);
    await check(page, 'imports');
    await page.context().close();

    const organizer = await signedInPage(f, [
      '--role',
      'organizer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'org-zj-demo',
    ]);
    await organizer.waitForURL(/\/organizer/);
    await organizer.getByRole('link', { name: '导入' }).click();
    await organizer.locator('.ant-select', { has: organizer.getByLabel('导入类型') }).click();
    await organizer.locator('.ant-select-item-option', { hasText: '签到名单' }).waitFor();
    expect(await organizer.locator('.ant-select-item-option').count()).toBe(1);
    await organizer.context().close();
  });
});
