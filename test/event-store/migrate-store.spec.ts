import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { verifyLedger } from '../../src/audit/verification/ledger-verifier';
import { EventStore } from '../../src/event-store/event-store.port';
import { migrateStore, SourceIntegrityError } from '../../src/event-store/migrate-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { newEvent, readWholeLog } from './event-store.contract';

const ledgerJs = path.resolve(__dirname, '../../dist/src/cli/ledger.js');
const content = (events: Awaited<ReturnType<typeof readWholeLog>>) =>
  events.map((e) => ({
    id: e.eventId,
    stream: e.streamId,
    v: e.streamVersion,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    occurredAt: e.occurredAt.toISOString(),
    schema: e.schemaVersion,
  }));

describe('migrate-store: copying the log between stores', () => {
  const dbs: TestDatabase[] = [];
  let source: TestDatabase;
  let sourceStore: EventStore;
  const dir = mkdtempSync(path.join(tmpdir(), 'migrate-store-'));

  beforeAll(async () => {
    source = await createTestDatabase();
    dbs.push(source);
    sourceStore = new PostgresEventStore(source.sql);
    const streams = Array.from({ length: 5 }, () => `person-${randomUUID()}`);
    for (let round = 0; round < 3; round += 1) {
      for (const s of streams)
        await sourceStore.append(
          s,
          [
            newEvent('CreditGranted', { round, amount: '2.5' }),
            newEvent('CreditVerified', { round }),
          ],
          'any',
        );
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  const fresh = async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    return db;
  };

  it('copies everything in order, resumes after an interruption without doubling, and round-trips', async () => {
    const target = await fresh();
    const targetStore = new PostgresEventStore(target.sql);
    const map = path.join(dir, 'forward.ndjson');
    const partial = await migrateStore(sourceStore, targetStore, map, { maxEvents: 8 });
    expect(partial.finished).toBe(false);
    const rest = await migrateStore(sourceStore, targetStore, map);
    expect(rest.finished).toBe(true);
    expect(partial.copied + rest.copied).toBe(30);
    const original = await readWholeLog(sourceStore);
    expect(content(await readWholeLog(targetStore))).toEqual(content(original));
    expect(readFileSync(map, 'utf8').trim().split('\n')).toHaveLength(30);
    expect((await verifyLedger(targetStore)).ok).toBe(true);

    // Running the whole copy again writes nothing new.
    const again = await migrateStore(sourceStore, targetStore, path.join(dir, 'again.ndjson'));
    expect(again).toMatchObject({ copied: 0, alreadyThere: 30, finished: true });

    const back = await fresh();
    const backStore = new PostgresEventStore(back.sql);
    await migrateStore(targetStore, backStore, path.join(dir, 'back.ndjson'));
    expect(content(await readWholeLog(backStore))).toEqual(content(original));
  });

  it('refuses to copy a source event that does not match its hash', async () => {
    const tampered = await fresh();
    const store = new PostgresEventStore(tampered.sql);
    const first = await store.append(
      'person-x',
      [newEvent('CreditGranted', { amount: '1' })],
      'no-stream',
    );
    await tampered.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await tx`UPDATE events SET data = '{"amount":"9"}' WHERE event_id = ${first.events[0].eventId}`;
    });
    await expect(
      migrateStore(
        store,
        new PostgresEventStore((await fresh()).sql),
        path.join(dir, 'tampered.ndjson'),
      ),
    ).rejects.toThrow(SourceIntegrityError);
  });

  it('works from the command line between two PostgreSQL URLs', async () => {
    const target = await fresh();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ledgerJs,
        'migrate-store',
        '--from',
        source.url,
        '--to',
        target.url,
        '--map',
        path.join(dir, 'cli.ndjson'),
      ],
      { env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toMatchObject({
      copied: 30,
      finished: true,
    });
  });
});
