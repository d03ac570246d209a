import fc from 'fast-check';
import postgres, { type Sql } from 'postgres';
import { verifyLedger } from '../../src/audit/verification/ledger-verifier';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { businessInstantMin } from '../../src/shared/domain/shanghai-time';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { newEvent, newStreamId } from './event-store.contract';

const runs = Number(process.env.FUZZ_RUNS ?? 40);
const seed =
  process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261123);

/**
 * What is stored must read back exactly, whatever the server's TimeZone: the hash of every event
 * covers its occurredAt and recordedAt, so a time read back differently is a chain that never
 * verifies again. Each database here has its own default TimeZone (ALTER DATABASE … SET
 * timezone), which its sessions take unless a client says otherwise.
 */
describe.each(['UTC', 'Asia/Shanghai'])(
  'event times read back exactly with TimeZone %s',
  (zone) => {
    let db: TestDatabase;
    let sql: Sql;
    let store: PostgresEventStore;

    beforeAll(async () => {
      db = await createTestDatabase();
      const name = new URL(db.url).pathname.slice(1);
      await db.sql.unsafe(`ALTER DATABASE ${name} SET timezone = '${zone}'`);
      sql = postgres(db.url, { max: 4, onnotice: () => undefined });
      store = new PostgresEventStore(sql);
    });
    afterAll(async () => {
      await sql.end({ timeout: 5 });
      await db.drop();
    });

    it('the session really runs in that zone', async () => {
      const [{ setting }] = await sql<
        { setting: string }[]
      >`SELECT current_setting('TimeZone') AS setting`;
      expect(setting).toBe(zone);
    });

    const accepted = () => {
      const max = new Date();
      max.setUTCFullYear(max.getUTCFullYear() + 1);
      return fc.date({ min: businessInstantMin, max, noInvalidDate: true });
    };
    // The port takes any instant of years 0001–9999 (what ISO 8601 and PostgreSQL share).
    const representable = fc.date({
      min: new Date('0001-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });

    it('appends across the whole accepted range (and every year the port takes), reads back the same instants, and verifies', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(accepted(), representable), { minLength: 1, maxLength: 5 }),
          async (dates) => {
            const streamId = newStreamId('tz');
            await store.append(
              streamId,
              dates.map((d) => newEvent('ThingHappened', { at: d.toISOString() }, d)),
              'no-stream',
            );
            const read = await store.readStream(streamId);
            expect(read.map((e) => e.occurredAt.toISOString())).toEqual(
              dates.map((d) => d.toISOString()),
            );
            for (const e of read) expect(Number.isNaN(e.recordedAt.getTime())).toBe(false);
          },
        ),
        { numRuns: runs, seed },
      );
      const report = await verifyLedger(store);
      expect(report.firstBreak).toBeNull();
      expect(report.ok).toBe(true);
      expect(report.events).toBeGreaterThan(0);
    });

    it('refuses instants no ISO 8601 year of four digits can carry, appending nothing', async () => {
      const streamId = newStreamId('tz-bad');
      for (const at of [new Date('0000-06-01T00:00:00Z'), new Date(Date.UTC(10000, 0, 1))]) {
        await expect(
          store.append(streamId, [newEvent('ThingHappened', {}, at)], 'any'),
        ).rejects.toThrow(/occurredAt/);
      }
      expect(await store.readStream(streamId)).toEqual([]);
    });

    it('refuses NUL and lone surrogates before the database sees them (no event text in its log)', async () => {
      const streamId = newStreamId('tz-text');
      for (const data of [{ name: 'a\u0000b' }, { name: 'a\ud800b' }, { ['k\udc00']: 1 }]) {
        await expect(
          store.append(streamId, [newEvent('ThingHappened', data)], 'any'),
        ).rejects.toThrow(/NUL or a lone surrogate/);
      }
      expect(await store.readStream(streamId)).toEqual([]);
    });
  },
);
