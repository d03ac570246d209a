import { msg } from '../../shared/domain/messages';
import { isReason, requireReason } from '../../shared/domain/reason';
import { compare } from '../../shared/domain/credits';
import {
  assertNever,
  conflict,
  invalid,
  notFound,
  ruleViolated,
} from '../../shared/domain/domain-error';
import type { Decider } from '../../shared/domain/domain-event';
import type { RuleProfile } from '../../rules/rule-profiles';
import Decimal from 'decimal.js';
import {
  allocatedSamplingAlgorithm,
  type PopulationMember,
  samplingAlgorithm,
  selectionOf,
} from './sampling';
import {
  DrawData,
  type FindingRevocation,
  SpotCheckDrawn,
  SpotCheckEvent,
  SpotCheckFindingRecorded,
} from './spot-check.events';

/** Person audits: not in the seeds; bounded so that a "sample" cannot be the whole population. */
export const personSampleRateMin = '0.01';
export const personSampleRateMax = '0.5';

export interface SpotCheckState {
  draws: Map<string, DrawData>;
  findings: Map<string, SpotCheckFindingRecorded['data']>;
}

/** One finding per sampled member (project, or session for draws of sessions) and draw. */
export const findingKey = (finding: {
  spotCheckId: string;
  activityId?: string;
  sessionId?: string;
}) => `${finding.spotCheckId}/${finding.activityId ?? finding.sessionId}`;

export const spotCheckEvolver = {
  initialState: (): SpotCheckState => ({ draws: new Map(), findings: new Map() }),
  evolve(state: SpotCheckState, event: SpotCheckEvent): SpotCheckState {
    switch (event.type) {
      case 'SpotCheckDrawn':
        return { ...state, draws: new Map(state.draws).set(event.data.spotCheckId, event.data) };
      case 'SpotCheckFindingRecorded':
        return {
          ...state,
          findings: new Map(state.findings).set(findingKey(event.data), event.data),
        };
      default:
        return assertNever(event);
    }
  },
};

/** R7: the rate must lie in the profile's bounds; a second draw of the same year needs a reason. */
export function checkDraw(
  state: SpotCheckState,
  draw: Omit<
    DrawData,
    'spotCheckId' | 'selected' | 'population' | 'seed' | 'seedSource' | 'algorithm'
  >,
  profile: RuleProfile,
): string {
  if (draw.subject === 'sessions') {
    throw ruleViolated('R7', 'subject', msg('rule.spot-check-projects'));
  }
  if (draw.subject === 'projects' && !profile.spotCheckRate) {
    // R7 is Chongqing's: elsewhere the committee states the rate it set (configuration).
    if (compare(draw.rate, '0') <= 0 || compare(draw.rate, '1') > 0)
      throw invalid('rate', msg('invalid.spot-check-rate', { profile: profile.id }));
  } else if (draw.subject === 'projects' && profile.spotCheckRate) {
    const { min, max } = profile.spotCheckRate.value;
    if (compare(draw.rate, min) < 0 || compare(draw.rate, max) > 0) {
      throw ruleViolated(
        'R7',
        'rate',
        msg('rule.spot-check-rate', {
          min: String(min),
          max: String(max),
          rate: String(draw.rate),
          profile: profile.id,
        }),
      );
    }
  } else if (
    compare(draw.rate, personSampleRateMin) < 0 ||
    compare(draw.rate, personSampleRateMax) > 0
  ) {
    throw invalid(
      'rate',
      msg('invalid.person-sample-rate', {
        min: String(personSampleRateMin),
        max: String(personSampleRateMax),
      }),
    );
  }
  const earlier = [...state.draws.values()].filter((d) => d.subject === draw.subject);
  if (earlier.length > 0 && !isReason(draw.reason)) {
    throw conflict(
      msg('conflict.drawn-already', {
        jurisdiction: draw.jurisdiction,
        year: draw.year,
        spotCheckIds: earlier.map((d) => d.spotCheckId),
      }),
      'reason',
    );
  }
  return `${draw.jurisdiction}.${draw.year}.${state.draws.size + 1}`;
}

export function decideDraw(data: DrawData): SpotCheckDrawn[] {
  return [{ type: 'SpotCheckDrawn', data }];
}

export interface FindingCommand {
  spotCheckId: string;
  activityId?: string;
  sessionId?: string;
  result: 'pass' | 'fail';
  reason: string;
  failed?: string[];
  revoke?: FindingRevocation[];
}

/**
 * A finding on a sampled project (or, for draws made before R7 sampled projects, session). It
 * records what failed; it revokes only the credits the committee names, each attendee of a session
 * of that project — never everyone by default.
 */
