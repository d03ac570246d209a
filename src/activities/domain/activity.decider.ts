import { compare, isPositive } from '../../shared/domain/credits';
import {
  assertNever,
  conflict,
  invalid,
  notFound,
  ruleViolated,
} from '../../shared/domain/domain-error';
import { creditYearOf, profileFor } from '../../rules/rule-profiles';
import type { Decider } from '../../shared/domain/domain-event';
import {
  ActivityDetails,
  ActivityEvent,
  type ActivityKind,
  type ActivityLevel,
  SessionScheduled,
} from './activity.events';

export const activityCreditsMax = '50';
export const activityHoursMax = '2000';
export const sessionDurationDaysMax = 366;
export const reasonLengthMin = 8;
/** Kinds that run sessions people attend and scan into. */
export const kindsWithSessions = new Set(['project', 'internal-training']);

export interface ScheduledSession {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  location: string;
  creditYear: number;
}

export interface ActivityState {
  details: ActivityDetails | null;
  sessions: Map<string, ScheduledSession>;
  annulled: { reason: string; annulledAt: string } | null;
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
        const { sessionId, startsAt, endsAt, location, creditYear } = event.data;
        sessions.set(sessionId, { sessionId, startsAt, endsAt, location, creditYear });
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
): { field: 'kind' | 'level'; message: string } | null {
  if (role !== 'employer') return null;
  if (!employerRegistrableKinds.includes(details.kind))
    return {
      field: 'kind',
      message: `an employer registers only its own ${employerRegistrableKinds.join(', ')} activities`,
    };
  if (!employerRegistrableLevels.includes(details.level))
    return {
      field: 'level',
      message: `an employer registers activities at level ${employerRegistrableLevels.join(', ')} only`,
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
    throw invalid('code', 'code must look like 2024-04-01-123(国)');
  }
  if (details.kind === 'project' && !details.code)
    throw invalid('code', 'a project needs its project code (项目编号)');
  if (!isPositive(details.credits) || compare(details.credits, activityCreditsMax) > 0) {
    throw invalid('credits', `credits must be more than 0 and at most ${activityCreditsMax}`);
  }
  if (!isPositive(details.hours) || compare(details.hours, activityHoursMax) > 0) {
    throw invalid('hours', `hours must be more than 0 and at most ${activityHoursMax}`);
  }
}

export function decideScheduleSession(
  state: ActivityState,
  command: { sessionId: string; startsAt: Date; endsAt: Date; location: string },
): SessionScheduled {
  const details = state.details;
  if (!details) throw notFound('activityId', 'no such activity');
  if (state.annulled) throw conflict(`the activity was annulled: ${state.annulled.reason}`);
  if (!kindsWithSessions.has(details.kind)) {
    throw invalid(
      'activityId',
      `a ${details.kind} activity has no sessions; grant its credits with POST /credits`,
    );
  }
  if (command.endsAt.getTime() <= command.startsAt.getTime())
    throw invalid('endsAt', 'endsAt must be after startsAt');
  if (command.endsAt.getTime() - command.startsAt.getTime() > sessionDurationDaysMax * 86_400_000) {
    throw invalid('endsAt', `a session lasts at most ${sessionDurationDaysMax} days`);
  }
  const creditYear = creditYearOf(details.jurisdiction, command.startsAt);
  const profile = profileFor(details.jurisdiction, creditYear);
  if (details.kind === 'project' && details.level === 'national') {
    const max = profile.nationalProjectSessionsPerYearMax.value;
    const held = [...state.sessions.values()].filter((s) => s.creditYear === creditYear).length;
    if (held >= max) {
      throw ruleViolated(
        'R13',
        'startsAt',
        `a national project holds at most ${max} sessions a year; ${creditYear} has ${held}`,
      );
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
    },
  };
}

export function decideAnnul(
  state: ActivityState,
  command: { reason: string; now: Date },
): ActivityEvent[] {
  if (!state.details) throw notFound('activityId', 'no such activity');
  if (state.annulled) return []; // already annulled: nothing new to record
  if (command.reason.trim().length < reasonLengthMin) {
    throw invalid('reason', `reason must be a sentence (at least ${reasonLengthMin} characters)`);
  }
  return [
    {
      type: 'ActivityAnnulled',
      data: { reason: command.reason.trim(), annulledAt: command.now.toISOString() },
    },
  ];
}

/** What can be asked of an activity's stream; time and ids come in as data. */
export type ActivityCommand =
  | { type: 'RegisterActivity'; details: ActivityDetails }
  | {
      type: 'ScheduleSession';
      sessionId: string;
      startsAt: Date;
      endsAt: Date;
      location: string;
    }
  | { type: 'AnnulActivity'; reason: string; now: Date };

export function decideRegisterActivity(
  state: ActivityState,
  command: { details: ActivityDetails },
): ActivityEvent[] {
  checkActivityDetails(command.details);
  if (state.details) throw conflict('an activity with this id exists already');
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
