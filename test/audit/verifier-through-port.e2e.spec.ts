import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import {
  ledgerDigest,
  merkleRoot,
  verifyLedger,
  type ChainBreakReport,
} from '../../src/audit/verification/ledger-verifier';
import { encodeLogPosition, type StreamHead } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { streamHeadsFromLog } from '../../src/event-store/read-all-pages';
import { newEvent, readWholeLog } from '../event-store/event-store.contract';
import { asSuperuser, writeFixedLog } from '../support/fixed-log';
import { createTestDatabase, databaseUrl, TestDatabase } from '../support/test-database';

/**
 * The verifier and the digest now read the log through the port. Their answers for a fixed log
 * must be the ones the SQL implementation they replaced gave: the roots below were recorded with
 * it (commit 1ecd9d2, `ledgerDigest(sql, position)` and `verifyLedger(sql)`) on this same log, and
 * spot-check seeds and issued certificates depend on them staying byte for byte the same.
 */
const rootsBefore = [
  '5db5ce300ff67d23d8384a33be6d22952e5d6df5eb2639a291d69b4b360bc658',
  '5cbea76fb0ee395d624199a46d14f1749382782fac5c98e59f3324befc84d41e',
  '0794a17753230abc11fd7dc84617ad2f7ce502d9591a278070d6cbf2f924ac9f',
  '1cb8e6cd30db55ce74d5d3eac4b4b3493e912cdb1d4c61ba259a9e3d5f686f67',
  'd509c227637e693c4e4e1f42901db20a12c77a7593395f2d080ad1213de29a0c',
  '0c55025741adcad23f08ba17c82339b67b47c8c48fa97b8db93a8be4fd9980aa',
  '9b5f3537a0ac6931bf16ad62ae1942e8a3e1b25f19594291adc394003c71d929',
  '15aaba59af2743c43304ab6c967fe01455c57cd944f85ee90609e715686bf9de',
  '248d83ea0dc435456d8f2c77e481e5ee7c861c4d0aa7284b3d755fdd63eff152',
];
const streamsBefore = [1, 2, 3, 3, 3, 3, 3, 3, 3];

const dataChanged: ChainBreakReport = {
  eventId: '00000000-0000-4000-8000-000000000002',
  streamId: 'person-fixed-b',
  streamVersion: 1,
  globalPosition: '2',
  reason: 'hash-mismatch',
};
const lastDeleted: ChainBreakReport = {
  eventId: '',
  streamId: 'activity-fixed-c',
  streamVersion: 4,
  globalPosition: '',
  reason: 'head-mismatch',
};
const middleDeleted: ChainBreakReport = {
  eventId: '00000000-0000-4000-8000-000000000006',
  streamId: 'person-fixed-a',
  streamVersion: 3,
  globalPosition: '6',
  reason: 'version-gap',
};

