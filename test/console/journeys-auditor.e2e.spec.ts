import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import {
  type ActorHeaders,
  bearerFromDataDir,
  newIdNumber,
  personBody,
  projectBody,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import {
  type ConsoleFixture,
  screenshot,
  seriousViolations,
  signedInPage,
  startConsole,
} from './console-browser';

/**
 * The console's search, the auditor's 学分未到账 trace and log digest, and the professional's
 * certificate PDF, in Chromium against the service as `npm start` runs it. Each screen is checked
 * with axe-core (no serious or critical violations) and photographed into test-results/console/.
 */
describe('web console journeys: search, why no credit, digest, certificate PDF (Chromium)', () => {
  let f: ConsoleFixture;
  const idNumber = newIdNumber();
  const name = '司马相如';
  const title = '基层慢病管理新进展';
  const code = '2026-04-01-777(浙)';
  let personId: string;
  let sessionId: string;

  const as = (actor: ActorHeaders) => bearerFromDataDir(f.env.DATA_DIR as string, actor);

  beforeAll(async () => {
    f = await startConsole();
    const api = request(f.url);
    personId = (
      await api
        .post('/persons')
        .set(as(zjCommittee))
        .send(personBody({ idNumber, name }))
        .expect(201)
    ).body.personId;
    await api
      .post('/persons')
      .set(as(zjCommittee))
      .send(personBody({ name: '司马光' }))
      .expect(201);
    const activityId = (
      await api
        .post('/activities')
        .set(as(zjCommittee))
        .send(projectBody({ title, code, level: 'provincial' }))
        .expect(201)
    ).body.activityId;
    sessionId = (
      await api
        .post(`/activities/${activityId}/sessions`)
        .set(as(zjOrganizer))
        .send({
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '杭州 会议中心',
        })
        .expect(201)
    ).body.sessionId;
    // Attended, but the organizer has not filed the execution report: no credit yet.
    await api
      .post(`/sessions/${sessionId}/attendance`)
      .set(as(zjOrganizer))
      .send({ personId, method: 'qr', scannedAt: '2026-05-10T08:41:07+08:00', deviceId: 'g1' })
      .expect(201);
    // The name index is written by a reactor: wait for it.
    for (const deadline = Date.now() + 15_000; ;) {
      const { body } = await api.get('/projections').expect(200);
      if ((body.projections as { eventsBehind: number }[]).every((p) => p.eventsBehind === 0))
        break;
      if (Date.now() > deadline) throw new Error('projections behind');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 240_000);
  afterAll(() => f?.close());

  const check = async (page: Page, shot: string) => {
    await page.addStyleTag({
      content:
        '*, *::before, *::after { transition: none !important; animation: none !important; }',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, shot);
  };

  it('search: a committee finds people by part of the name or the ID number, and activities by title or code', async () => {
    const page = await signedInPage(f, ['--role', 'committee', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/committee/);
    await page.getByRole('link', { name: '查找' }).click();
    const people = page.getByTestId('person-finder');
    await people.getByLabel('姓名或身份证号（Name or ID number）').fill('司马');
    await people.getByRole('button', { name: '查找人员' }).click();
    await people.getByText('人员（2）').waitFor();
    await people.getByRole('cell', { name: name, exact: true }).waitFor();
    await people.getByRole('cell', { name: '司马光', exact: true }).waitFor();
    // The committee sees the whole ID number; one ID number finds one person.
    await people.getByLabel('姓名或身份证号（Name or ID number）').fill(idNumber);
    await people.getByRole('button', { name: '查找人员' }).click();
    await people.getByText('人员（1）').waitFor();
    await people.getByRole('cell', { name: idNumber }).waitFor();
    // One character is too little to search by.
    await people.getByLabel('姓名或身份证号（Name or ID number）').fill('司');
    await people.getByRole('button', { name: '查找人员' }).click();
    await people
      .getByRole('alert')
      .getByText(/除空格和 · 外至少需 2 个字/)
      .waitFor();

    const activities = page.getByTestId('activity-finder');
    await activities.getByLabel('项目名称或编号（Title or code）').fill(code);
    await activities.getByRole('button', { name: '查找项目' }).click();
    await activities.getByRole('cell', { name: title }).waitFor();
    // Times in Shanghai though the browser runs in New York.
    await activities.getByRole('cell', { name: '2026-05-10 08:30:00' }).waitFor();
    await people.getByLabel('姓名或身份证号（Name or ID number）').fill('司马');
    await people.getByRole('button', { name: '查找人员' }).click();
    await people.getByText('人员（2）').waitFor();
    await check(page, 'search');
    await page.context().close();
  });

  it('auditor: 学分未到账 — person by name, session by title, the reason in Chinese with the timeline', async () => {
    const page = await signedInPage(f, ['--role', 'auditor', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/auditor/);
    await page.getByRole('link', { name: '学分未到账' }).click();
    await page.getByLabel('姓名或身份证号（Name or ID number）').fill(name);
    await page.getByRole('button', { name: '查找人员' }).click();
    // An auditor sees the ID number masked, the name beside it.
    await page
      .getByRole('cell', { name: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}` })
      .waitFor();
    await page.getByRole('button', { name: `选择 ${name}` }).click();
    await page.getByTestId('picked-person').getByText(name).waitFor();
    await page.getByLabel('项目名称或编号（Title or code）').fill('慢病管理');
    await page.getByRole('button', { name: '查找项目' }).click();
    await page.getByRole('button', { name: '选择场次 2026-05-10' }).click();
    await page.getByTestId('picked-session').getByText(title).waitFor();
    await page.getByLabel('截至日期（北京时间当日结束）').fill('2026-11-30');
    await page.getByRole('button', { name: '查询原因' }).click();
    const result = page.getByTestId('why-no-credit');
    await result
      .getByTestId('credit-state')
      .getByText('举办单位尚未提交执行报告，报告通过后才授予学分')
      .waitFor();
    await result.getByText(/举办单位尚未提交执行情况报告.*（report-not-filed）/).waitFor();
    await result.getByText('2026-11-30 23:59:59').waitFor();
    await result.getByText(`${name} · ${title}`).waitFor();
    // The timeline: registration of the project, the session, the scan — with Shanghai times.
    const steps = result.getByTestId('why-step');
    expect(await steps.count()).toBeGreaterThanOrEqual(3);
    await result.getByText('签到', { exact: true }).waitFor();
    await result.getByText(/发生时间：2026-05-10 08:41:07/).waitFor();
    await check(page, 'auditor-why-no-credit');
    await page.context().close();
  });

  it('auditor: the log digest at a chosen position, compared with a published root', async () => {
    const committee = as(zjCommittee);
    const published = (await request(f.url).get('/audit/digest').set(committee).expect(200)).body;
    // The log moves on after the digest was published.
    await request(f.url)
      .post('/persons')
      .set(committee)
      .send(personBody({ name: '后来者' }))
      .expect(201);
    const page = await signedInPage(f, ['--role', 'auditor', '--jurisdiction', 'CN-ZJ']);
    await page.waitForURL(/\/auditor/);
    await page.getByRole('link', { name: '日志摘要' }).click();
    await page.getByLabel('日志位置（留空为当前）').fill('not a position');
    await page.getByRole('button', { name: '计算摘要' }).click();
    await page
      .getByRole('alert')
      .getByText(/日志位置格式应为/)
      .waitFor();
    await page.getByLabel('日志位置（留空为当前）').fill(published.position);
    await page.getByLabel('已公布的摘要（可选，用于比对）').fill(published.root);
    await page.getByRole('button', { name: '计算摘要' }).click();
    const digest = page.getByTestId('digest');
    expect(await digest.getByTestId('digest-root').textContent()).toBe(published.root);
    await digest.getByText('一致：该位置之前的历史未被改动').waitFor();
    await digest.getByText(`${published.streams} / ${published.events}`).waitFor();
    await check(page, 'auditor-digest');
    // Now, the root differs from the published one.
    await page.getByLabel('日志位置（留空为当前）').fill('');
    await page.getByRole('button', { name: '计算摘要' }).click();
    await digest.getByText('不一致：该位置之前的历史与公布时不同').waitFor();
    await page.context().close();
  });

  it('professional: the certificate downloads as a PDF', async () => {
    const page = await signedInPage(f, [
      '--role',
      'professional',
      '--jurisdiction',
      'CN-ZJ',
      '--person',
      personId,
    ]);
    await page.waitForURL(/\/me/);
    await page.getByRole('button', { name: '学分证书' }).click();
    const certificate = page.getByTestId('certificate');
    await certificate.getByText(name).waitFor();
    const downloading = page.waitForEvent('download');
    await certificate.getByRole('button', { name: '下载 PDF（Download PDF）' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('学分证书-2026.pdf');
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await check(page, 'professional-certificate-pdf');
    await page.context().close();
  });
});
