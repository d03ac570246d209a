import { given, givenDecider } from '../../../test/support/given-when-then';
import {
  activityDecider,
  activityEvolver,
  annulmentRevokes,
  decideAnnul,
  decideScheduleSession,
} from './activity.decider';
import { organizerEvolver } from '../../organizers/domain/organizer.decider';
import { ActivityDetails, ActivityEvent } from './activity.events';

const national: ActivityDetails = {
  activityId: 'a-1',
  kind: 'project',
  code: '2026-04-01-123(国)',
  title: 'course',
  level: 'national',
  category: null,
  subject: 'professional',
  format: 'in-person',
  credits: '10',
  hours: '20',
  jurisdiction: 'CN-ZJ',
  organizerId: 'org-1',
  sessionsDeclared: 6,
};
const registered: ActivityEvent = { type: 'ActivityRegistered', data: national };
const sessionIn = (month: number, year = 2026): ActivityEvent => ({
  type: 'SessionScheduled',
  data: {
    sessionId: `s-${year}-${month}`,
    startsAt: `${year}-${String(month).padStart(2, '0')}-10T00:30:00.000Z`,
    endsAt: `${year}-${String(month).padStart(2, '0')}-10T09:30:00.000Z`,
    location: 'hall',
    creditYear: year,
    profileId: 'zhejiang-2024',
  },
});
const schedule = (startsAt: string, endsAt: string) => ({
  sessionId: 'new',
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  location: 'hall',
  organizer: organizerEvolver.initialState(),
  now: new Date('2026-01-02T00:00:00Z'),
});

