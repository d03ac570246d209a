import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { personYearsProjection } from '../../projections/person-years/person-years.projection';
import type { Database } from '../../src/database/database';
import { eventHash } from '../../src/event-store/event-hash';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/rebuild';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { recordedEventView } from '../../src/event-store/recorded-event.view';
import {
  type ArchiveManifest,
  archiveBefore,
  fromLine,
  purgeArchive,
  RetentionError,
  verifyArchive,
  verifyArchiveFile,
} from '../../src/retention/archive';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Writes a stream as if it had been recorded long ago (a fixture: triggers off, as superuser). */
async function insertOldStream(
  db: TestDatabase,
  streamId: string,
  events: { type: string; data: unknown; occurredAt: string; recordedAt: string }[],
) {
  let prevHash: string | null = null;
  const rows = events.map((e, i) => {
    const row = {
      streamId,
      streamVersion: i + 1,
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: 1,
      data: e.data,
      metadata: { actorId: 'fixture', role: 'admin' },
      occurredAt: new Date(e.occurredAt),
      recordedAt: new Date(e.recordedAt),
    };
    const hash: string = eventHash(prevHash, row);
    const out = { ...row, prevHash, hash };
    prevHash = hash;
    return out;
  });
  await db.sql.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await tx`INSERT INTO streams (stream_id, version, last_hash) VALUES (${streamId}, ${rows.length}, ${prevHash})`;
    for (const r of rows) {
      await tx`INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
               VALUES (${streamId}, ${r.streamVersion}, ${r.eventId}, ${r.type}, 1, ${tx.json(r.data as never)}, ${tx.json(r.metadata)}, ${r.occurredAt}, ${r.recordedAt}, ${r.prevHash}, ${r.hash})`;
    }
  });
}

const registered = (personId: string, at: string) => ({
  type: 'PersonRegistered',
  occurredAt: at,
  recordedAt: at,
  data: {
    personId,
    profession: 'nurse',
    titleLevel: 'junior',
    specialty: 'icu',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    idNumberHash: 'h',
    idNumberSealed: 's',
    nameSealed: 'n',
    personalDataHash: 'd',
  },
});
const granted = (personId: string, n: number, year: number, at: string) => ({
  type: 'CreditGranted',
  occurredAt: at,
  recordedAt: at,
  data: {
    creditId: `${personId}-${n}`,
    source: 'project',
    activityId: 'a',
    sessionId: 's',
    kind: 'project',
    level: 'provincial',
    amount: '12.5',
    hours: null,
    category: null,
    subject: 'professional',
    format: 'in-person',
    earnedAt: at,
    creditYear: year,
    profileId: 'national-2019',
    profileVersion: 1,
    verification: 'not-required',
    calculation: 'fixture',
    evidence: null,
  },
});

