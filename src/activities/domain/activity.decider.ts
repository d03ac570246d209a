import { type Message, msg } from '../../shared/domain/messages';
import { requireReason } from '../../shared/domain/reason';
import { compare, isPositive } from '../../shared/domain/credits';
import {
  assertNever,
  conflict,
  invalid,
  notFound,
  ruleViolated,
} from '../../shared/domain/domain-error';
import { type FilingFlag, lateFilings } from '../../rules/process-deadlines';
import { creditYearOf, profileFor } from '../../rules/rule-profiles';
import type { Decider } from '../../shared/domain/domain-event';
import { shanghaiDate, shanghaiDateText } from '../../shared/domain/shanghai-time';
import {
  assertNoSanctionInForce,
  type OrganizerState,
} from '../../organizers/domain/organizer.decider';
import {
  ActivityAnnulled,
  ActivityDetails,
  ActivityEvent,
  type ActivityKind,
  type ActivityLevel,
  type AnnulmentCredits,
  checkAnnulmentCredits,
  SessionScheduled,
} from './activity.events';

export const activityCreditsMax = '50';
export const activityHoursMax = '2000';
export const sessionDurationDaysMax = 366;
/** R13 (004 §六.6): 每项国家级继续医学教育项目最多可申请 6 期（次）. */
export const nationalProjectSessionsMax = 6;

/** The year of a project's list, the first four digits of its code (2026-04-01-123(国) → 2026). */
export function projectYearOf(details: ActivityDetails): number | null {
  if (details.kind !== 'project' || !details.code) return null;
  const year = Number(details.code.slice(0, 4));
  return Number.isInteger(year) ? year : null;
}
/** Kinds that run sessions people attend and scan into. */
export const kindsWithSessions = new Set(['project', 'internal-training']);

export interface ScheduledSession {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  location: string;
  creditYear: number;
  /** R14: filing rules it was scheduled too late for. */
  filing?: FilingFlag[];
}

export interface ActivityState {
  details: ActivityDetails | null;
  sessions: Map<string, ScheduledSession>;
  annulled: ActivityAnnulled['data'] | null;
}

/**
 * R15: whether an annulment takes back the credits of a session that started at `sessionStartsAt`
 * (the committee's stated choice; annulments from before the choice took back every credit).
 */
export function annulmentRevokes(
  annulment: Pick<ActivityAnnulled['data'], 'credits' | 'revokeFrom'>,
  sessionStartsAt: string,
): boolean {
  if (annulment.credits === 'keep') return false;
  if (!annulment.revokeFrom) return true;
  return shanghaiDateText(new Date(sessionStartsAt)) >= annulment.revokeFrom;
}

export const activityEvolver = {
  initialState: (): ActivityState => ({ details: null, sessions: new Map(), annulled: null }),
  evolve(state: ActivityState, event: ActivityEvent): ActivityState {
    switch (event.type) {
      case 'ActivityRegistered':
        return { ...state, details: event.data };
      case 'SessionScheduled': {
        if (!state.details) throw new Error('invariant: a session needs a registered activity');
        const sessions = new Map(state.sessions);
        const { sessionId, startsAt, endsAt, location, creditYear, filing } = event.data;
        sessions.set(sessionId, {
          sessionId,
          startsAt,
          endsAt,
          location,
          creditYear,
          ...(filing && filing.length > 0 ? { filing } : {}),
        });
        return { ...state, sessions };
      }
      case 'ActivityAnnulled':
        return { ...state, annulled: event.data };
      default:
        return assertNever(event);
    }
  },
};

/**
 * What an employer (a unit, 单位) may register itself: its own non-project activities, at unit
 * level. Projects are approved and registered by the health commissions (committees); special
 * training is registered by the provincial health commission (R11).
 */
export const employerRegistrableKinds: readonly ActivityKind[] = [
  'internal-training',
  'advanced-study',
  'mentorship',
  'degree-education',
  'self-study',
  'publication',
];
export const employerRegistrableLevels: readonly ActivityLevel[] = ['unit'];

