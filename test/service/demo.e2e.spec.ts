import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  assessDocYear,
  inPopulation,
  type PersonYearsDoc,
  personYearsProjection,
} from '../../projections/person-years/person-years.projection';
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
    expect(first.stdout).toMatch(/Loaded the demo ledger: 300 people, 30 activities/);
    const counts = await db.sql<
      { event_type: string; n: number }[]
    >`SELECT event_type, count(*)::int AS n FROM events GROUP BY event_type`;
    const byType = Object.fromEntries(counts.map((c) => [c.event_type, c.n]));
    expect(byType).toMatchObject({
      PersonRegistered: 300,
      ActivityRegistered: 30,
      CreditRevoked: 1,
      ExemptionGranted: 9,
      PersonAttributesChanged: 13,
      ActivityAnnulled: 1,
    });
    // A realistic spread for 2026 (the person-years projection's own fold over the log): most
    // compliant, some short, a few exempt or out of scope; in Chongqing only the people registered
    // before its 2026 ended (31 Oct).
    const rows = await db.sql<
      { stream_id: string; event_type: string; data: unknown; occurred_at: Date }[]
    >`SELECT stream_id, event_type, data, occurred_at FROM events WHERE stream_id LIKE 'person-%' ORDER BY stream_id, stream_version`;
    const docs = new Map<string, PersonYearsDoc>();
    for (const row of rows) {
      const key = row.stream_id.slice('person-'.length);
      const doc = docs.get(key) ?? personYearsProjection.initialState(key);
      docs.set(
        key,
        personYearsProjection.evolve(doc, {
          type: row.event_type,
          data: row.data,
          streamId: row.stream_id,
          eventId: '',
          occurredAt: row.occurred_at.toISOString(),
          recordedAt: row.occurred_at.toISOString(),
        }),
      );
    }
    for (const jurisdiction of ['CN-ZJ', 'CN-CQ']) {
      const verdicts: Record<string, number> = {};
      let people = 0;
      for (const doc of docs.values()) {
        if (!inPopulation(doc, jurisdiction, 2026)) continue;
        people += 1;
        const verdict = assessDocYear(doc, 2026)?.verdict ?? 'none';
        verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      }
      expect(people).toBeGreaterThan(120);
      expect(verdicts.compliant / people).toBeGreaterThan(0.6);
      expect(verdicts.short).toBeGreaterThan(people * 0.05);
      expect(verdicts.exempt).toBeGreaterThanOrEqual(2);
      expect(verdicts['out-of-scope']).toBe(2);
    }
    // Last year, imported from the provinces' platforms: the dashboard's year-over-year rate.
    for (const jurisdiction of ['CN-ZJ', 'CN-CQ']) {
      const verdicts: Record<string, number> = {};
      let people = 0;
      for (const doc of docs.values()) {
        if (!inPopulation(doc, jurisdiction, 2025)) continue;
        people += 1;
        const verdict = assessDocYear(doc, 2025)?.verdict ?? 'none';
        verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      }
      expect(people).toBeGreaterThan(120);
      expect(verdicts.compliant / people).toBeGreaterThan(0.7);
      expect(verdicts.short).toBeGreaterThan(0);
    }
    expect(byType.CreditImported).toBeGreaterThan(400);
    expect(byType.AttendanceRecorded).toBeGreaterThan(100);
    expect(byType.CreditAnnulled).toBeGreaterThan(0);
    const [pending] =
      await db.sql`SELECT count(*)::int AS n FROM events WHERE event_type = 'CreditGranted' AND data->>'verification' = 'pending'`;
    expect(pending.n).toBeGreaterThan(0);
    const again = await run(process.execPath, [demoJs], { env });
    expect(again.stdout).toMatch(/already loaded/);
  }, 240_000);
});