export function decideFinding(
  state: SpotCheckState,
  finding: FindingCommand,
): SpotCheckFindingRecorded[] {
  const draw = state.draws.get(finding.spotCheckId);
  if (!draw) throw notFound('spotCheckId', msg('not-found.spot-check'));
  if (draw.subject === 'persons') throw invalid('spotCheckId', msg('invalid.finding-project-only'));
  const field = draw.subject === 'projects' ? 'activityId' : 'sessionId';
  const member = draw.subject === 'projects' ? finding.activityId : finding.sessionId;
  if (!member) throw invalid(field, msg('invalid.finding-member', { field }));
  if (!draw.selected.includes(member))
    throw invalid(field, msg('invalid.finding-not-selected', { subject: draw.subject }));
  const key = findingKey({ spotCheckId: finding.spotCheckId, [field]: member });
  if (state.findings.has(key)) throw conflict(msg('conflict.finding-recorded'), field);
  requireReason(finding.reason);
  const revoke = (finding.revoke ?? []).filter((r) => r.personIds.length > 0);
  if (revoke.length > 0 && finding.result !== 'fail')
    throw invalid('revoke', msg('invalid.finding-revoke-failed-only'));
  if (draw.subject === 'sessions' && revoke.some((r) => r.sessionId !== member))
    throw invalid('revoke', msg('invalid.finding-revoke-session'));
  return [
    {
      type: 'SpotCheckFindingRecorded',
      data: {
        spotCheckId: finding.spotCheckId,
        [field]: member,
        result: finding.result,
        reason: finding.reason.trim(),
        failed: (finding.failed ?? []).map((f) => f.trim()).filter((f) => f.length > 0),
        revokeCredits: false,
        revoke: revoke.map((r) => ({
          sessionId: r.sessionId,
          personIds: [...new Set(r.personIds)].sort(),
        })),
      },
    },
  ];
}

/** What a draw asks for (the rest of DrawData follows from the state and the population). */
export type DrawRequest = Omit<
  DrawData,
  'spotCheckId' | 'selected' | 'population' | 'seed' | 'seedSource' | 'algorithm'
>;

/** What can be asked of a jurisdiction-year's spot-check stream; all inputs come in as data. */
export type SpotCheckCommand =
  | {
      type: 'DrawSpotCheck';
      draw: DrawRequest;
      profile: RuleProfile;
      seed: string;
      seedSource: DrawData['seedSource'];
      /** The population as read from its projection, and its members to draw from. */
      population: DrawData['population'];
      members: readonly PopulationMember[];
    }
  | ({ type: 'RecordFinding' } & FindingCommand);

/** R7: a draw, numbered after the year's earlier ones, over the population it was given. */
export function decideDrawSpotCheck(
  state: SpotCheckState,
  command: Extract<SpotCheckCommand, { type: 'DrawSpotCheck' }>,
): SpotCheckDrawn[] {
  const spotCheckId = checkDraw(state, command.draw, command.profile);
  const algorithm =
    command.draw.subject === 'projects' ? allocatedSamplingAlgorithm : samplingAlgorithm;
  const selected = selectionOf(algorithm, command.members, command.draw.rate, command.seed);
  const bounds = command.profile.spotCheckRate?.value;
  if (command.draw.subject === 'projects' && command.draw.strata.length > 0 && bounds) {
    // R7 bounds hold for the whole draw, stratified or not (largest remainder keeps the total).
    const { min, max } = bounds;
    const count = command.members.length;
    const share = count === 0 ? '0' : new Decimal(selected.length).dividedBy(count).toString();
    if (count > 0 && (compare(share, min) < 0 || compare(share, max) > 0)) {
      const strata = new Set(command.members.map((m) => m.stratum)).size;
      throw ruleViolated(
        'R7',
        'strata',
        msg('rule.strata-too-many', {
          strata: command.draw.strata,
          count,
          groups: strata,
          drawn: selected.length,
          percent: new Decimal(share).times(100).toDecimalPlaces(1).toString(),
          min: String(min),
          max: String(max),
        }),
      );
    }
  }
  return decideDraw({
    ...command.draw,
    spotCheckId,
    seed: command.seed,
    seedSource: command.seedSource,
    algorithm,
    population: command.population,
    selected,
  });
}

export const spotCheckDecider: Decider<SpotCheckCommand, SpotCheckState, SpotCheckEvent> = {
  initialState: spotCheckEvolver.initialState,
  evolve: spotCheckEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'DrawSpotCheck':
        return decideDrawSpotCheck(state, command);
      case 'RecordFinding':
        return decideFinding(state, command);
      default:
        return assertNever(command);
    }
  },
};