/** Why this role may not register this activity, with the field; null when it may. */
export function registrationRefusal(
  role: string,
  details: Pick<ActivityDetails, 'kind' | 'level'>,
): { field: 'kind' | 'level'; message: Message } | null {
  if (role !== 'employer') return null;
  if (!employerRegistrableKinds.includes(details.kind))
    return {
      field: 'kind',
      message: msg('forbidden.employer-kind', { kinds: employerRegistrableKinds }),
    };
  if (!employerRegistrableLevels.includes(details.level))
    return {
      field: 'level',
      message: msg('forbidden.employer-level', { levels: employerRegistrableLevels }),
    };
  return null;
}

/** Checks of an activity's own fields (the DTO has checked shapes and enums). */
export function checkActivityDetails(details: ActivityDetails): void {
  if (
    details.kind === 'project' &&
    details.code &&
    !/^\d{4}-\d{2}-\d{2}-\d{3}/.test(details.code)
  ) {
    throw invalid('code', msg('invalid.project-code'));
  }
  if (details.kind === 'project' && !details.code)
    throw invalid('code', msg('invalid.project-code-needed'));
  const declared = details.sessionsDeclared;
  if (
    declared !== undefined &&
    declared !== null &&
    (!Number.isInteger(declared) || declared < 1)
  ) {
    throw invalid('sessionsDeclared', msg('invalid.sessions-declared'));
  }
  if (details.kind === 'project' && details.level === 'national') {
    if (declared === undefined || declared === null) {
      throw ruleViolated('R13', 'sessionsDeclared', msg('rule.national-sessions-declared'));
    }
    if (declared > nationalProjectSessionsMax) {
      throw ruleViolated(
        'R13',
        'sessionsDeclared',
        msg('rule.national-sessions-max', { max: nationalProjectSessionsMax }),
      );
    }
  }
  if (!isPositive(details.credits) || compare(details.credits, activityCreditsMax) > 0) {
    throw invalid('credits', msg('invalid.credits-range', { max: String(activityCreditsMax) }));
  }
  if (!isPositive(details.hours) || compare(details.hours, activityHoursMax) > 0) {
    throw invalid('hours', msg('invalid.hours-range', { max: String(activityHoursMax) }));
  }
}

export interface ScheduleSessionCommand {
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  /** The organizer's sanctions (R16), read from its own stream. */
  organizer: OrganizerState;
  now: Date;
}

