import { given, givenDecider } from '../../../test/support/given-when-then';
import {
  activityDecider,
  activityEvolver,
  decideAnnul,
  decideScheduleSession,
} from './activity.decider';
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
});

describe('activity decider', () => {
  it('schedules a session in the credit year of its start, in Shanghai time', () => {
    given(activityEvolver, [registered])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-12-31T16:30:00Z', '2026-12-31T18:00:00Z')),
      )
      .then((event) =>
        expect(event.data).toMatchObject({ creditYear: 2027, profileId: 'zhejiang-2024' }),
      );
  });

  it('R13: refuses a 7th session of a national project in one year, allows it in the next', () => {
    const six = [1, 2, 3, 4, 5, 6].map((m) => sessionIn(m));
    given(activityEvolver, [registered, ...six])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
      )
      .thenRefuses({ kind: 'rule', rule: 'R13', field: 'startsAt' });
    given(activityEvolver, [registered, ...six])
      .when((s) =>
        decideScheduleSession(s, schedule('2027-02-01T00:00:00Z', '2027-02-01T08:00:00Z')),
      )
      .then((event) => expect(event.data.creditYear).toBe(2027));
    given(activityEvolver, [
      { type: 'ActivityRegistered', data: { ...national, level: 'provincial' } },
      ...six,
    ])
      .when((s) =>
        decideScheduleSession(s, schedule('2026-08-01T00:00:00Z', '2026-08-01T08:00:00Z')),
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

  it('annuls once, with a reason of a sentence', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    given(activityEvolver, [registered])
      .when((s) => decideAnnul(s, { reason: 'no', now }))
      .thenRefuses({ field: 'reason' });
    given(activityEvolver, [registered])
      .when((s) => decideAnnul(s, { reason: 'failed annual inspection', now }))
      .then([
        {
          type: 'ActivityAnnulled',
          data: { reason: 'failed annual inspection', annulledAt: now.toISOString() },
        },
      ]);
    given(activityEvolver, [
      registered,
      {
        type: 'ActivityAnnulled',
        data: { reason: 'failed annual inspection', annulledAt: now.toISOString() },
      },
    ])
      .when((s) => decideAnnul(s, { reason: 'failed annual inspection', now }))
      .then([]);
  });
});

describe('activityDecider (through its command union)', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('RegisterActivity: records the details once, checked', () => {
    givenDecider(activityDecider)
      .when({ type: 'RegisterActivity', details: national })
      .then([registered]);
    givenDecider(activityDecider, [registered])
      .when({ type: 'RegisterActivity', details: national })
      .thenRefuses({ kind: 'conflict' });
    givenDecider(activityDecider)
      .when({ type: 'RegisterActivity', details: { ...national, credits: '0' } })
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
          },
        },
      ]);
    givenDecider(activityDecider).when(command).thenRefuses({ kind: 'not-found' });
  });

  it('AnnulActivity: annuls once; a repeat records nothing', () => {
    const annulled: ActivityEvent = {
      type: 'ActivityAnnulled',
      data: { reason: 'failed annual inspection', annulledAt: now.toISOString() },
    };
    givenDecider(activityDecider, [registered])
      .when({ type: 'AnnulActivity', reason: 'failed annual inspection', now })
      .then([annulled]);
    givenDecider(activityDecider, [registered, annulled])
      .when({ type: 'AnnulActivity', reason: 'failed annual inspection', now })
      .then([]);
  });
});