describe('verifier and digest through the port: the same answers as before, on a fixed log', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.sql);
    await writeFixedLog(db);
  });
  afterAll(() => db.drop());

  it('the digest at every position of the log is the one recorded before, by either way of finding the heads', async () => {
    const log = await readWholeLog(store);
    expect(log.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual([
      'person-fixed-a@1',
      'person-fixed-b@1',
      'activity-fixed-c@1',
      'activity-fixed-c@2',
      'person-fixed-a@2',
      'person-fixed-a@3',
      'activity-fixed-c@3',
      'person-fixed-b@2',
      'activity-fixed-c@4',
    ]);
    for (const [i, event] of log.entries()) {
      const digest = await ledgerDigest(store, event.position);
      expect(digest).toEqual({
        algorithm: 'merkle-sha256-stream-heads-v1',
        position: encodeLogPosition(event.position),
        root: rootsBefore[i],
        streams: streamsBefore[i],
        events: i + 1,
      });
      // The EventStoreDB adapter's way (a fold over the log) finds the same heads as the index.
      const folded: StreamHead[] = [];
      for await (const page of streamHeadsFromLog(store, { to: event.position }))
        folded.push(...page);
      expect(merkleRoot(folded)).toBe(rootsBefore[i]);
    }
    expect((await ledgerDigest(store)).root).toBe(rootsBefore[8]);
  });

  it('verification reports what it reported before: intact, a changed event, a deleted last event, a deleted middle event', async () => {
    const head = encodeLogPosition((await store.headPosition())!);
    const digestOf = (i: number, position = head) => ({
      algorithm: 'merkle-sha256-stream-heads-v1',
      position,
      root: rootsBefore[i],
      streams: 3,
      events: i + 1,
    });
    expect(await verifyLedger(store)).toEqual({
      ok: true,
      algorithm: 'sha256-canonical-json-v1',
      streams: 3,
      events: 9,
      firstBreak: null,
      breaks: [],
      digest: digestOf(8),
    });

    await asSuperuser(
      db,
      (tx) =>
        tx`UPDATE events SET data = '{"amount":"99","n":2}' WHERE stream_id = 'person-fixed-b' AND stream_version = 1`,
    );
    expect(await verifyLedger(store)).toEqual({
      ok: false,
      algorithm: 'sha256-canonical-json-v1',
      streams: 3,
      events: 9,
      firstBreak: dataChanged,
      breaks: [dataChanged],
      digest: digestOf(8),
    });

    await asSuperuser(
      db,
      (tx) => tx`DELETE FROM events WHERE stream_id = 'activity-fixed-c' AND stream_version = 4`,
    );
    const headAfterDelete = encodeLogPosition((await store.headPosition())!);
    expect(await verifyLedger(store)).toEqual({
      ok: false,
      algorithm: 'sha256-canonical-json-v1',
      streams: 3,
      events: 8,
      firstBreak: dataChanged,
      breaks: [dataChanged, lastDeleted],
      digest: digestOf(7, headAfterDelete),
    });

    await asSuperuser(
      db,
      (tx) => tx`DELETE FROM events WHERE stream_id = 'person-fixed-a' AND stream_version = 2`,
    );
    expect(await verifyLedger(store)).toEqual({
      ok: false,
      algorithm: 'sha256-canonical-json-v1',
      streams: 3,
      events: 7,
      firstBreak: dataChanged,
      breaks: [dataChanged, middleDeleted, lastDeleted],
      // As before: a's head is still version 3, so the digest counts 3 + 2 + 3 events.
      digest: { ...digestOf(7, headAfterDelete), events: 8 },
    });
  });
});

describe('verifier through the port: events readers cannot see yet', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.sql);
  });
  afterAll(() => db.drop());

  it('follows a stream held back behind the horizon through the stream itself: no false break', async () => {
    await store.append(`person-${randomUUID()}`, [newEvent(), newEvent()], 'no-stream');
    // Another client's transaction holds an id (in another database: ids are server-wide), so an
    // append committed after it is in `streams` but not yet readable in log order.
    const holder = postgres(databaseUrl('postgres'), { max: 1, onnotice: () => undefined });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const transaction = holder.begin(async (tx) => {
      await tx`SELECT pg_current_xact_id()`;
      holding();
      await released;
    });
    try {
      await held;
      const late = `person-${randomUUID()}`;
      await store.append(late, [newEvent(), newEvent(), newEvent()], 'no-stream');
      expect((await readWholeLog(store)).some((e) => e.streamId === late)).toBe(false);

      const report = await verifyLedger(store);
      expect(report).toMatchObject({ ok: true, streams: 2, events: 5, breaks: [] });
      expect(report.digest).toMatchObject({ streams: 1, events: 2 });

      // A stream whose recorded head is ahead of its events is still a break.
      await asSuperuser(db, (tx) => tx`UPDATE streams SET version = 4 WHERE stream_id = ${late}`);
      expect((await verifyLedger(store)).breaks).toEqual([
        {
          eventId: '',
          streamId: late,
          streamVersion: 4,
          globalPosition: '',
          reason: 'head-mismatch',
        },
      ]);
    } finally {
      release();
      await transaction;
      await holder.end();
    }
  });
});