export function decideScheduleSession(
  state: ActivityState,
  command: ScheduleSessionCommand,
): SessionScheduled {
  const details = state.details;
  if (!details) throw notFound('activityId', msg('not-found.activity'));
  if (state.annulled)
    throw conflict(msg('conflict.activity-annulled', { reason: state.annulled.reason }));
  if (!kindsWithSessions.has(details.kind)) {
    throw invalid('activityId', msg('invalid.no-sessions', { kind: details.kind }));
  }
  if (command.endsAt.getTime() <= command.startsAt.getTime())
    throw invalid('endsAt', msg('invalid.ends-after-starts'));
  if (command.endsAt.getTime() - command.startsAt.getTime() > sessionDurationDaysMax * 86_400_000) {
    throw invalid('endsAt', msg('invalid.session-days-max', { days: sessionDurationDaysMax }));
  }
  assertNoSanctionInForce(
    command.organizer,
    details.jurisdiction,
    [command.now, command.startsAt],
    'organizerId',
  );
  const creditYear = creditYearOf(details.jurisdiction, command.startsAt);
  const profile = profileFor(details.jurisdiction, creditYear);
  const projectYear = projectYearOf(details);
  if (projectYear !== null) {
    // R13: sessions are held in the year the project was published for (its code's year, by the
    // Shanghai calendar), no more of them than declared at application.
    const year = shanghaiDate(command.startsAt).year;
    if (year !== projectYear) {
      throw ruleViolated(
        'R13',
        'startsAt',
        msg('rule.project-year', { code: details.code ?? '', projectYear, year }),
      );
    }
    const national = details.level === 'national';
    const declared = details.sessionsDeclared ?? null;
    const max = national
      ? Math.min(
          declared ?? profile.nationalProjectSessionsPerYearMax.value,
          profile.nationalProjectSessionsPerYearMax.value,
        )
      : declared;
    if (max !== null) {
      const held = [...state.sessions.values()].filter(
        (s) => shanghaiDate(new Date(s.startsAt)).year === projectYear,
      ).length;
      if (held >= max) {
        throw ruleViolated(
          'R13',
          'startsAt',
          declared !== null
            ? msg('rule.sessions-declared-held', { declared, year: projectYear, held })
            : msg('rule.national-sessions-held', { max, year: projectYear, held }),
        );
      }
    }
  }
  return {
    type: 'SessionScheduled',
    data: {
      sessionId: command.sessionId,
      startsAt: command.startsAt.toISOString(),
      endsAt: command.endsAt.toISOString(),
      location: command.location,
      creditYear,
      profileId: profile.id,
      filing:
        details.kind === 'project'
          ? lateFilings(
              profile,
              {
                level: details.level,
                outsideOrganizer:
                  !!details.organizerJurisdiction &&
                  details.organizerJurisdiction !== details.jurisdiction,
              },
              command.startsAt,
              command.now,
            )
          : [],
    },
  };
}

export interface AnnulCommand {
  reason: string;
  now: Date;
  credits: AnnulmentCredits;
  revokeFrom: string | null;
  organizerAnnulment?: ActivityAnnulled['data']['organizerAnnulment'];
}

export function decideAnnul(state: ActivityState, command: AnnulCommand): ActivityEvent[] {
  if (!state.details) throw notFound('activityId', msg('not-found.activity'));
  if (state.annulled) return []; // already annulled: nothing new to record
  requireReason(command.reason);
  checkAnnulmentCredits(command.credits, command.revokeFrom);
  const cancelledSessions = [...state.sessions.values()]
    .filter((s) => Date.parse(s.startsAt) > command.now.getTime())
    .map((s) => s.sessionId);
  return [
    {
      type: 'ActivityAnnulled',
      data: {
        reason: command.reason.trim(),
        annulledAt: command.now.toISOString(),
        credits: command.credits,
        revokeFrom: command.revokeFrom,
        cancelledSessions,
        organizerAnnulment: command.organizerAnnulment ?? null,
      },
    },
  ];
}

/** What can be asked of an activity's stream; time and ids come in as data. */
export type ActivityCommand =
  | { type: 'RegisterActivity'; details: ActivityDetails; organizer: OrganizerState; now: Date }
  | ({ type: 'ScheduleSession' } & ScheduleSessionCommand)
  | ({ type: 'AnnulActivity' } & AnnulCommand);

export function decideRegisterActivity(
  state: ActivityState,
  command: { details: ActivityDetails; organizer: OrganizerState; now: Date },
): ActivityEvent[] {
  checkActivityDetails(command.details);
  if (state.details) throw conflict(msg('conflict.activity-exists'));
  // R16: a suspended or banned organizer registers no project during the period.
  assertNoSanctionInForce(
    command.organizer,
    command.details.jurisdiction,
    [command.now],
    'organizerId',
  );
  return [{ type: 'ActivityRegistered', data: command.details }];
}

export const activityDecider: Decider<ActivityCommand, ActivityState, ActivityEvent> = {
  initialState: activityEvolver.initialState,
  evolve: activityEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterActivity':
        return decideRegisterActivity(state, command);
      case 'ScheduleSession':
        return [decideScheduleSession(state, command)];
      case 'AnnulActivity':
        return decideAnnul(state, command);
      default:
        return assertNever(command);
    }
  },
};
