import { freePort } from '../support/service-process';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { personYearsProjection } from '../../projections/person-years/person-years.projection';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { projectedEvent } from '../../src/projections/projection-batch';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Kill the service with SIGKILL while its projection runner is working through the log, again and
 * again, then let it finish: the documents must equal a clean fold of the log, and the checkpoint's
 * count of applied events must equal the events there are — nothing lost, nothing applied twice.
 */
const mainJs = path.resolve(__dirname, '../../dist/src/main.js');
const ledgerJs = path.resolve(__dirname, '../../dist/src/cli/ledger.js');
const peopleCount = 400;
const creditsPerPerson = 12;
const kills = 6;

function personEvents(personId: string, n: number): NewEvent[] {
  const at = new Date('2026-05-10T08:00:00+08:00');
  const registered: NewEvent = {
    eventId: randomUUID(),
    type: 'PersonRegistered',
    occurredAt: at,
    data: {
      personId,
      profession: 'nurse',
      titleLevel: n % 2 ? 'junior' : 'senior',
      specialty: 'icu',
      jurisdiction: 'CN-ZJ',
      grassroots: n % 3 === 0,
      idNumberHash: 'x',
      idNumberSealed: 'x',
      nameSealed: 'x',
      personalDataHash: 'x',
    },
  };
  const credits: NewEvent[] = Array.from({ length: creditsPerPerson }, (_, i) => ({
    eventId: randomUUID(),
    type: 'CreditGranted',
    occurredAt: at,
    data: {
      creditId: `${personId}-c${i}`,
      source: 'project',
      activityId: `a${i}`,
      sessionId: `s${i}`,
      kind: 'project',
      level: 'provincial',
      amount: i % 2 ? '2.5' : '1',
      hours: null,
      category: null,
      subject: i % 3 ? 'professional' : 'public',
      format: 'in-person',
      earnedAt: at.toISOString(),
      creditYear: 2026,
      profileId: 'zhejiang-2024',
      profileVersion: 1,
      verification: 'not-required',
      calculation: 'test',
      evidence: null,
    },
  }));
  return [registered, ...credits];
}

describe('projection crash safety', () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new PostgresEventStore(db.sql);
    for (let p = 0; p < peopleCount; p += 1) {
      await store.append(`person-${randomUUID()}`, personEvents(randomUUID(), p), 'no-stream');
    }
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db.drop();
  });

  function start(port: number): { child: ChildProcess; listening: Promise<void> } {
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      PROJECTION_BATCH_SIZE: '25',
      SUBSCRIPTION_POLL_MS: '10',
      PII_KEY: randomBytes(32).toString('base64'),
    };
    const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const listening = new Promise<void>((resolve, reject) => {
      child.stdout?.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('listening on') && resolve(),
      );
      child.on('exit', () => reject(new Error('service exited before listening')));
    });
    return { child, listening };
  }

  const checkpoint = async () =>
    Number(
      (
        await db.sql`SELECT events_processed::int AS n FROM projection_checkpoints WHERE name = 'person-years'`
      )[0]?.n ?? 0,
    );

  it(`${kills} SIGKILLs mid-projection lose nothing and double-count nothing`, async () => {
    const total = peopleCount * (creditsPerPerson + 1);
    const progress: number[] = [];
    for (let k = 0; k < kills; k += 1) {
      const { child, listening } = start(await freePort());
      await listening;
      await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 120));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      progress.push(await checkpoint());
    }
    expect(progress[0]).toBeLessThan(total); // the kills did land mid-way
    console.log(`checkpoint after each kill: ${progress.join(', ')} of ${total}`);
    const { child, listening } = start(await freePort());
    await listening;
    const deadline = Date.now() + 30_000;
    while ((await checkpoint()) < total && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');

    expect(await checkpoint()).toBe(total); // each event applied exactly once
    const expected = new Map<string, unknown>();
    const events =
      await db.sql`SELECT stream_id, event_id, event_type, data, occurred_at, recorded_at FROM events ORDER BY transaction_id, global_position`;
    for (const e of events) {
      const key = (e.stream_id as string).slice('person-'.length);
      const doc = expected.get(key) ?? personYearsProjection.initialState(key);
      expected.set(
        key,
        personYearsProjection.evolve(
          doc as never,
          projectedEvent({
            type: e.event_type,
            data: e.data,
            streamId: e.stream_id,
            eventId: e.event_id,
            occurredAt: e.occurred_at,
            recordedAt: e.recorded_at,
          } as never),
        ),
      );
    }
    const rows = await db.sql<
      { key: string; doc: unknown }[]
    >`SELECT key, doc FROM proj_person_years`;
    expect(rows).toHaveLength(peopleCount);
    // The clean fold, with the derived fields the runner computes when it writes a document.
    const finalize = personYearsProjection.finalize ?? ((d: never) => d);
    for (const row of rows)
      expect(row.doc).toEqual(JSON.parse(JSON.stringify(finalize(expected.get(row.key) as never))));
  });

  it('`npm run ledger -- rebuild all` reproduces the same documents', async () => {
    const before = await db.sql`SELECT key, doc FROM proj_person_years ORDER BY key`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [ledgerJs, 'rebuild', 'all', '--quiet'],
      { env: { ...process.env, DATABASE_URL: db.url } },
    );
    expect(stdout).toMatch(
      new RegExp(`rebuilt person-years: ${peopleCount * (creditsPerPerson + 1)} events read`),
    );
    expect(await db.sql`SELECT key, doc FROM proj_person_years ORDER BY key`).toEqual(before);
  });
});