describe('activity decider', () => {
  it('schedules a session in the credit year of its start, in Shanghai time', () => {
    const internal: ActivityEvent = {
      type: 'ActivityRegistered',
      data: { ...national, kind: 'internal-training', code: null, level: 'unit' },
    };
    given(activityEvolver, [internal])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-12-31T16:30:00Z', '2026-12-31T18:00:00Z')),
      )
      .then((event) =>
        expect(event.data).toMatchObject({ creditYear: 2027, profileId: 'zhejiang-2024' }),
      );
  });

  it('seed 004 §六.6 每年举办的期（次）数不得超过申报时所填期（次） (R13): no more sessions than declared, at most 6, all in the project year', () => {
    const six = [1, 2, 3, 4, 5, 6].map((m) => sessionIn(m));
    given(activityEvolver, [registered, ...six])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
      )
      .thenRefuses({ kind: 'rule', rule: 'R13', field: 'startsAt' });
    const declaredTwo: ActivityEvent = {
      type: 'ActivityRegistered',
      data: { ...national, sessionsDeclared: 2 },
    };
    given(activityEvolver, [declaredTwo, sessionIn(1)])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
      )
      .then((event) => expect(event.type).toBe('SessionScheduled'));
    given(activityEvolver, [declaredTwo, sessionIn(1), sessionIn(2)])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
      )
      .thenRefuses({ rule: 'R13', field: 'startsAt', message: /declared 2 session/ });
    // A session outside the project's year (its code's 2026, by the Shanghai calendar) is refused.
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-12-31T16:30:00Z', '2026-12-31T18:00:00Z')),
      )
      .thenRefuses({ rule: 'R13', field: 'startsAt', message: /project year 2026/ });
    // A provincial project is capped only by what it declared.
    given(activityEvolver, [
      {
        type: 'ActivityRegistered',
        data: { ...national, level: 'provincial', sessionsDeclared: null },
      },
      ...six,
    ])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
      )
      .then((event) => expect(event.type).toBe('SessionScheduled'));
  });

  it('seed 004 §六.6 每项国家级继续医学教育项目最多可申请 6 期 (R13): a national project declares 1–6 sessions at registration', () => {
    const register = (sessionsDeclared: number | null | undefined) =>
      activityDecider.decide(
        {
          type: 'RegisterActivity',
          details: { ...national, sessionsDeclared },
          organizer: organizerEvolver.initialState(),
          now: new Date('2026-01-02T00:00:00Z'),
        },
        activityEvolver.initialState(),
      );
    expect(() => register(7)).toThrow(
      expect.objectContaining({ rule: 'R13', field: 'sessionsDeclared' }),
    );
    expect(() => register(undefined)).toThrow(
      expect.objectContaining({ rule: 'R13', field: 'sessionsDeclared' }),
    );
    expect(() => register(0)).toThrow(expect.objectContaining({ field: 'sessionsDeclared' }));
    expect(register(3)).toHaveLength(1);
  });

  it('seed 002 项目举办2周前…备案 and seed 001 (十四)(十八) 举办前一周公布、外省市来渝提前1个月备案，否则不予备案和学分录入 (R14): late filing is recorded and flagged; in Chongqing an outside organizer filing late gets no credits entered', () => {
    // Zhejiang, national project: 10 days ahead is late for the 2 weeks of 002.
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-20T00:30:00Z', '2026-05-20T09:30:00Z'),
          now: new Date('2026-05-10T02:00:00Z'),
        }),
      )
      .then((event) =>
        expect(event.data.filing).toEqual([
          expect.objectContaining({
            rule: 'R14',
            code: 'filed-late',
            dueBy: '2026-05-06',
            creditsNotEntered: false,
          }),
        ]),
      );
    // 14 days ahead is on time.
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-20T00:30:00Z', '2026-05-20T09:30:00Z'),
          now: new Date('2026-05-06T15:00:00Z'),
        }),
      )
      .then((event) => expect(event.data.filing).toEqual([]));
    // Chongqing, a national project brought from Zhejiang, filed 20 days ahead: not a month.
    const outside: ActivityEvent = {
      type: 'ActivityRegistered',
      data: { ...national, jurisdiction: 'CN-CQ', organizerJurisdiction: 'CN-ZJ' },
    };
    given(activityEvolver, [outside])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-30T00:30:00Z', '2026-05-30T09:30:00Z'),
          now: new Date('2026-05-10T02:00:00Z'),
        }),
      )
      .then((event) =>
        expect(event.data.filing).toEqual([
          expect.objectContaining({
            code: 'outside-organizer-filed-late',
            dueBy: '2026-04-30',
            creditsNotEntered: true,
          }),
        ]),
      );
    // The same project by a Chongqing organizer five days ahead: late for the week of (十四) only.
    given(activityEvolver, [
      { type: 'ActivityRegistered', data: { ...national, jurisdiction: 'CN-CQ' } },
    ])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-30T00:30:00Z', '2026-05-30T09:30:00Z'),
          now: new Date('2026-05-25T02:00:00Z'),
        }),
      )
      .then((event) =>
        expect((event.data.filing ?? []).map((f) => f.code)).toEqual([
          'filed-late',
          'published-late',
        ]),
      );
  });

  it('seed 004 §七.3 责令停办、取消 1～3 年申报资格 (R16): a suspended or banned organizer registers no project and schedules no session in the period, where the sanction reaches', () => {
    const banned = organizerEvolver.evolve(organizerEvolver.initialState(), {
      type: 'SanctionImposed',
      data: {
        sanctionId: 'x-1',
        organizerId: 'org-1',
        kind: 'ban',
        from: '2026-03-01',
        until: '2028-03-01',
        years: 2,
        jurisdiction: 'CN-ZJ',
        reason: 'forged teacher records',
      },
    });
    const register = (jurisdiction: string, now: string) =>
      activityDecider.decide(
        {
          type: 'RegisterActivity',
          details: { ...national, jurisdiction },
          organizer: banned,
          now: new Date(now),
        },
        activityEvolver.initialState(),
      );
    expect(() => register('CN-ZJ', '2026-06-01T00:00:00Z')).toThrow(
      expect.objectContaining({ rule: 'R16', field: 'organizerId' }),
    );
    expect(register('CN-CQ', '2026-06-01T00:00:00Z')).toHaveLength(1); // a Zhejiang ban, not national
    expect(register('CN-ZJ', '2026-02-28T15:59:00Z')).toHaveLength(1); // 23:59 the day before
    expect(register('CN-ZJ', '2028-02-29T16:00:00Z')).toHaveLength(1); // 1 Mar 2028: the ban is over
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-10T00:30:00Z', '2026-05-10T09:30:00Z'),
          organizer: banned,
        }),
      )
      .thenRefuses({ rule: 'R16', field: 'organizerId' });
    const lifted = organizerEvolver.evolve(banned, {
      type: 'SanctionLifted',
      data: {
        sanctionId: 'x-1',
        organizerId: 'org-1',
        from: '2026-05-01',
        reason: 'reviewed on appeal',
      },
    });
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, {
          ...schedule('2026-05-10T00:30:00Z', '2026-05-10T09:30:00Z'),
          organizer: lifted,
          now: new Date('2026-05-02T00:00:00Z'),
        }),
      )
      .then((event) => expect(event.type).toBe('SessionScheduled'));
  });

  it('refuses sessions that end before they start, and sessions of annulled activities (R15)', () => {
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-05-10T09:00:00Z', '2026-05-10T08:00:00Z')),
      )
      .thenRefuses({ kind: 'invalid', field: 'endsAt' });
    given(activityEvolver, [
      registered,
      {
        type: 'ActivityAnnulled',
        data: { reason: 'failed inspection', annulledAt: '2026-06-01T00:00:00Z' },
      },
    ])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-05-10T08:00:00Z', '2026-05-10T09:00:00Z')),
      )
      .thenRefuses({ kind: 'conflict' });
  });

  it('seed 002 年检不合格…所获公布的项目废止 (R15): an annulment states what happens to credits, cancels sessions not yet held, and keeps or revokes by session date', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    given(activityEvolver, [registered, sessionIn(3), sessionIn(9)])
      .when((s) =>
        decideAnnul(s, {
          reason: 'failed its 2026 annual inspection',
          now,
          credits: 'revoke',
          revokeFrom: '2026-04-01',
        }),
      )
      .then(([event]) =>
        expect(event.data).toMatchObject({
          credits: 'revoke',
          revokeFrom: '2026-04-01',
          cancelledSessions: ['s-2026-9'],
        }),
      );
    given(activityEvolver, [registered])
      .when((s) =>
        decideAnnul(s, {
          reason: 'failed its annual inspection',
          now,
          credits: 'keep',
          revokeFrom: '2026-04-01',
        }),
      )
      .thenRefuses({ field: 'revokeFrom' });
    given(activityEvolver, [registered])
      .when((s) =>
        decideAnnul(s, {
          reason: 'failed its annual inspection',
          now,
          credits: 'revoke',
          revokeFrom: '2026-02-30',
        }),
      )
      .thenRefuses({ field: 'revokeFrom' });
    expect(annulmentRevokes({ credits: 'keep' }, '2026-05-10T00:30:00Z')).toBe(false);
    expect(
      annulmentRevokes({ credits: 'revoke', revokeFrom: '2026-05-10' }, '2026-05-09T16:30:00Z'),
    ).toBe(true); // 10 May 00:30 in Shanghai
    expect(
      annulmentRevokes({ credits: 'revoke', revokeFrom: '2026-05-11' }, '2026-05-10T00:30:00Z'),
    ).toBe(false);
    expect(annulmentRevokes({}, '2020-01-01T00:00:00Z')).toBe(true); // recorded before the choice: all
  });

  it('annuls once, with a reason of a sentence', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    given(activityEvolver, [registered])
      .when((s) => decideAnnul(s, { reason: 'no', now, credits: 'revoke', revokeFrom: null }))
      .thenRefuses({ field: 'reason' });
    given(activityEvolver, [registered])
      .when((s) =>
        decideAnnul(s, {
          reason: 'failed annual inspection',
          now,
          credits: 'revoke',
          revokeFrom: null,
        }),
      )
      .then([
        {
          type: 'ActivityAnnulled',
          data: {
            reason: 'failed annual inspection',
            annulledAt: now.toISOString(),
            credits: 'revoke',
            revokeFrom: null,
            cancelledSessions: [],
            organizerAnnulment: null,
          },
        },
      ]);
    given(activityEvolver, [
      registered,
      {
        type: 'ActivityAnnulled',
        data: { reason: 'failed annual inspection', annulledAt: now.toISOString() },
      },
    ])
      .when((s) =>
        decideAnnul(s, {
          reason: 'failed annual inspection',
          now,
          credits: 'revoke',
          revokeFrom: null,
        }),
      )
      .then([]);
  });
});

