import { PiiVault, PII_VAULT } from '../../src/shared/pii-vault';
import {
  client,
  countEvents,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjAdmin,
  zjCommittee,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('crypto-shredding: erasing a person beyond the retention period', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('refuses within three years; afterwards destroys the key: totals replay, personal data is gone', async () => {
    const body = personBody({ name: '李秀英' });
    const personId = (await api.post('/persons', body, zjCommittee).expect(201)).body.personId;
    const activityId = (
      await api
        .post(
          '/activities',
          projectBody({ kind: 'special-training', code: undefined, level: 'provincial' }),
          zjCommittee,
        )
        .expect(201)
    ).body.activityId;
    await api
      .post(
        '/credits',
        {
          personId,
          activityId,
          days: 4,
          hours: '24', // R11: a day counts with at least 6 h (003 细则 (六))
          earnedAt: '2026-06-30T17:00:00+08:00',
          evidence: 'special training roster 2026-18',
        },
        zjCommittee,
      )
      .expect(201);
    await projectionsCaughtUp(t.app);
    const yearBefore = (await api.get(`/persons/${personId}/years/2026`, zjCommittee).expect(200))
      .body;
    expect(yearBefore.counted.credits).toBe('4');

    // Sealed with the person's own key, never the master key alone.
    const [registered] = await t.db.sql`
      SELECT data FROM events WHERE stream_id = ${`person-${personId}`} AND event_type = 'PersonRegistered'`;
    expect(registered.data.idNumberSealed).toMatch(/^p1\./);
    expect(JSON.stringify(registered.data)).not.toContain(body.idNumber);

    const erase = () =>
      api.post(
        `/persons/${personId}/erasure`,
        { reason: 'retired in 2022; erasure requested' },
        zjAdmin,
      );
    let before = await countEvents(t.db);
    expect((await erase().expect(409)).body.message).toMatch(/must be kept until/);
    // Only admins of the jurisdiction erase.
    await api
      .post(`/persons/${personId}/erasure`, { reason: 'not mine to erase' }, zjCommittee)
      .expect(403);
    expect(await countEvents(t.db)).toBe(before);

    // Four years pass (the records are moved back in time, as a superuser would).
    await t.db.sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      await tx`UPDATE events SET recorded_at = recorded_at - interval '4 years' WHERE stream_id = ${`person-${personId}`}`;
    });
    const erased = await erase().expect(200);
    expect(erased.body).toMatchObject({ personId, erased: true });
    const [key] = await t.db
      .sql`SELECT wrapped_key, erased_at FROM person_keys WHERE person_id = ${personId}`;
    expect(key.wrapped_key).toBeNull();
    expect(key.erased_at).not.toBeNull();

    const person = (await api.get(`/persons/${personId}`, zjCommittee).expect(200)).body;
    expect(person).toMatchObject({ personId, name: null, idNumber: null, erased: true });
    // The master key alone cannot open what was sealed with the destroyed key.
    const vault = t.app.get<PiiVault>(PII_VAULT);
    expect(() => vault.decrypt(registered.data.idNumberSealed)).toThrow();

    // Totals still replay: the live projection, and a fold of the log as of now.
    await projectionsCaughtUp(t.app);
    const yearAfter = (await api.get(`/persons/${personId}/years/2026`, zjCommittee).expect(200))
      .body;
    expect(yearAfter.counted).toEqual(yearBefore.counted);
    const asOf = encodeURIComponent(new Date().toISOString());
    expect(
      (await api.get(`/persons/${personId}/years/2026?asOf=${asOf}`, zjCommittee).expect(200)).body
        .counted,
    ).toEqual(yearBefore.counted);
    const certificate = await api
      .get(`/persons/${personId}/years/2026/certificate?format=html`, zjCommittee)
      .expect(200);
    expect(certificate.text).toContain('[erased]');
    expect(certificate.text).not.toContain('李秀英');

    // Erasing again records nothing; registering the same ID number again is refused.
    before = await countEvents(t.db);
    await erase().expect(200);
    const again = await api.post('/persons', body, zjCommittee).expect(409);
    expect(again.body.message).toMatch(/erased/);
    expect(JSON.stringify(again.body)).not.toContain(body.idNumber);
    expect(await countEvents(t.db)).toBe(before);
  });
});
