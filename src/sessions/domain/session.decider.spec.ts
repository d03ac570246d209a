import { given, givenDecider } from '../../../test/support/given-when-then';
import type { ActivityDetails } from '../../activities/domain/activity.events';
import { reportDueBy } from '../../rules/process-deadlines';
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
          evaluationLevels: [1, 2, 3],
        }),
      )
      .then((event) => expect(event.data).toMatchObject({ late: true, daysAfterSession: 15 }));
  });

  const submit = (over: Partial<Parameters<typeof decideSubmitReport>[2]> = {}) => ({
    hoursTaught: '20',
    submittedAt: new Date('2026-05-11T02:00:00Z'),
    now: new Date('2026-06-01T00:00:00Z'),
    evaluationLevels: [1, 2, 3],
    ...over,
  });

  it('seed 002 项目举办结束后2周内报送执行情况 (R14): due by the end of the 14th Shanghai day after the session, one definition for the decider and the traces', () => {
    // The session ends 2026-05-10 17:30 +08:00; the 14th day after is 24 May, to its last instant.
    const onTime = decideSubmitReport(
      given(sessionEvolver).state,
      context,
      submit({ submittedAt: new Date('2026-05-24T23:59:00+08:00') }),
    );
    expect(onTime.data).toMatchObject({
      late: false,
      daysAfterSession: 14,
      dueBy: '2026-05-24T15:59:59.999Z',
      flags: [],
    });
    expect(reportDueBy(new Date(context.session.endsAt), context.profile).toISOString()).toBe(
      onTime.data.dueBy,
    );
    const late = decideSubmitReport(
      given(sessionEvolver).state,
      context,
      submit({ submittedAt: new Date('2026-05-25T00:00:00+08:00') }),
    );
    expect(late.data).toMatchObject({ late: true, flags: [{ rule: 'R14', code: 'late' }] });
    // 002: 审核单位在收到申办单位汇报执行情况 2 周内予以审核 — the review's due date goes with the report.
    expect(late.data.reviewDueBy).toBe('2026-06-08T15:59:59.999Z');
  });

  it('seed 004 §六.5 其中（1）～（3）是针对所有项目的基本要求 (R17): a project report without evaluation levels 1–3 is refused; internal training needs none', () => {
    given(sessionEvolver)
      .when((s) => decideSubmitReport(s, context, submit({ evaluationLevels: [1, 2] })))
      .thenRefuses({ kind: 'rule', rule: 'R17', field: 'evaluationLevels' });
    given(sessionEvolver)
      .when((s) => decideSubmitReport(s, context, submit({ evaluationLevels: undefined })))
      .thenRefuses({ rule: 'R17', field: 'evaluationLevels' });
    given(sessionEvolver)
      .when((s) => decideSubmitReport(s, context, submit({ evaluationLevels: [1, 2, 3, 8] })))
      .thenRefuses({ kind: 'invalid', field: 'evaluationLevels' });
    expect(
      decideSubmitReport(
        given(sessionEvolver).state,
        context,
        submit({ evaluationLevels: [5, 3, 1, 2, 3] }),
      ).data.evaluationLevels,
    ).toEqual([1, 2, 3, 5]);
    const internal = { ...context, activity: { ...activity, kind: 'internal-training' as const } };
    expect(
      decideSubmitReport(given(sessionEvolver).state, internal, submit({ evaluationLevels: [] }))
        .type,
    ).toBe('ExecutionReportSubmitted');
  });

  it('seed 004 §六.4 变动范围应控制在30%以内，且新更换的授课教师职称原则上不得低于原授课教师 (R12): over 30 % of teachers or content changed, or a lower-titled replacement, is flagged — and credits still follow the hours taught', () => {
    const changed = decideSubmitReport(
      given(sessionEvolver).state,
      context,
      submit({
        hoursTaught: '18',
        changes: {
          teachersChangedShare: '0.4',
          contentChangedShare: '0.3',
          replacements: [
            { replacedTitle: 'senior', replacementTitle: 'senior' },
            { replacedTitle: 'associate-senior', replacementTitle: 'intermediate' },
          ],
        },
      }),
    );
    expect(changed.data.flags).toEqual([
      { rule: 'R12', code: 'teachers-changed-over-share' },
      { rule: 'R12', code: 'replacement-title-lower' },
    ]);
    expect(changed.data.changes?.replacements).toHaveLength(2);
    const within = decideSubmitReport(
      given(sessionEvolver).state,
      context,
      submit({
        changes: {
          teachersChangedShare: '0.3',
          contentChangedShare: '0.2',
          replacements: [{ replacedTitle: 'intermediate', replacementTitle: 'senior' }],
        },
      }),
    );
    expect(within.data.flags).toEqual([]);
    given(sessionEvolver)
      .when((s) =>
        decideSubmitReport(
          s,
          context,
          submit({
            changes: { teachersChangedShare: '1.5', contentChangedShare: '0', replacements: [] },
          }),
        ),
      )
      .thenRefuses({ field: 'changes.teachersChangedShare' });
    given(sessionEvolver, [scanned('p1'), { ...changed } as SessionEvent])
      .when((s) => decideReport(s, context, { approve: true, reason: null, creditIdOf }))
      .then(([event]) =>
        expect((event.data as { creditsPerAttendee: string }).creditsPerAttendee).toBe('9'),
      );
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
      evaluationLevels: [1, 2, 3],
    };
    givenDecider(sessionDecider)
      .when(command)
      .then([
        {
          type: 'ExecutionReportSubmitted',
          data: {
            ...reported('20').data,
            sessionId: 's-1',
            activityId: 'a-1',
            dueBy: '2026-05-24T15:59:59.999Z',
            reviewDueBy: '2026-05-25T15:59:59.999Z',
            evaluationLevels: [1, 2, 3],
            flags: [],
          },
        } as SessionEvent,
      ]);
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
      data: {
        reason: 'the hours do not match the sign-in sheet',
        sessionId: 's-1',
        activityId: 'a-1',
      },
    };
    givenDecider(sessionDecider, [reported('20')])
      .when(reject)
      .then([rejected]);
    givenDecider(sessionDecider, [reported('20'), rejected])
      .when(reject)
      .then([]);
  });
});
