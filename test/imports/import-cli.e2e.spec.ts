import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  client,
  countEvents,
  personBody,
  projectBody,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import { ledgerJs, runCli } from '../support/service-process';
import { startTestApp, type TestApp } from '../support/test-app';

describe('npm run ledger -- import (the CLI)', () => {
  let t: TestApp;
  const piiKey = randomBytes(32).toString('base64');
  const dir = mkdtempSync(path.join(tmpdir(), 'cme-import-cli-'));
  let env: NodeJS.ProcessEnv;
  let roster: string;

  beforeAll(async () => {
    t = await startTestApp({ piiKey, subscriptionPollMs: 10 });
    env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      PII_KEY: piiKey,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    };
    const api = client(t.app);
    const person = personBody();
    await api.post('/persons', person, zjCommittee).expect(201);
    const { body: activity } = await api
      .post('/activities', projectBody(), zjCommittee)
      .expect(201);
    const { body: session } = await api
      .post(
        `/activities/${activity.activityId}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '杭州 报告厅',
        },
        zjOrganizer,
      )
      .expect(201);
    roster = path.join(dir, '签到表.csv');
    writeFileSync(
      roster,
      `session id,ID number,scanned at\r\n${session.sessionId},${person.idNumber},2026-05-10 08:41\r\n`,
    );
  }, 60_000);
  afterAll(() => t.close());

  const args = ['--org', zjOrganizer.id, '--jurisdiction', 'CN-ZJ', '--quiet'];

  it('dry run, import, re-import: a report file each time, the events only once', async () => {
    const before = await countEvents(t.db);
    const dry = await runCli(ledgerJs, ['import', 'attendance', roster, ...args, '--dry-run'], env);
    expect(dry.stdout).toMatch(/dry run: nothing was recorded; 1 row\(s\) would record/);
    const report = readFileSync(path.join(dir, '签到表.report.csv'), 'utf8');
    expect(report).toMatch(/\n2,将记录 would record,,,/);
    expect(await countEvents(t.db)).toBe(before);

    const done = await runCli(ledgerJs, ['import', 'attendance', roster, ...args], env);
    expect(done.stdout).toMatch(/imported: 1 row\(s\) recorded/);
    expect(await countEvents(t.db)).toBe(before + 2);
    const again = await runCli(ledgerJs, ['import', 'attendance', roster, ...args], env);
    expect(again.stdout).toMatch(/0 row\(s\) recorded, 1 already recorded/);
    expect(await countEvents(t.db)).toBe(before + 2);
  });

  it('a file with refused rows exits 1 and records nothing; the template is written', async () => {
    const broken = path.join(dir, 'broken.csv');
    writeFileSync(broken, 'session id,ID number,scanned at\r\nnot-a-session,123,yesterday\r\n');
    const before = await countEvents(t.db);
    await expect(
      runCli(
        ledgerJs,
        ['import', 'attendance', broken, ...args, '--report', path.join(dir, 'r.xlsx')],
        env,
      ),
    ).rejects.toMatchObject({ code: 1 });
    expect(readFileSync(path.join(dir, 'r.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(await countEvents(t.db)).toBe(before);

    const out = path.join(dir, 'credits-template.csv');
    await runCli(ledgerJs, ['import-template', 'credits', '--format', 'csv', '--out', out], env);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^\uFEFF身份证号\(ID number\),人员编号\(person id\),来源系统/,
    );
  });
});
