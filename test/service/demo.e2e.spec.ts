import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const run = promisify(execFile);
const demoJs = path.resolve(__dirname, '../../dist/src/cli/demo.js');

/** `npm run demo` loads a living ledger through the commands, once per database. */
describe('npm run demo', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it('loads two provinces of people, activities, scans, approvals and corrections, once', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      PII_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
      LOG_LEVEL: 'silent',
    };
    const first = await run(process.execPath, [demoJs], { env });
    expect(first.stdout).toMatch(/Loaded the demo ledger: 300 people, 26 activities/);
    const counts = await db.sql<
      { event_type: string; n: number }[]
    >`SELECT event_type, count(*)::int AS n FROM events GROUP BY event_type`;
    const byType = Object.fromEntries(counts.map((c) => [c.event_type, c.n]));
    expect(byType).toMatchObject({
      PersonRegistered: 300,
      ActivityRegistered: 26,
      CreditRevoked: 1,
      ExemptionGranted: 2,
      ActivityAnnulled: 1,
    });
    expect(byType.AttendanceRecorded).toBeGreaterThan(100);
    expect(byType.CreditAnnulled).toBeGreaterThan(0);
    const [pending] =
      await db.sql`SELECT count(*)::int AS n FROM events WHERE event_type = 'CreditGranted' AND data->>'verification' = 'pending'`;
    expect(pending.n).toBeGreaterThan(0);
    const again = await run(process.execPath, [demoJs], { env });
    expect(again.stdout).toMatch(/already loaded/);
  });
});
