import request from 'supertest';
import type { Page } from 'playwright-core';
import { bearerFromDataDir } from '../support/ledger-client';
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
 * The work screens of committees, employers and organizers, in Chromium, against the service as
 * `npm start` runs it over the demo ledger: each journey does the user's work end to end, asserts
 * what the user sees (names, titles, amounts, verdicts, Chinese labels), checks every screen with
 * axe-core (no serious or critical violations) and writes its screenshot to test-results/console/.
 */
describe('web console work journeys (Chromium)', () => {
  let f: ConsoleFixture;
  const as = (id: string, role: string, jurisdiction: string) => (path: string) =>
    request(f.url)
      .get(path)
      .set(bearerFromDataDir(f.env.DATA_DIR as string, { id, role, jurisdiction }));
  let zj: (path: string) => request.Test;
  let cq: (path: string) => request.Test;

  beforeAll(async () => {
    f = await startConsole(async (env) => {
      await runCli(demoJs, [], env);
    });
    zj = as('zj-committee', 'committee', 'CN-ZJ');
    cq = as('cq-committee', 'committee', 'CN-CQ');
  }, 300_000);
  afterAll(() => f?.close());

  const check = async (page: Page, name: string) => {
    // Colours are measured at rest (Ant Design animates colour changes).
    const still = await page.addStyleTag({
      content:
        '*, *::before, *::after { transition: none !important; animation: none !important; }',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, name);
    // Menus and dialogs open with Ant Design's motion again (it waits for its animation's end).
    await still.evaluate((style) => (style as Element).remove());
  };
  /** Runs a journey's steps; on a failure the screen as it stood goes to test-results/console/. */
  const steps = async (page: Page, name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await screenshot(page, `${name}-failed`).catch(() => undefined);
      throw error;
    }
  };
  /** Picks an option of an Ant Design select found by its label. */
  const choose = async (page: Page, fieldLabel: string | RegExp, option: string) => {
    await page
      .locator('.ant-select', { has: page.getByLabel(fieldLabel, { exact: true }) })
      .click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: option,
      })
      .first()
      .click();
    // Closed, so that the next select's options are the only ones shown: wait until no dropdown
    // is open or closing (an option of a closing one is found, then moves away mid-click).
    await page.keyboard.press('Escape');
    await dropdownsClosed(page);
  };

  it('committee: the review queue lists the overdue report by title, code and flags; approving it grants the attendees their credits', async () => {
    const queue = (await zj('/work-queues/reviews?jurisdiction=CN-ZJ').expect(200)).body;
    const item = queue.items.find((i: { title: string }) => i.title === '杭州 医疗质量与患者安全');
    expect(item).toMatchObject({ overdue: true });
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    await page.getByRole('link', { name: '执行报告审核' }).click();
    await page.getByRole('heading', { name: '执行报告审核' }).waitFor();
    const row = page.locator('tr', { hasText: '杭州 医疗质量与患者安全' });
    await row.getByText(item.code).waitFor();
    await row.getByText('已逾期').waitFor();
    await row.getByText('替换教师职称低于原教师（R12）').waitFor();
    await row.getByText('org-zj-demo').waitFor();
    await check(page, 'committee-reviews');
    await page.getByRole('button', { name: '通过 杭州 医疗质量与患者安全' }).click();
    await page
      .getByTestId('review-outcome')
      .getByText('杭州 医疗质量与患者安全：已通过：8 人获得学分，每人 6 学分')
      .waitFor();
    // Decided, it leaves the queue at once (the projection behind the list follows a moment later).
    await row.waitFor({ state: 'detached' });
    // English on request.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Report reviews' }).waitFor();
    await page.context().close();
  });

  it('committee: spot checks — the demo draw listed by project title and organizer with its finding, verified; a redraw needs a reason; a failed finding recorded', async () => {
    const draws = (await zj('/spot-checks?jurisdiction=CN-ZJ&year=2026').expect(200)).body;
    expect(draws.total).toBe(1);
    const first = draws.items[0].sample[0];
    expect(first).toMatchObject({ organizerId: 'org-zj-demo', result: 'pass' });
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    await page.goto(`${f.url}/committee/spot-checks`);
    await steps(page, 'committee-spot-checks', async () => {
      const card = page.getByTestId('draw-CN-ZJ.2026.1');
      await card.getByRole('cell', { name: first.title }).waitFor();
      await card.getByRole('cell', { name: first.code }).waitFor();
      await card.getByText('合格', { exact: true }).waitFor();
      await card.getByText('账本摘要').waitFor();
      await card.getByRole('button', { name: '核验抽样' }).click();
      await card.getByText('抽样可复现：总体与样本均与记录一致').waitFor();
      await check(page, 'committee-spot-checks');

      // A second draw of the year without a reason is stopped in the page, with one it is recorded.
      await page.getByRole('button', { name: '抽取样本' }).click();
      await page.getByText('本年度已抽取过：重抽须填写原因（至少 8 个字）').waitFor();
      await choose(page, '分层', '项目级别');
      await page.getByLabel('重抽原因').fill('首次抽取后补录了两个项目，按新的总体重新抽取');
      await page.getByRole('button', { name: '抽取样本' }).click();
      const second = page.getByTestId('draw-CN-ZJ.2026.2');
      await second.getByText('首次抽取后补录了两个项目，按新的总体重新抽取').waitFor();
      await second.getByText('项目级别').first().waitFor();
      const redraw = (await zj('/spot-checks?jurisdiction=CN-ZJ&year=2026').expect(200)).body
        .items[0];
      expect(redraw).toMatchObject({ spotCheckId: 'CN-ZJ.2026.2', strata: ['level'] });
      const member = redraw.sample[0];
      await second
        .getByRole('button', { name: `录入结论 ${member.title}` })
        .first()
        .click();
      await page.getByRole('dialog').getByText('不合格').click();
      await page.getByLabel(/结论说明/).fill('签到表与扫码记录不符，部分学员未到场');
      await page.getByLabel('不合格项（每行一项）').fill('签到记录与扫码记录不符');
      await page.getByRole('dialog').getByRole('button', { name: '录入结论' }).click();
      await second
        .locator('tr', { hasText: member.title })
        .first()
        .getByText('不合格', { exact: true })
        .waitFor();
      await second.getByText(/签到记录与扫码记录不符/).waitFor();
      await check(page, 'committee-spot-checks-redraw');
    });
    await page.context().close();
  });

  it('committee: exemptions listed by name and basis; one granted to a person found by ID number', async () => {
    const listed = (await zj('/exemptions?jurisdiction=CN-ZJ&year=2026').expect(200)).body;
    expect(listed.total).toBe(4);
    const staff = (await zj('/persons?jurisdiction=CN-ZJ&year=2026&pageSize=100').expect(200)).body
      .items;
    const short = staff.find(
      (p: { year: { verdict: string } | null }) => p.year?.verdict === 'short',
    );
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    await page.goto(`${f.url}/committee/exemptions`);
    const advanced = listed.items.find(
      (e: { basis: string }) => e.basis === 'advanced-study-6-months',
    );
    const row = page.locator('tr', { hasText: advanced.evidence });
    await row.getByText(advanced.name).waitFor();
    await row.getByText('进修六个月以上').waitFor();
    await page.getByText('免修管理（4）').waitFor();
    await check(page, 'committee-exemptions');
    await page.getByLabel('身份证号').fill(short.idNumber);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByTestId('exemption-person').getByText(short.name).waitFor();
    await choose(page, '免修依据', '科技奖项目负责人');
    await page.getByLabel(/证明材料/).fill('省科学技术进步奖一等奖 项目负责人 2026');
    await page.getByRole('button', { name: '认定免修' }).click();
    await page.getByText('免修管理（5）').waitFor();
    await page
      .locator('tr', { hasText: '省科学技术进步奖一等奖 项目负责人 2026' })
      .getByText(short.name)
      .waitFor();
    const year = (await zj(`/persons/${short.personId}/years/2026`).expect(200)).body;
    expect(year.verdict).toBe('exempt');
    await page.context().close();
  });

  it('committee: year seals — Chongqing 2026 with its counts and the post-seal change by name; 2025 sealed from the page', async () => {
    const changes = (await cq('/year-audits/CN-CQ/2026/changes').expect(200)).body;
    expect(changes.total).toBe(1);
    const changed = changes.items[0];
    expect(changed).toMatchObject({ verdictAtSeal: 'short', verdictNow: 'exempt' });
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-CQ']);
    await page.waitForURL(/\/committee/);
    await page.goto(`${f.url}/committee/seals`);
    const seal = (await cq('/year-audits?jurisdiction=CN-CQ').expect(200)).body.items[0];
    const row = page.locator('tr', { hasText: String(seal.year) }).first();
    await row.getByRole('cell', { name: String(seal.people), exact: true }).waitFor();
    const post = page.getByTestId('post-seal');
    await post.getByText('封存后变更（1）').waitFor();
    const changedRow = post.locator('tr', { hasText: changed.name });
    await changedRow.getByText('未达标').waitFor();
    await changedRow.getByText('免修').waitFor();
    await check(page, 'committee-seals');
    await page.getByLabel('学分年度').fill('2025');
    await page.getByRole('button', { name: '审验封存' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '审验封存' }).click();
    await post.getByText('封存后变更 · CN-CQ 2025').waitFor();
    const seals = (await cq('/year-audits?jurisdiction=CN-CQ').expect(200)).body;
    expect(seals.items.map((s: { year: number }) => s.year)).toEqual([2026, 2025]);
    await page.context().close();
  });

  it('employer: self-study plans of the year — three approved by the demo, one more approved from the page', async () => {
    const page = await signedInPage(f, [
      '--role',
      'employer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'employer-zj-demo',
    ]);
    const plans = (
      await as(
        'employer-zj-demo',
        'employer',
        'CN-ZJ',
      )('/self-study-plans?jurisdiction=CN-ZJ&employer=employer-zj-demo&year=2026').expect(200)
    ).body;
    expect(plans.approvedCount).toBe(3);
    // The unit's Zhejiang staff: one of the 150 moved to Chongqing in 2026.
    expect(plans.total).toBe(149);
    await page.waitForURL(/\/employer/);
    await page.getByRole('link', { name: '自学计划审批' }).click();
    await page.getByTestId('plans-summary').getByText('已批准自学计划：3 / 149 人').waitFor();
    await steps(page, 'employer-plans', async () => {
      await page.locator('label.ant-radio-button-wrapper', { hasText: '已批准' }).click();
      const approved = page.getByRole('cell', { name: /研读本专业 2026 版诊疗指南/ });
      await approved.first().waitFor();
      expect(await approved.count()).toBe(3);
      await page.getByText('2026-01-08 09:00:00').first().waitFor();
    });
    await check(page, 'employer-plans');
    await page.locator('label.ant-radio-button-wrapper', { hasText: '未批准' }).click();
    const button = page.getByRole('button', { name: /^批准计划 / }).first();
    const who = ((await button.getAttribute('aria-label')) as string).replace('批准计划 ', '');
    await button.click();
    await page.getByLabel(/学习计划/).fill('每季度完成一门线上专业课程并提交学习笔记');
    await page.getByRole('dialog').getByRole('button', { name: '批准计划' }).click();
    await page.getByTestId('plans-summary').getByText('已批准自学计划：4 / 149 人').waitFor();
    await page.locator('label.ant-radio-button-wrapper', { hasText: '已批准' }).click();
    await page
      .locator('tr', { hasText: '每季度完成一门线上专业课程并提交学习笔记' })
      .getByText(who)
      .waitFor();
    await page.context().close();
  });

  it('employer: internal training and other unit-granted credits — the unit’s activity and its credits by name; a grant from the page', async () => {
    const employer = as('employer-zj-demo', 'employer', 'CN-ZJ');
    const before = (
      await employer(
        '/organizers/employer-zj-demo/credits?jurisdiction=CN-ZJ&year=2026&pageSize=100',
      ).expect(200)
    ).body;
    // 40 staff trained in June, and the sample person's July credit (revoked); one of the 40 moved
    // to Chongqing since, and their credit with them.
    expect(before.total).toBe(40);
    const credited = new Set(before.items.map((c: { personId: string }) => c.personId));
    const page = await signedInPage(f, [
      '--role',
      'employer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'employer-zj-demo',
    ]);
    await page.waitForURL(/\/employer/);
    await page.goto(`${f.url}/employer/credits`);
    await page.getByText('单位授予学分（40）').waitFor();
    await page.getByRole('cell', { name: '杭州 科室业务学习' }).first().waitFor();
    const named = before.items[0];
    await page.locator('tr', { hasText: named.name }).first().getByText('单位内部培训').waitFor();
    await check(page, 'employer-credits');
    const staff = (
      await employer('/persons?jurisdiction=CN-ZJ&employer=employer-zj-demo&pageSize=100').expect(
        200,
      )
    ).body.items;
    const person = staff.find((p: { personId: string }) => !credited.has(p.personId));
    await choose(page, '姓名', `${person.name}（${person.idNumber}）`);
    await choose(page, '项目', '杭州 科室业务学习');
    await page.getByLabel(/^学时/).fill('6');
    await page.getByLabel(/获得日期/).fill('2026-09-30');
    await page.getByLabel(/证明材料/).fill('科室学习签到表 2026-09');
    await page.getByRole('button', { name: '授予学分' }).click();
    await page.getByText('单位授予学分（41）').waitFor();
    const after = (
      await employer('/organizers/employer-zj-demo/credits?jurisdiction=CN-ZJ&year=2026').expect(
        200,
      )
    ).body;
    const granted = after.items.find((c: { personId: string }) => c.personId === person.personId);
    expect(granted).toMatchObject({ activityTitle: '杭州 科室业务学习', amount: '2' });
    await page
      .locator('tr', { hasText: person.name })
      .getByText('2026-09-30 17:00:00')
      .first()
      .waitFor();
    await page.context().close();
  });

  it('organizer: the execution report of a session — filed from the page, late and with a lower-titled replacement flagged', async () => {
    const page = await signedInPage(f, [
      '--role',
      'organizer',
      '--jurisdiction',
      'CN-ZJ',
      '--org',
      'org-zj-demo',
    ]);
    await steps(page, 'organizer-reports', async () => {
      await page.waitForURL(/\/organizer/);
      await page.getByRole('link', { name: '执行情况报告' }).click();
      const row = page.locator('tr', { hasText: '杭州 全科医学临床思维' });
      await row.getByText('未提交').waitFor();
      await row.getByText('2026-10-24 08:30:00').waitFor();
      await check(page, 'organizer-reports');
      await page.getByRole('button', { name: '执行情况报告 杭州 全科医学临床思维' }).click();
      const card = page.getByTestId('report-card');
      await card.getByLabel(/实际授课学时/).fill('18');
      await choose(page, '被替换教师职称', '正高级');
      await choose(page, '替换教师职称', '中级');
      await card.getByLabel('教师变更比例（0–1）').fill('0.2');
      await card.getByRole('button', { name: '提交执行情况报告' }).click();
      const filed = page.getByTestId('filed-report');
      await filed.getByText('替换教师职称低于原教师（R12）').waitFor();
      await filed.getByText('迟报').waitFor();
      await filed.getByText('1、2、3').waitFor();
      await row.getByText('待审核').waitFor();
      await check(page, 'organizer-report-filed');
      const queue = (await zj('/work-queues/reviews?jurisdiction=CN-ZJ').expect(200)).body;
      expect(
        queue.items.find((i: { title: string }) => i.title === '杭州 全科医学临床思维'),
      ).toMatchObject({ reportLate: true });
    });
    await page.context().close();
  });
});