describe('activityDecider (through its command union)', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('RegisterActivity: records the details once, checked', () => {
    givenDecider(activityDecider)
      .when({
        type: 'RegisterActivity',
        details: national,
        organizer: organizerEvolver.initialState(),
        now: new Date('2026-01-02T00:00:00Z'),
      })
      .then([registered]);
    givenDecider(activityDecider, [registered])
      .when({
        type: 'RegisterActivity',
        details: national,
        organizer: organizerEvolver.initialState(),
        now: new Date('2026-01-02T00:00:00Z'),
      })
      .thenRefuses({ kind: 'conflict' });
    givenDecider(activityDecider)
      .when({
        type: 'RegisterActivity',
        details: { ...national, credits: '0' },
        organizer: organizerEvolver.initialState(),
        now: new Date('2026-01-02T00:00:00Z'),
      })
      .thenRefuses({ kind: 'invalid', field: 'credits' });
  });

  it('ScheduleSession: schedules in the credit year of its start; none before registration', () => {
    const command = {
      type: 'ScheduleSession' as const,
      ...schedule('2026-05-10T00:30:00Z', '2026-05-10T09:30:00Z'),
    };
    givenDecider(activityDecider, [registered])
      .when(command)
      .then([
        {
          type: 'SessionScheduled',
          data: {
            sessionId: 'new',
            startsAt: '2026-05-10T00:30:00.000Z',
            endsAt: '2026-05-10T09:30:00.000Z',
            location: 'hall',
            creditYear: 2026,
            profileId: 'zhejiang-2024',
            filing: [],
          },
        },
      ]);
    givenDecider(activityDecider).when(command).thenRefuses({ kind: 'not-found' });
  });

  it('AnnulActivity: annuls once; a repeat records nothing', () => {
    const annulled: ActivityEvent = {
      type: 'ActivityAnnulled',
      data: {
        reason: 'failed annual inspection',
        annulledAt: now.toISOString(),
        credits: 'revoke',
        revokeFrom: null,
        cancelledSessions: [],
        organizerAnnulment: null,
      },
    };
    givenDecider(activityDecider, [registered])
      .when({
        type: 'AnnulActivity',
        reason: 'failed annual inspection',
        now,
        credits: 'revoke',
        revokeFrom: null,
      })
      .then([annulled]);
    givenDecider(activityDecider, [registered, annulled])
      .when({
        type: 'AnnulActivity',
        reason: 'failed annual inspection',
        now,
        credits: 'revoke',
        revokeFrom: null,
      })
      .then([]);
  });
});