describe('retention: archive, verify, purge, and rebuild with the archive', () => {
  let db: TestDatabase;
  let database: Database;
  let store: PostgresEventStore;
  const oldPeople = [randomUUID(), randomUUID()];
  const activePerson = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    database = { sql: db.sql } as unknown as Database;
    store = new PostgresEventStore(db.sql);
    for (const personId of oldPeople) {
      await insertOldStream(db, `person-${personId}`, [
        registered(personId, '2021-02-01T02:00:00.000Z'),
        granted(personId, 1, 2021, '2021-05-01T02:00:00.000Z'),
        granted(personId, 2, 2021, '2021-09-01T02:00:00.000Z'),
      ]);
    }
    // An old person who is still active: their stream is never archived whole.
    await insertOldStream(db, `person-${activePerson}`, [
      registered(activePerson, '2021-02-01T02:00:00.000Z'),
      granted(activePerson, 1, 2021, '2021-05-01T02:00:00.000Z'),
    ]);
    await store.append(
      `person-${activePerson}`,
      [
        {
          eventId: randomUUID(),
          type: 'CreditGranted',
          data: granted(activePerson, 2, 2026, '2026-05-01T02:00:00.000Z').data,
          occurredAt: new Date('2026-05-01T02:00:00Z'),
        },
      ],
      2,
    );
  });
  afterAll(() => db.drop());

  const docs = () => db.sql`SELECT key, doc FROM proj_person_years ORDER BY key`;
  /** The archive made, verified and purged by the second test. */
  let purged: { dir: string; manifest: ArchiveManifest; manifestFile: string };
  const count = async () => (await db.sql`SELECT count(*)::int AS n FROM events`)[0].n as number;

  it('refuses to archive credit years inside the retention period', async () => {
    await expect(
      archiveBefore(database, store, 2025, mkdtempSync(path.join(tmpdir(), 'arch-'))),
    ).rejects.toThrow(RetentionError);
    await expect(
      archiveBefore(database, store, 2024, mkdtempSync(path.join(tmpdir(), 'arch-'))),
    ).rejects.toThrow(/retention period/);
  });

  it('archives whole old streams, verifies them, refuses any other deletion, purges, and rebuilds the same totals', async () => {
    await rebuildProjection(database, store, personYearsProjection as never);
    const before = await docs();
    expect(before).toHaveLength(3);

    const dir = mkdtempSync(path.join(tmpdir(), 'arch-'));
    const manifest = await archiveBefore(database, store, 2023, dir);
    expect(manifest).toMatchObject({ beforeYear: 2023, streams: 2, events: 6 });
    expect(Object.keys(manifest.heads).sort()).toEqual(oldPeople.map((p) => `person-${p}`).sort());
    const manifestFile = path.join(dir, `${manifest.file}.manifest.json`);
    expect(await verifyArchive(manifestFile, database, store)).toBeNull();
    purged = { dir, manifest, manifestFile };

    // The way out is narrow: nothing recent, nothing unarchived, never without the archive.
    const total = await count();
    await expect(
      db.sql`DELETE FROM events WHERE stream_id = ${`person-${oldPeople[0]}`}`,
    ).rejects.toThrow(/immutable/);
    await expect(
      db.sql.begin(async (tx) => {
        await tx`SELECT set_config('cme.purging_archive', ${manifest.archiveId}, true)`;
        await tx`DELETE FROM events WHERE stream_id = ${`person-${activePerson}`}`;
      }),
    ).rejects.toThrow(/retention/);
    expect(await count()).toBe(total);

    expect(await purgeArchive(store, manifest.archiveId)).toBe(6);
    expect(await count()).toBe(total - 6);
    expect(
      await db.sql`SELECT 1 FROM streams WHERE stream_id = ${`person-${oldPeople[0]}`}`,
    ).toHaveLength(0);

    await rebuildProjection(database, store, personYearsProjection as never);
    expect((await docs()).map((r) => r.key)).toEqual([activePerson]); // without the archive: gone from totals
    await rebuildProjection(
      database,
      store,
      personYearsProjection as never,
      undefined,
      manifestFile,
    );
    expect(await docs()).toEqual(before); // with it: the same totals as before the purge

    // A changed byte in the archive is found and named.
    const tampered = path.join(dir, 'tampered');
    copyFileSync(path.join(dir, manifest.file), `${tampered}.ndjson`);
    writeFileSync(
      `${tampered}.ndjson`,
      readFileSync(`${tampered}.ndjson`, 'utf8').replace('"12.5"', '"25"'),
    );
    writeFileSync(
      `${tampered}.ndjson.manifest.json`,
      JSON.stringify({ ...manifest, file: 'tampered.ndjson' }),
    );
    expect(await verifyArchive(`${tampered}.ndjson.manifest.json`, database, store)).toMatch(
      /does not match its hash/,
    );
  });

  describe('a manifest is checked against the archive recorded in the database before any use', () => {
    /** Writes a forged archive beside the real one: lines changed by `edit`, chains and digest recomputed. */
    function forge(
      name: string,
      edit: (events: RecordedEvent[]) => RecordedEvent[],
      manifestEdit: (m: ArchiveManifest) => ArchiveManifest = (m) => m,
    ): string {
      const { dir, manifest } = purged;
      const lines = readFileSync(path.join(dir, manifest.file), 'utf8').trim().split('\n');
      const events = edit(lines.map(fromLine));
      const heads: Record<string, { version: number; hash: string }> = {};
      const out = events.map((e) => {
        const prevHash = heads[e.streamId]?.hash ?? null;
        const hash = eventHash(prevHash, e);
        heads[e.streamId] = { version: e.streamVersion, hash };
        return `${JSON.stringify(recordedEventView({ ...e, prevHash, hash }))}\n`;
      });
      const text = out.join('');
      writeFileSync(path.join(dir, `${name}.ndjson`), text);
      const forged = manifestEdit({
        ...manifest,
        file: `${name}.ndjson`,
        fileSha256: createHash('sha256').update(text).digest('hex'),
        events: events.length,
        heads,
      });
      const file = path.join(dir, `${name}.ndjson.manifest.json`);
      writeFileSync(file, JSON.stringify(forged));
      return file;
    }

    it('a forged NDJSON with recomputed chains and digest cannot change totals (20 → 25)', async () => {
      const totals = await docs();
      const forged = forge('forged-credits', (events) =>
        events.map((e) =>
          e.type === 'CreditGranted' ? { ...e, data: { ...(e.data as object), amount: '25' } } : e,
        ),
      );
      expect((await verifyArchiveFile(forged)).problem).toBeNull(); // consistent on its own
      expect(await verifyArchive(forged, database, store)).toMatch(
        /differs from archive .* as recorded/,
      );
      await expect(
        rebuildProjection(database, store, personYearsProjection as never, undefined, forged),
      ).rejects.toThrow(/cannot be used/);
      expect(await docs()).toEqual(totals);
    });

    it("a manifest's heads cannot hide a live stream from a rebuild", async () => {
      const totals = await docs();
      const hiding = forge(
        'hiding',
        (events) => events,
        (m) => ({
          ...m,
          heads: { ...m.heads, [`person-${activePerson}`]: { version: 3, hash: 'x'.repeat(64) } },
          streams: m.streams + 1,
        }),
      );
      expect(await verifyArchive(hiding, database, store)).toMatch(/as recorded/);
      await expect(
        rebuildProjection(database, store, personYearsProjection as never, undefined, hiding),
      ).rejects.toThrow(/cannot be used/);
      expect(await docs()).toEqual(totals);
    });

    it.each([['/etc/hostname'], ['../../../../etc/hostname'], ['sub/dir.ndjson']])(
      "a file %s outside the manifest's folder is refused without being read",
      async (file) => {
        const manifestFile = path.join(purged.dir, 'traversal.manifest.json');
        writeFileSync(manifestFile, JSON.stringify({ ...purged.manifest, file }));
        const problem = await verifyArchive(manifestFile, database, store);
        expect(problem).toMatch(/plain \.ndjson file name/);
        expect(problem).not.toContain(readFileSync('/etc/hostname', 'utf8').trim());
      },
    );

    it('a symbolic link leading out of the folder is refused; an unrecorded archive is refused', async () => {
      symlinkSync('/etc/hostname', path.join(purged.dir, 'link.ndjson'));
      const linked = path.join(purged.dir, 'link.manifest.json');
      writeFileSync(linked, JSON.stringify({ ...purged.manifest, file: 'link.ndjson' }));
      expect(await verifyArchive(linked, database, store)).toMatch(/leads out of/);
      const unknown = forge(
        'unknown',
        (events) => events,
        (m) => ({ ...m, archiveId: randomUUID() }),
      );
      expect(await verifyArchive(unknown, database, store)).toMatch(
        /not recorded in this database/,
      );
    });
  });

  it('chooses streams through the port, never archives one twice, and verifies heads against the log', async () => {
    const another = randomUUID();
    await insertOldStream(db, `person-${another}`, [
      registered(another, '2020-03-01T02:00:00.000Z'),
      granted(another, 1, 2020, '2020-06-01T02:00:00.000Z'),
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'arch-port-'));
    const manifest = await archiveBefore(database, store, 2023, dir);
    expect(Object.keys(manifest.heads)).toEqual([`person-${another}`]); // the active person is kept whole
    expect(manifest.heads[`person-${another}`]).toMatchObject({ version: 2 });
    const manifestFile = path.join(dir, `${manifest.file}.manifest.json`);
    expect((await verifyArchiveFile(manifestFile)).problem).toBeNull();
    // Recorded and not purged: a second run finds nothing new.
    await expect(archiveBefore(database, store, 2023, dir)).rejects.toThrow(/nothing to archive/);
    await expect(archiveBefore(database, store, 2024, dir)).rejects.toThrow(RetentionError);

    // The log moves on past the archived head: the archive no longer matches it.
    await store.append(
      `person-${another}`,
      [
        {
          eventId: randomUUID(),
          type: 'CreditGranted',
          data: granted(another, 2, 2026, '2026-05-01T02:00:00.000Z').data,
          occurredAt: new Date('2026-05-01T02:00:00Z'),
        },
      ],
      2,
    );
    expect(await verifyArchive(manifestFile, database, store)).toBe(
      `stream person-${another} moved on since it was archived`,
    );
  });

  it('refuses to purge with the log on EventStoreDB, before touching the server', async () => {
    // No server is needed: the adapter has no purge, and the refusal comes first.
    const esdb = EventStoreDbEventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(purgeArchive(esdb, randomUUID())).rejects.toThrow(
        /--purge is refused with the log on EventStoreDB\/KurrentDB: .*scavenge/,
      );
    } finally {
      await esdb.dispose();
    }
  });
});
