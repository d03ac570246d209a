import {
  client,
  cqCommittee,
  personBody,
  projectionsCaughtUp,
  zjAdmin,
  zjCommittee,
  zjEmployer,
} from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * GET /persons?name=: people found by part of their name within the caller's scope, through keyed
 * hashes of the name's pieces (person_name_index, kept by reactor:person-names); never the names
 * in clear, never another jurisdiction's people, never an erased person.
 */
describe('search by name (GET /persons?name=)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
    const register = async (key: string, body: Record<string, unknown>, actor = zjCommittee) => {
      ids[key] = (await api.post('/persons', personBody(body), actor).expect(201)).body.personId;
    };
    await register('zjFull', { name: '欧阳明珠', employerId: zjEmployer.id });
    await register('zjShort', { name: '欧阳 明', employerId: 'employer-zj-9' });
    await register('zjOther', { name: '陈静', employerId: 'employer-zj-9' });
    await register(
      'cq',
      { name: '欧阳明珠', jurisdiction: 'CN-CQ', employerId: 'employer-cq-1' },
      cqCommittee,
    );
    await projectionsCaughtUp(t.app);
  }, 60_000);
  afterAll(() => t.close());

  const found = async (query: string, actor = zjCommittee, extra = '') =>
    (
      await api
        .get(
          `/persons?jurisdiction=CN-ZJ&name=${encodeURIComponent(query)}&year=2026${extra}`,
          actor,
        )
        .expect(200)
    ).body as { total: number; items: { personId: string; name: string }[] };

  it('finds by the whole name or a part of it, within the jurisdiction asked, names beside ids', async () => {
    const whole = await found('欧阳明珠');
    expect(whole.items).toEqual([
      expect.objectContaining({ personId: ids.zjFull, name: '欧阳明珠' }),
    ]);
    // Chongqing's 欧阳明珠 is not Zhejiang's to find.
    expect(whole.items.map((p) => p.personId)).not.toContain(ids.cq);
    const part = await found('阳明');
    expect(part.items.map((p) => p.name).sort()).toEqual(['欧阳 明', '欧阳明珠'].sort());
    // Spaces and middle dots do not count; pieces in another order are not the name.
    expect((await found('欧阳·明')).total).toBe(2);
    expect((await found('明珠欧')).total).toBe(0);
    expect((await found('静陈')).total).toBe(0);
    // The index keeps keyed hashes only: no row holds a piece of a name.
    const rows = await t.db.sql<{ token: string }[]>`SELECT token FROM person_name_index`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { token } of rows) expect(token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays within the caller’s scope: an employer finds its own staff only; another province is refused', async () => {
    const own = await found('欧阳', zjEmployer, `&employer=${zjEmployer.id}`);
    expect(own.items.map((p) => p.personId)).toEqual([ids.zjFull]);
    await api
      .get(`/persons?jurisdiction=CN-ZJ&name=${encodeURIComponent('欧阳')}`, cqCommittee)
      .expect(403);
  });

  it('refuses a name shorter than 2 characters naming the field', async () => {
    for (const q of ['欧', ' · 欧 ']) {
      const { body } = await api
        .get(`/persons?jurisdiction=CN-ZJ&name=${encodeURIComponent(q)}`, zjCommittee)
        .expect(400);
      expect(JSON.stringify(body)).toMatch(/name must be at least 2 characters/);
    }
  });

  it('forgets an erased person: not found, and their index rows are gone', async () => {
    const personId = ids.zjOther;
    expect((await found('陈静')).total).toBe(1);
    // The retention period passes (records moved back in time, as a superuser would).
    await t.db.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await tx`UPDATE events SET recorded_at = recorded_at - interval '40 years' WHERE stream_id = ${`person-${personId}`}`;
    });
    await api
      .post(`/persons/${personId}/erasure`, { reason: 'retired; erasure requested' }, zjAdmin)
      .expect(200);
    await projectionsCaughtUp(t.app);
    expect((await found('陈静')).total).toBe(0);
    const rows = await t.db
      .sql`SELECT count(*)::int AS n FROM person_name_index WHERE person_id = ${personId}`;
    expect(rows[0].n).toBe(0);
  });
});
