import {
  client,
  countEvents,
  cqCommittee,
  projectBody,
  zjCommittee,
  zjOrganizer,
  type ActorHeaders,
} from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const nationalCommittee: ActorHeaders = {
  id: 'cn-committee-1',
  role: 'committee',
  jurisdiction: 'CN',
};

describe('sanctions on organizers (R16, seed 004 §七.3)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('seed 004 §七.3 给予不批准、批评、全国通报、责令停办、取消1～3年申报资格 (R16): a ban stops the organizer registering projects and scheduling sessions in its jurisdiction until lifted; each step is an event', async () => {
    const organizerId = 'org-zj-sanctioned';
    const organizer: ActorHeaders = { ...zjOrganizer, id: organizerId };
    const { body: activity } = await api
      .post('/activities', projectBody({ organizerId }), zjCommittee)
      .expect(201);

    const { body: ban } = await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'ban',
          from: '2026-01-01',
          years: 2,
          jurisdiction: 'CN-ZJ',
          reason: '申报材料中授课教师信息弄虚作假',
        },
        zjCommittee,
      )
      .expect(201);
    expect(ban).toMatchObject({
      kind: 'ban',
      kindName: '取消申报资格 ban',
      from: '2026-01-01',
      until: '2028-01-01',
      inForce: true,
    });

    const before = await countEvents(t.db);
    const register = await api
      .post('/activities', projectBody({ organizerId, code: '2026-04-01-777(国)' }), zjCommittee)
      .expect(422);
    expect(register.body).toMatchObject({ rule: 'R16', field: 'organizerId' });
    expect(register.body.message).toContain(ban.sanctionId);
    const schedule = await api
      .post(
        `/activities/${activity.activityId}/sessions`,
        {
          startsAt: '2026-12-10T08:30:00+08:00',
          endsAt: '2026-12-10T17:30:00+08:00',
          location: '杭州 报告厅',
        },
        organizer,
      )
      .expect(422);
    expect(schedule.body).toMatchObject({ rule: 'R16' });
    expect(await countEvents(t.db)).toBe(before);
    // A Zhejiang ban does not reach Chongqing.
    await api
      .post(
        '/activities',
        projectBody({ organizerId, jurisdiction: 'CN-CQ', code: '2026-50-01-778(国)' }),
        cqCommittee,
      )
      .expect(201);

    // Refusals: a national notice only from the national committee; years only for periods;
    // another province's committee may not sanction here.
    const notice = await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'national-notice',
          from: '2026-02-01',
          jurisdiction: 'CN-ZJ',
          reason: '全国通报弄虚作假行为',
        },
        zjCommittee,
      )
      .expect(422);
    expect(notice.body).toMatchObject({ rule: 'R16', field: 'jurisdiction' });
    await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'national-notice',
          from: '2026-02-01',
          jurisdiction: 'CN',
          reason: '全国通报弄虚作假行为',
        },
        nationalCommittee,
      )
      .expect(201);
    const tooLong = await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'suspension',
          from: '2026-02-01',
          years: 4,
          jurisdiction: 'CN-ZJ',
          reason: '责令停办以整改问题',
        },
        zjCommittee,
      )
      .expect(400);
    expect(JSON.stringify(tooLong.body)).toContain('years');
    const noYears = await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'suspension',
          from: '2026-02-01',
          jurisdiction: 'CN-ZJ',
          reason: '责令停办以整改问题',
        },
        zjCommittee,
      )
      .expect(422);
    expect(noYears.body).toMatchObject({ rule: 'R16', field: 'years' });
    await api
      .post(
        `/organizers/${organizerId}/sanctions`,
        {
          kind: 'warning',
          from: '2026-02-01',
          jurisdiction: 'CN-ZJ',
          reason: '批评：执行情况报送迟缓',
        },
        cqCommittee,
      )
      .expect(403);

    // Lifting is an event too; afterwards the organizer schedules again.
    const { body: lifted } = await api
      .post(
        `/organizers/${organizerId}/sanctions/${ban.sanctionId}/lifting`,
        { from: '2026-06-01', reason: '复议后撤销处罚，申办单位已整改' },
        zjCommittee,
      )
      .expect(200);
    expect(lifted).toMatchObject({ lifted: { from: '2026-06-01' }, inForce: false });
    await api
      .post(
        `/activities/${activity.activityId}/sessions`,
        {
          startsAt: '2026-12-10T08:30:00+08:00',
          endsAt: '2026-12-10T17:30:00+08:00',
          location: '杭州 报告厅',
        },
        organizer,
      )
      .expect(201);
    const { body: listed } = await api
      .get(`/organizers/${organizerId}/sanctions?jurisdiction=CN-ZJ`, zjCommittee)
      .expect(200);
    expect(listed.sanctions.map((s: { kind: string }) => s.kind).sort()).toEqual([
      'ban',
      'national-notice',
    ]);
    const types = await t.db.sql<{ event_type: string }[]>`
      SELECT event_type FROM events WHERE stream_id = ${`organizer-${organizerId}`} ORDER BY stream_version`;
    expect(types.map((r) => r.event_type)).toEqual([
      'SanctionImposed',
      'SanctionImposed',
      'SanctionLifted',
    ]);
  });
});
