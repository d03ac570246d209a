import { given, givenDecider } from '../../../test/support/given-when-then';
import type { ActivityDetails } from '../../activities/domain/activity.events';
import { profileFor } from '../../rules/rule-profiles';
import {
  decideReport,
  decideScan,
  decideSubmitReport,
  SessionContext,
  sessionDecider,
  sessionEvolver,
} from './session.decider';
import { SessionEvent } from './session.events';

const activity: ActivityDetails = {
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
const context: SessionContext = {
  activity,
  session: {
    sessionId: 's-1',
    startsAt: '2026-05-10T00:30:00.000Z',
    endsAt: '2026-05-10T09:30:00.000Z',
    location: 'hall',
    creditYear: 2026,
  },
  annulled: null,
  profile: profileFor('CN-ZJ', 2026),
};
const scanned = (personId: string): SessionEvent => ({
  type: 'AttendanceRecorded',
  data: {
    attendanceId: `att-${personId}`,
    personId,
    method: 'qr',
    scannedAt: '2026-05-10T00:41:00.000Z',
    deviceId: 'gate',
  },
});
const reported = (hoursTaught: string): SessionEvent => ({
  type: 'ExecutionReportSubmitted',
  data: {
    hoursTaught,
    submittedAt: '2026-05-11T00:00:00.000Z',
    late: false,
    daysAfterSession: 1,
    changeExceedsAllowedShare: false,
  },
});
const scan = (personId: string, at = '2026-05-10T00:45:00Z') => ({
  attendanceId: `att-${personId}`,
  personId,
  method: 'qr' as const,
  scannedAt: new Date(at),
  deviceId: 'gate',
});
const creditIdOf = (personId: string) => `credit-${personId}`;

describe('session decider', () => {
  it('a repeated scan of the same person is the same attendance, not a new fact', () => {
    given(sessionEvolver, [scanned('p1')])
      .when((s) => decideScan(s, context, scan('p1')))
      .then((outcome) =>
        expect(outcome).toMatchObject({ duplicate: true, attendance: { attendanceId: 'att-p1' } }),
      );
  });

  it('refuses scans far outside the session and after approval', () => {
    given(sessionEvolver)
      .when((s) => decideScan(s, context, scan('p1', '2026-05-11T00:45:00Z')))
      .thenRefuses({ field: 'scannedAt' });
    const approved: SessionEvent = {
      type: 'ExecutionReportApproved',
      data: {
        hoursTaught: '20',
        plannedHours: '20',
        plannedCredits: '10',
        creditsPerAttendee: '10',
        grants: [],
      },
    };
    given(sessionEvolver, [reported('20'), approved])
      .when((s) => decideScan(s, context, scan('p2')))
      .thenRefuses({ kind: 'conflict' });
  });

  it('R14: flags a report filed more than 14 days after the session, and keeps it', () => {
    given(sessionEvolver)
      .when((s) =>
        decideSubmitReport(s, context, {
          hoursTaught: '20',
          submittedAt: new Date('2026-05-25T02:00:00Z'),
          now: new Date('2026-06-01T00:00:00Z'),
        }),
      )
      .then((event) => expect(event.data).toMatchObject({ late: true, daysAfterSession: 15 }));
  });

  it('R12: approval grants every attendee the credits reduced to the hours taught, rounded down to tenths', () => {
    given(sessionEvolver, [scanned('p1'), scanned('p2'), reported('13')])
      .when((s) => decideReport(s, context, { approve: true, reason: null, creditIdOf }))
      .then(([event]) => {
        expect(event.type).toBe('ExecutionReportApproved');
        expect(event.data).toMatchObject({
          creditsPerAttendee: '6.5',
          grants: [
            { personId: 'p1', creditId: 'credit-p1' },
            { personId: 'p2', creditId: 'credit-p2' },
          ],
        });
      });
    given(sessionEvolver, [scanned('p1'), reported('7')])
      .when((s) =>
        decideReport(
          s,
          { ...context, activity: { ...activity, credits: '3', hours: '9' } },
          { approve: true, reason: null, creditIdOf },
        ),
      )
      .then(([event]) =>
        expect((event.data as { creditsPerAttendee: string }).creditsPerAttendee).toBe('2.3'),
      );
  });

  it('no decision without a report; a rejection needs a reason; R15 annulled activities get none', () => {
    given(sessionEvolver, [scanned('p1')])
      .when((s) => decideReport(s, context, { approve: true, reason: null, creditIdOf }))
      .thenRefuses({ kind: 'conflict' });
    given(sessionEvolver, [reported('20')])
      .when((s) => decideReport(s, context, { approve: false, reason: null, creditIdOf }))
      .thenRefuses({ field: 'reason' });
    given(sessionEvolver, [reported('20')])
      .when((s) =>
        decideReport(
          s,
          { ...context, annulled: { reason: 'failed inspection' } },
          { approve: true, reason: null, creditIdOf },
        ),
      )
      .thenRefuses({ kind: 'conflict' });
  });
});

describe('sessionDecider (through its command union)', () => {
  it('RecordAttendance: the first scan records the attendance; a repeat records nothing', () => {
    givenDecider(sessionDecider)
      .when({ type: 'RecordAttendance', context, ...scan('p1', '2026-05-10T00:41:00Z') })
      .then([scanned('p1')]);
    givenDecider(sessionDecider, [scanned('p1')])
      .when({ type: 'RecordAttendance', context, ...scan('p1') })
      .then([]);
    givenDecider(sessionDecider)
      .when({ type: 'RecordAttendance', context, ...scan('p1', '2026-05-11T00:45:00Z') })
      .thenRefuses({ field: 'scannedAt' });
  });

  it('SubmitReport: records the report; a second one waits for the first to be decided', () => {
    const command = {
      type: 'SubmitReport' as const,
      context,
      hoursTaught: '20',
      submittedAt: new Date('2026-05-11T00:00:00Z'),
      now: new Date('2026-06-01T00:00:00Z'),
    };
    givenDecider(sessionDecider)
      .when(command)
      .then([reported('20')]);
    givenDecider(sessionDecider, [reported('20')])
      .when(command)
      .thenRefuses({ kind: 'conflict' });
  });

  it('DecideReport: a rejection with its reason; the same decision again records nothing', () => {
    const reject = {
      type: 'DecideReport' as const,
      context,
      approve: false,
      reason: 'the hours do not match the sign-in sheet',
      creditIdOf,
    };
    const rejected: SessionEvent = {
      type: 'ExecutionReportRejected',
      data: { reason: 'the hours do not match the sign-in sheet' },
    };
    givenDecider(sessionDecider, [reported('20')])
      .when(reject)
      .then([rejected]);
    givenDecider(sessionDecider, [reported('20'), rejected])
      .when(reject)
      .then([]);
  });
});
