import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { eventHash } from '../../src/event-store/event-hash';
import { EVENT_STORE, EventStore, NewEvent } from '../../src/event-store/event-store.port';
import { bearer } from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const ledgerJs = path.resolve(__dirname, '../../dist/src/cli/ledger.js');
const tick = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'CreditGranted',
  data: { amount: '2.5', n },
  occurredAt: new Date('2026-05-10T08:00:00+08:00'),
});

describe('tamper evidence: hash chains, the verifier and the published digest', () => {
  let t: TestApp;
  let store: EventStore;
  const http = () => request(t.app.getHttpServer());
  const streams = [`person-${randomUUID()}`, `person-${randomUUID()}`, `activity-${randomUUID()}`];

  let auditor: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    auditor = bearer(t.app, { id: 'auditor-1', role: 'auditor', jurisdiction: 'CN' });
    for (const s of streams) await store.append(s, [tick(1), tick(2), tick(3)], 'no-stream');
  });
  afterAll(() => t.close());

  /** Rewrites stored rows as a superuser would, with the immutability triggers switched off. */
  const asSuperuser = (work: (tx: TestApp['db']['sql']) => Promise<unknown>) =>
    t.db.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await work(tx as unknown as TestApp['db']['sql']);
    });

  it('an untouched ledger verifies, and a published digest recomputes to the same root later', async () => {
    const verification = await http().get('/audit/verification').set(auditor).expect(200);
    expect(verification.body).toMatchObject({ ok: true, streams: 3, events: 9, firstBreak: null });
    const published = (await http().get('/audit/digest').set(auditor).expect(200)).body;
    expect(published).toMatchObject({
      streams: 3,
      events: 9,
      algorithm: 'merkle-sha256-stream-heads-v1',
    });
    await store.append(streams[0], [tick(4)], 3);
    // Readers (and so the head) see the append once no older transaction on the server is still
    // running; in a full test run an autovacuum or another client may hold it back a moment.
    let now = (await http().get('/audit/digest').set(auditor).expect(200)).body;
    for (let waitedMs = 0; now.events < 10 && waitedMs < 5_000; waitedMs += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      now = (await http().get('/audit/digest').set(auditor).expect(200)).body;
    }
    expect(now.events).toBe(10);
    expect(now.root).not.toBe(published.root);
    const then = (
      await http()
        .get('/audit/digest')
        .query({ position: published.position })
        .set(auditor)
        .expect(200)
    ).body;
    expect(then).toEqual(published);
    await http().get('/audit/digest').query({ position: 'latest' }).set(auditor).expect(400);
    await http().get('/audit/verification').expect(401);
  });

  it('names exactly the event whose data was changed in the database', async () => {
    const [, second] = await store.readStream(streams[1]);
    await asSuperuser(
      (tx) =>
        tx`UPDATE events SET data = '{"amount":"25","n":2}' WHERE event_id = ${second.eventId}`,
    );
    const { body } = await http().get('/audit/verification').set(auditor).expect(200);
    expect(body.ok).toBe(false);
    expect(body.firstBreak).toEqual({
      eventId: second.eventId,
      streamId: streams[1],
      streamVersion: 2,
      globalPosition: second.globalPosition.toString(),
      reason: 'hash-mismatch',
    });

    const cli = await promisify(execFile)(process.execPath, [ledgerJs, 'verify'], {
      env: { ...process.env, DATABASE_URL: t.db.url },
    }).catch((e) => e);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(second.eventId);
    await asSuperuser(
      (tx) =>
        tx`UPDATE events SET data = ${tx.json(second.data as never)} WHERE event_id = ${second.eventId}`,
    );
    expect((await http().get('/audit/verification').set(auditor).expect(200)).body.ok).toBe(true);
  });

  it('a rewrite that also recomputes the chain passes the verifier but not the published digest', async () => {
    const published = (await http().get('/audit/digest').set(auditor).expect(200)).body;
    const events = await store.readStream(streams[2]);
    let previous: string | null = null;
    await asSuperuser(async (tx) => {
      for (const e of events) {
        const data = e.streamVersion === 1 ? { amount: '250', n: 1 } : e.data;
        const hash: string = eventHash(previous, { ...e, data });
        await tx`UPDATE events SET data = ${tx.json(data as never)}, prev_hash = ${previous}, hash = ${hash} WHERE event_id = ${e.eventId}`;
        previous = hash;
      }
      await tx`UPDATE streams SET last_hash = ${previous} WHERE stream_id = ${streams[2]}`;
    });
    expect((await http().get('/audit/verification').set(auditor).expect(200)).body.ok).toBe(true);
    const recomputed = (
      await http()
        .get('/audit/digest')
        .query({ position: published.position })
        .set(auditor)
        .expect(200)
    ).body;
    expect(recomputed.root).not.toBe(published.root);
  });

  it('a lost tail with its head record moved back passes `ledger verify` but not `ledger verify --against` the published heads', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [ledgerJs, ...args], {
        env: { ...process.env, DATABASE_URL: t.db.url },
      }).catch((e) => e);
    const digestFile = path.join(mkdtempSync(path.join(tmpdir(), 'digest-')), 'digest.json');
    const publishedCli = await run(['digest', '--heads']);
    const published = JSON.parse(publishedCli.stdout);
    expect(published.heads.map((h: { streamId: string }) => h.streamId)).toEqual(
      expect.arrayContaining(streams),
    );
    writeFileSync(digestFile, publishedCli.stdout);
    expect((await run(['verify', '--against', digestFile])).code ?? 0).toBe(0);

    const [, second] = await store.readStream(streams[0]);
    await asSuperuser(async (tx) => {
      await tx`DELETE FROM events WHERE stream_id = ${streams[0]} AND stream_version > 2`;
      await tx`UPDATE streams SET version = 2, last_hash = ${second.hash} WHERE stream_id = ${streams[0]}`;
    });
    expect((await run(['verify'])).code ?? 0).toBe(0);
    const against = await run(['verify', '--against', digestFile]);
    expect(against.code).toBe(1);
    expect(JSON.parse(against.stdout).firstBreak).toMatchObject({
      streamId: streams[0],
      reason: 'tail-lost',
    });
  });
});
