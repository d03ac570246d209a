import { client, countEvents, personBody, zjCommittee } from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { idempotencyKeysKeptDays } from '../../src/shared/http/idempotency.interceptor';

/**
 * Idempotency keys are remembered for `idempotencyKeysKeptDays`, then forgotten: the table does
 * not grow with every write for as long as the ledger runs. The first claim of a process prunes.
 */
describe('Idempotency-Key retention', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  const keysOf = async (actorId: string) =>
    (
      await t.db.sql<{ key: string }[]>`
        SELECT key FROM idempotency_keys WHERE actor_id = ${actorId} ORDER BY key`
    ).map((r) => r.key);

  it(`keys older than ${idempotencyKeysKeptDays} days are pruned; younger ones still refuse another command`, async () => {
    // Recorded before this process claimed anything: one long expired, one just inside the window.
    await t.db.sql`
      INSERT INTO idempotency_keys (actor_id, key, fingerprint, first_used_at) VALUES
        (${zjCommittee.id}, 'expired-key-1', 'another-command', now() - make_interval(days => ${idempotencyKeysKeptDays + 1})),
        (${zjCommittee.id}, 'recent-key-1', 'another-command', now() - make_interval(days => ${idempotencyKeysKeptDays - 1}))`;

    await api
      .post('/persons', personBody(), zjCommittee, { 'Idempotency-Key': 'fresh-key-1' })
      .expect(201);
    // The prune runs beside the request, not in its way: wait for it.
    for (let i = 0; i < 50 && (await keysOf(zjCommittee.id)).includes('expired-key-1'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await keysOf(zjCommittee.id)).toEqual(['fresh-key-1', 'recent-key-1']);

    // A key still remembered refuses another command, and nothing is appended…
    const before = await countEvents(t.db);
    const refused = await api
      .post('/persons', personBody(), zjCommittee, { 'Idempotency-Key': 'recent-key-1' })
      .expect(422);
    expect(refused.body.field).toBe('Idempotency-Key');
    expect(await countEvents(t.db)).toBe(before);
    // …a forgotten one names a new command.
    await api
      .post('/persons', personBody(), zjCommittee, { 'Idempotency-Key': 'expired-key-1' })
      .expect(201);
    expect(await keysOf(zjCommittee.id)).toEqual(['expired-key-1', 'fresh-key-1', 'recent-key-1']);
  });
});
