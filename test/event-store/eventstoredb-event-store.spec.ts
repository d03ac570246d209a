import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyLedger } from '../../src/audit/verification/ledger-verifier';
import { verifyStreamChain } from '../../src/event-store/event-hash';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import type { LogPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import { migrateStore } from '../../src/event-store/migrate-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  describeEventStoreContract,
  newEvent,
  newStreamId,
  readWholeLog,
} from './event-store.contract';

/**
 * The same contract suite as PostgreSQL, and what only EventStoreDB needs, against a real
 * EventStoreDB/KurrentDB. There is no server on the machines that build this project, so it runs
 * only where EVENTSTORE_CONNECTION_STRING is set; it is never faked. Start one with the compose
 * file (README, "Scaling out") and run, for example:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://ledger:<password>@localhost:2113?tls=true&tlsCAFile=certs/ca/ca.crt' \
 *     npx jest test/event-store/eventstoredb-event-store.spec.ts
 *
 * The server is shared and never emptied: every run uses its own stream prefix and reads from the
 * position it found at its start; a test that changes stream metadata puts it back.
 *
 * Writing stream metadata ($tb, and the `$metadata` events used as system events here) is an
 * administrator's right on a secure server (the compose file's ACLs): give an admin connection in
 * EVENTSTORE_ADMIN_CONNECTION_STRING (default: the ledger's own, for an insecure server). When the
 * two differ, the ledger's own user is also shown to be refused metadata writes.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const adminConnectionString = process.env.EVENTSTORE_ADMIN_CONNECTION_STRING ?? connectionString;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(connectionString);
    return { store, teardown: () => store.dispose() };
  });

  describe('EventStoreDB: what only this store needs', () => {
    let client: EventStoreDBClient;
    let store: EventStoreDbEventStore;
    /** Windows of 4 raw records: a few of the server's own events make a gap wider than one. */
    let smallWindows: EventStoreDbEventStore;
    let start: LogPosition | undefined;

    beforeAll(async () => {
      client = EventStoreDBClient.connectionString(adminConnectionString as string);
      store = EventStoreDbEventStore.fromConnectionString(connectionString);
      smallWindows = EventStoreDbEventStore.fromConnectionString(connectionString, {
        readWindowSize: 4,
      });
      start = (await store.headPosition()) ?? undefined;
    });
    afterAll(async () => {
      await Promise.all([client?.dispose(), store?.dispose(), smallWindows?.dispose()]);
    });

    /** Stream metadata writes: `$metadata` events in `$$<stream>`, which `$all` returns. */
    async function systemEvents(count: number): Promise<void> {
      const stream = newStreamId('gap');
      for (let i = 0; i < count; i += 1) await client.setStreamMetadata(stream, { custom: { i } });
    }

    it('readAll pages past a run of system events wider than a read window, to the real end', async () => {
      const streamId = newStreamId('gap');
      const first = await store.append(streamId, [newEvent('Tick', { i: 1 })], 'no-stream');
      const [a] = await store.readStream(streamId);
      await systemEvents(15);
      await store.append(streamId, [newEvent('Tick', { i: 2 })], 1);
      const page = (await smallWindows.readAll({ after: a.position, limit: 1_000 })).filter(
        (e) => e.streamId === streamId,
      );
      expect(page.map((e) => e.streamVersion)).toEqual([2]);
      expect(first.events[0].globalPosition).toBe(a.globalPosition);
      // A whole page of nothing but system events is not the end either.
      const ours = (await readWholeLog(smallWindows, start)).filter((e) => e.streamId === streamId);
      expect(ours.map((e) => e.streamVersion)).toEqual([1, 2]);
      // The head is the last ledger event even with the server's events after it.
      await systemEvents(9);
      const head = (await smallWindows.headPosition()) as LogPosition;
      const [, b] = await store.readStream(streamId);
      const after = await store.readAll({ after: b.position, limit: 10 });
      if (after.length === 0) expect(head).toEqual(b.position); // no other writer meanwhile
    });

    (adminConnectionString !== connectionString ? it : it.skip)(
      "the ledger's own user may neither truncate, nor delete, nor change a stream's ACL (secure server)",
      async () => {
        const streamId = newStreamId('acl');
        await store.append(streamId, [newEvent()], 'no-stream');
        const ledger = EventStoreDBClient.connectionString(connectionString);
        try {
          await expect(
            ledger.setStreamMetadata(streamId, { truncateBefore: 1 }),
          ).rejects.toMatchObject({ type: 'access-denied' });
          await expect(ledger.deleteStream(streamId)).rejects.toMatchObject({
            type: 'access-denied',
          });
        } finally {
          await ledger.dispose();
        }
        expect(await store.streamVersion(streamId)).toBe(1);
      },
    );

    it('the id claims never show as ledger events', async () => {
      const streamId = newStreamId('claims');
      await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
      const log = await readWholeLog(store, start);
      expect(log.some((e) => e.streamId.startsWith('_') || e.streamId.startsWith('$'))).toBe(false);
    });

    it('a truncated stream ($tb) stays appendable at its real head and keeps its chain; the truncation is undone', async () => {
      const streamId = newStreamId('truncated');
      await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no-stream');
      const before = await store.readStream(streamId);
      await client.setStreamMetadata(streamId, { truncateBefore: 2 });
      try {
        const fresh = EventStoreDbEventStore.fromConnectionString(connectionString);
        try {
          expect((await fresh.readStream(streamId)).map((e) => e.streamVersion)).toEqual([3]);
          expect(await fresh.streamVersion(streamId)).toBe(3);
          // Not NO_STREAM: the stream exists; the append goes at revision 2 and chains on v3.
          const appended = await fresh.append(streamId, [newEvent()], 3);
          expect(appended.events[0].streamVersion).toBe(4);
          const [v4] = await fresh.readStream(streamId, { fromVersion: 4 });
          expect(v4.prevHash).toBe(before[2].hash);
        } finally {
          await fresh.dispose();
        }
      } finally {
        await client.setStreamMetadata(streamId, {});
      }
      expect(verifyStreamChain(await store.readStream(streamId))).toBeNull();
    });

    it('recordedAt is the server clock, with the writer clock (which the hash covers) beside it', async () => {
      const streamId = newStreamId('clocks');
      const before = Date.now();
      await store.append(streamId, [newEvent()], 'no-stream');
      const [event] = await store.readStream(streamId);
      expect(event.writerRecordedAt).toBeInstanceOf(Date);
      expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(60_000);
      expect(verifyStreamChain([event])).toBeNull();
    });

    describe('migration both ways with PostgreSQL', () => {
      let source: TestDatabase;
      let back: TestDatabase;
      const dir = mkdtempSync(path.join(tmpdir(), 'migrate-esdb-'));
      beforeAll(async () => {
        source = await createTestDatabase();
        back = await createTestDatabase();
      });
      afterAll(async () => {
        await source?.drop();
        await back?.drop();
      });

      const content = (events: RecordedEvent[]) =>
        events.map((e) => ({
          id: e.eventId,
          stream: e.streamId,
          v: e.streamVersion,
          type: e.type,
          data: e.data,
          metadata: e.metadata,
          occurredAt: e.occurredAt.toISOString(),
        }));

      it('PostgreSQL → EventStoreDB → PostgreSQL keeps every event; each event maps to its own position', async () => {
        const pg = new PostgresEventStore(source.sql);
        for (let round = 0; round < 3; round += 1)
          for (const s of [newStreamId('person'), newStreamId('person')])
            await pg.append(
              s,
              [newEvent('CreditGranted', { round }), newEvent('CreditVerified', { round })],
              'any',
            );
        const original = await readWholeLog(pg);
        const from = (await store.headPosition()) ?? undefined;
        const forwardMap = path.join(dir, 'forward.ndjson');
        expect(await migrateStore(pg, store, forwardMap)).toMatchObject({
          copied: 12,
          finished: true,
        });
        const targets = readFileSync(forwardMap, 'utf8')
          .trim()
          .split('\n')
          .map((l) => BigInt((JSON.parse(l) as { to: string }).to));
        expect(new Set(targets).size).toBe(12);
        const copied = (await readWholeLog(store, from)).filter((e) =>
          original.some((o) => o.eventId === e.eventId),
        );
        expect(content(copied)).toEqual(content(original));
        for (const e of copied)
          expect(verifyStreamChain([e]) === null || e.streamVersion > 1).toBe(true);

        const pgBack = new PostgresEventStore(back.sql);
        await migrateStore(store, pgBack, path.join(dir, 'back.ndjson'), { after: from });
        const returned = (await readWholeLog(pgBack)).filter((e) =>
          original.some((o) => o.eventId === e.eventId),
        );
        expect(content(returned)).toEqual(content(original));
        expect((await verifyLedger(pgBack)).ok).toBe(true);
      });
    });
  });
} else {
  console.log(
    '[tests] EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is unset (no EventStoreDB/KurrentDB server here).',
  );
  describe.skip('event store contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is unset)', () => {
    it('runs the contract suite and the EventStoreDB-only cases against a real server', () =>
      undefined);
  });
}
