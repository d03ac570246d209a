import {
  client,
  countEvents,
  cqCommittee,
  newIdNumber,
  personBody,
  zjCommittee,
  zjOrganizer,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('persons over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('registers a person, returns an opaque id; the full ID number only to the person and their committee', async () => {
    const body = personBody({ idNumber: newIdNumber('330102') });
    const created = await api.post('/persons', body, zjCommittee).expect(201);
    expect(created.body.personId).toMatch(/^[0-9a-f-]{36}$/);
    const person = await api.get(`/persons/${created.body.personId}`, zjCommittee).expect(200);
    expect(person.body).toMatchObject({
      personId: created.body.personId,
      name: '王芳',
      profession: 'nurse',
      titleLevel: 'junior',
      jurisdiction: 'CN-ZJ',
      grassroots: false,
    });
    const masked = `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(14)}`;
    expect(person.body.idNumber).toBe(body.idNumber); // the committee of their jurisdiction
    const self = {
      id: 'professional-1',
      role: 'professional',
      jurisdiction: 'CN-ZJ',
      person: created.body.personId,
    };
    expect(
      (await api.get(`/persons/${created.body.personId}`, self).expect(200)).body.idNumber,
    ).toBe(body.idNumber);
    for (const reader of [
      { id: 'auditor-zj', role: 'auditor', jurisdiction: 'CN-ZJ' },
      { id: 'admin-zj', role: 'admin', jurisdiction: 'CN-ZJ' },
      { id: body.employerId, role: 'employer', jurisdiction: 'CN-ZJ' },
    ]) {
      const seen = await api.get(`/persons/${created.body.personId}`, reader).expect(200);
      expect([reader.role, seen.body.idNumber]).toEqual([reader.role, masked]);
    }
    const certificate = await api
      .get(`/persons/${created.body.personId}/years/2026/certificate`, zjCommittee)
      .expect(200);
    expect(certificate.body.idNumber).toBe(masked);
  });

  it('the same ID number again returns the same person and appends nothing; different details are a 409', async () => {
    const body = personBody();
    const first = await api.post('/persons', body, zjCommittee).expect(201);
    const before = await countEvents(t.db);
    const again = await api.post('/persons', body, zjCommittee).expect(200);
    expect(again.body.personId).toBe(first.body.personId);
    const lowerCaseX = { ...body, idNumber: body.idNumber.toLowerCase() };
    await api.post('/persons', lowerCaseX, zjCommittee).expect(200);
    const differing = await api
      .post('/persons', { ...body, titleLevel: 'senior' }, zjCommittee)
      .expect(409);
    expect(differing.body.field).toBe('idNumber');
    expect(await countEvents(t.db)).toBe(before);
  });

  it('never stores or echoes the ID number or name in clear', async () => {
    const body = personBody({ name: '李明华' });
    const { body: created } = await api.post('/persons', body, zjCommittee).expect(201);
    const rows = await t.db
      .sql`SELECT stream_id, data::text AS data, metadata::text AS metadata FROM events WHERE stream_id = ${`person-${created.personId}`}`;
    expect(rows).toHaveLength(1);
    for (const row of rows) {
      expect(`${row.stream_id}${row.data}${row.metadata}`).not.toContain(body.idNumber);
      expect(`${row.data}`).not.toContain('李明华');
    }
    const wrongChecksum = body.idNumber.slice(0, 17) + (body.idNumber[17] === '0' ? '1' : '0');
    const refused = await api
      .post('/persons', { ...body, idNumber: wrongChecksum }, zjCommittee)
      .expect(400);
    expect(JSON.stringify(refused.body)).not.toContain(wrongChecksum);
  });

  it.each([
    [
      'a missing field',
      (b: Record<string, unknown>) => ({ ...b, profession: undefined }),
      'profession',
    ],
    ['an extra field', (b: Record<string, unknown>) => ({ ...b, salary: 1 }), 'salary'],
    ['a wrong enum', (b: Record<string, unknown>) => ({ ...b, titleLevel: 'chief' }), 'titleLevel'],
    [
      'a malformed ID number',
      (b: Record<string, unknown>) => ({ ...b, idNumber: '33010219900101' }),
      'idNumber',
    ],
    [
      'a wrong check digit',
      (b: Record<string, unknown>) => ({
        ...b,
        idNumber: `${String(b.idNumber).slice(0, 17)}${String(b.idNumber)[17] === '1' ? '2' : '1'}`,
      }),
      'check digit',
    ],
    [
      'an unknown jurisdiction format',
      (b: Record<string, unknown>) => ({ ...b, jurisdiction: 'Zhejiang' }),
      'jurisdiction',
    ],
    [
      'grassroots as a string',
      (b: Record<string, unknown>) => ({ ...b, grassroots: 'yes' }),
      'grassroots',
    ],
  ])('%s gets a 400 naming the field and appends nothing', async (_label, mutate, field) => {
    const before = await countEvents(t.db);
    const response = await api.post('/persons', mutate(personBody()), zjCommittee).expect(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
    expect(await countEvents(t.db)).toBe(before);
  });

  it('needs an actor, a role allowed to register, and the person’s jurisdiction', async () => {
    const before = await countEvents(t.db);
    await api.post('/persons', personBody()).expect(401);
    await api.post('/persons', personBody(), zjOrganizer).expect(403);
    await api.post('/persons', personBody(), cqCommittee).expect(403);
    expect(await countEvents(t.db)).toBe(before);
  });

  it('unknown and malformed person ids', async () => {
    await api.get('/persons/7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b6a', zjCommittee).expect(404);
    const bad = await api.get('/persons/not-a-uuid', zjCommittee).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('personId');
  });
});
