import { msg } from '../../shared/domain/messages';
import { requireReason } from '../../shared/domain/reason';
import { checkAnnulmentCredits } from '../../activities/domain/activity.events';
import {
  assertNever,
  conflict,
  invalid,
  notFound,
  ruleViolated,
} from '../../shared/domain/domain-error';
import type { Decider } from '../../shared/domain/domain-event';
import { parseCalendarDate, shanghaiDateText } from '../../shared/domain/shanghai-time';
import {
  OrganizerEvent,
  type OrganizerProjectsAnnulled,
  SanctionImposed,
  sanctionKindsWithPeriod,
  type SanctionKind,
} from './organizer.events';

export interface Sanction {
  sanctionId: string;
  kind: SanctionKind;
  from: string;
  until: string | null;
  years: number | null;
  jurisdiction: string;
  reason: string;
  lifted: { from: string; reason: string } | null;
}

export interface OrganizerState {
  sanctions: Map<string, Sanction>;
  /** R15 annulments of a year's projects, by id. */
  annulments: Map<string, OrganizerProjectsAnnulled['data']>;
}

export const organizerEvolver = {
  initialState: (): OrganizerState => ({ sanctions: new Map(), annulments: new Map() }),
  evolve(state: OrganizerState, event: OrganizerEvent): OrganizerState {
    const sanctions = new Map(state.sanctions);
    switch (event.type) {
      case 'OrganizerProjectsAnnulled':
        return {
          ...state,
          annulments: new Map(state.annulments).set(event.data.annulmentId, event.data),
        };
      case 'SanctionImposed': {
        const { sanctionId, kind, from, until, years, jurisdiction, reason } = event.data;
        sanctions.set(sanctionId, {
          sanctionId,
          kind,
          from,
          until,
          years,
          jurisdiction,
          reason,
          lifted: null,
        });
        return { ...state, sanctions };
      }
      case 'SanctionLifted': {
        const sanction = sanctions.get(event.data.sanctionId);
        if (sanction)
          sanctions.set(sanction.sanctionId, {
            ...sanction,
            lifted: { from: event.data.from, reason: event.data.reason },
          });
        return { ...state, sanctions };
      }
      default:
        return assertNever(event);
    }
  },
};

/** The date `years` years after a calendar date (29 Feb → 1 Mar where the year has none). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(2000, m - 1, d));
  shifted.setUTCFullYear(y + years);
  return shifted.toISOString().slice(0, 10);
}

/** A jurisdiction's sanction reaches a record there; a national one (`CN`) reaches every province. */
const reaches = (sanctionJurisdiction: string, jurisdiction: string) =>
  sanctionJurisdiction === 'CN' || sanctionJurisdiction === jurisdiction;

/** The suspension or ban in force for a record in `jurisdiction` on a Shanghai calendar date. */
export function sanctionInForce(
  state: OrganizerState,
  jurisdiction: string,
  date: string,
): Sanction | null {
  for (const sanction of state.sanctions.values()) {
    if (!sanctionKindsWithPeriod.includes(sanction.kind)) continue;
    if (!reaches(sanction.jurisdiction, jurisdiction)) continue;
    const ends =
      sanction.lifted && (!sanction.until || sanction.lifted.from < sanction.until)
        ? sanction.lifted.from
        : sanction.until;
    if (sanction.from <= date && (ends === null || date < ends)) return sanction;
  }
  return null;
}

/**
 * R16: a suspended or banned organizer registers no project and schedules no session during the
 * period (checked on each date the act concerns: the day it is done, and the session's day).
 */
export function assertNoSanctionInForce(
  state: OrganizerState,
  jurisdiction: string,
  instants: Date[],
  field: string,
): void {
  for (const instant of instants) {
    const sanction = sanctionInForce(state, jurisdiction, shanghaiDateText(instant));
    if (sanction) {
      throw ruleViolated(
        'R16',
        field,
        msg('rule.organizer-sanctioned', {
          kind: sanction.kind,
          jurisdiction: sanction.jurisdiction,
          from: sanction.from,
          until: sanction.until ?? null,
          sanctionId: sanction.sanctionId,
          reason: sanction.reason,
        }),
      );
    }
  }
}

export type OrganizerCommand =
  | {
      type: 'ImposeSanction';
      sanctionId: string;
      organizerId: string;
      kind: SanctionKind;
      from: string;
      years: number | null;
      jurisdiction: string;
      reason: string;
    }
  | { type: 'LiftSanction'; sanctionId: string; organizerId: string; from: string; reason: string }
  | { type: 'AnnulProjectsOfYear'; annulment: OrganizerProjectsAnnulled['data'] };

export const sanctionYearsMax = 3;

function decideImpose(
  state: OrganizerState,
  command: Extract<OrganizerCommand, { type: 'ImposeSanction' }>,
): SanctionImposed[] {
  const existing = state.sanctions.get(command.sanctionId);
  if (existing) return []; // the same sanction again: recorded once
  if (!parseCalendarDate(command.from)) throw invalid('from', msg('invalid.from-date'));
  if (command.kind === 'national-notice' && command.jurisdiction !== 'CN') {
    throw ruleViolated('R16', 'jurisdiction', msg('rule.national-notice-cn'));
  }
  const withPeriod = sanctionKindsWithPeriod.includes(command.kind);
  if (withPeriod) {
    if (
      command.years === null ||
      !Number.isInteger(command.years) ||
      command.years < 1 ||
      command.years > sanctionYearsMax
    ) {
      throw ruleViolated(
        'R16',
        'years',
        msg('rule.sanction-years', { kind: command.kind, max: sanctionYearsMax }),
      );
    }
  } else if (command.years !== null) {
    throw invalid('years', msg('invalid.sanction-no-period', { kind: command.kind }));
  }
  return [
    {
      type: 'SanctionImposed',
      data: {
        sanctionId: command.sanctionId,
        organizerId: command.organizerId,
        kind: command.kind,
        from: command.from,
        until: withPeriod ? addYears(command.from, command.years as number) : null,
        years: withPeriod ? command.years : null,
        jurisdiction: command.jurisdiction,
        reason: command.reason,
      },
    },
  ];
}

export const organizerDecider: Decider<OrganizerCommand, OrganizerState, OrganizerEvent> = {
  initialState: organizerEvolver.initialState,
  evolve: organizerEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'ImposeSanction':
        return decideImpose(state, command);
      case 'AnnulProjectsOfYear': {
        const data = command.annulment;
        if (state.annulments.has(data.annulmentId)) return [];
        requireReason(data.reason);
        checkAnnulmentCredits(data.credits, data.revokeFrom);
        if (data.activityIds.length === 0)
          throw notFound(
            'year',
            msg('not-found.organizer-projects', {
              year: data.year,
              jurisdiction: data.jurisdiction,
            }),
          );
        return [
          { type: 'OrganizerProjectsAnnulled', data: { ...data, reason: data.reason.trim() } },
        ];
      }
      case 'LiftSanction': {
        const sanction = state.sanctions.get(command.sanctionId);
        if (!sanction) throw notFound('sanctionId', msg('not-found.sanction'));
        if (sanction.lifted) return [];
        if (!sanctionKindsWithPeriod.includes(sanction.kind))
          throw conflict(msg('conflict.sanction-no-period', { kind: sanction.kind }), 'sanctionId');
        if (!parseCalendarDate(command.from)) throw invalid('from', msg('invalid.from-date'));
        return [
          {
            type: 'SanctionLifted',
            data: {
              sanctionId: command.sanctionId,
              organizerId: command.organizerId,
              reason: command.reason,
              from: command.from,
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
};
