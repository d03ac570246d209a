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
import { draw, type PopulationMember, samplingAlgorithm } from './sampling';
import {
  DrawData,
  SpotCheckDrawn,
  SpotCheckEvent,
  SpotCheckFindingRecorded,
} from './spot-check.events';

/** Person audits: not in the seeds; bounded so that a "sample" cannot be the whole population. */
export const personSampleRateMin = '0.01';
export const personSampleRateMax = '0.5';
export const reasonLengthMin = 8;

export interface SpotCheckState {
  draws: Map<string, DrawData>;
  findings: Map<string, SpotCheckFindingRecorded['data']>;
}

export const spotCheckEvolver = {
  initialState: (): SpotCheckState => ({ draws: new Map(), findings: new Map() }),
  evolve(state: SpotCheckState, event: SpotCheckEvent): SpotCheckState {
    switch (event.type) {
      case 'SpotCheckDrawn':
        return { ...state, draws: new Map(state.draws).set(event.data.spotCheckId, event.data) };
      case 'SpotCheckFindingRecorded':
        return {
          ...state,
          findings: new Map(state.findings).set(
            `${event.data.spotCheckId}/${event.data.sessionId}`,
            event.data,
          ),
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
  if (draw.subject === 'sessions' && !profile.spotCheckRate) {
    // R7 is Chongqing's: elsewhere the committee states the rate it set (configuration).
    if (compare(draw.rate, '0') <= 0 || compare(draw.rate, '1') > 0)
      throw invalid('rate', `rate must be more than 0 and at most 1 (${profile.id} sets no rate)`);
  } else if (draw.subject === 'sessions' && profile.spotCheckRate) {
    const { min, max } = profile.spotCheckRate.value;
    if (compare(draw.rate, min) < 0 || compare(draw.rate, max) > 0) {
      throw ruleViolated(
        'R7',
        'rate',
        `committees spot-check ${min}–${max} of the year's projects; ${draw.rate} is outside (${profile.id})`,
      );
    }
  } else if (
    compare(draw.rate, personSampleRateMin) < 0 ||
    compare(draw.rate, personSampleRateMax) > 0
  ) {
    throw invalid(
      'rate',
      `a person sample takes ${personSampleRateMin}–${personSampleRateMax} of the people`,
    );
  }
  const earlier = [...state.draws.values()].filter((d) => d.subject === draw.subject);
  if (earlier.length > 0 && (!draw.reason || draw.reason.trim().length < reasonLengthMin)) {
    throw conflict(
      `${draw.jurisdiction} ${draw.year} was already drawn (${earlier.map((d) => d.spotCheckId).join(', ')}); drawing again needs a reason, and both draws stay visible`,
      'reason',
    );
  }
  return `${draw.jurisdiction}.${draw.year}.${state.draws.size + 1}`;
}

export function decideDraw(data: DrawData): SpotCheckDrawn[] {
  return [{ type: 'SpotCheckDrawn', data }];
}

export function decideFinding(
  state: SpotCheckState,
  finding: {
    spotCheckId: string;
    sessionId: string;
    result: 'pass' | 'fail';
    reason: string;
    revokeCredits: boolean;
  },
): SpotCheckFindingRecorded[] {
  const draw = state.draws.get(finding.spotCheckId);
  if (!draw) throw notFound('spotCheckId', 'no such spot check');
  if (draw.subject !== 'sessions')
    throw invalid('spotCheckId', 'findings are recorded on session spot checks');
  if (!draw.selected.includes(finding.sessionId))
    throw invalid('sessionId', 'this session was not selected by the draw');
  if (state.findings.has(`${finding.spotCheckId}/${finding.sessionId}`))
    throw conflict('a finding was already recorded for this session', 'sessionId');
  if (finding.reason.trim().length < reasonLengthMin)
    throw invalid('reason', `reason must be a sentence (at least ${reasonLengthMin} characters)`);
  return [
    {
      type: 'SpotCheckFindingRecorded',
      data: {
        ...finding,
        reason: finding.reason.trim(),
        revokeCredits: finding.result === 'fail' && finding.revokeCredits,
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
  | {
      type: 'RecordFinding';
      spotCheckId: string;
      sessionId: string;
      result: 'pass' | 'fail';
      reason: string;
      revokeCredits: boolean;
    };

/** R7: a draw, numbered after the year's earlier ones, over the population it was given. */
export function decideDrawSpotCheck(
  state: SpotCheckState,
  command: Extract<SpotCheckCommand, { type: 'DrawSpotCheck' }>,
): SpotCheckDrawn[] {
  const spotCheckId = checkDraw(state, command.draw, command.profile);
  return decideDraw({
    ...command.draw,
    spotCheckId,
    seed: command.seed,
    seedSource: command.seedSource,
    algorithm: samplingAlgorithm,
    population: command.population,
    selected: draw(command.members, command.draw.rate, command.seed),
  });
}

export const spotCheckDecider: Decider<SpotCheckCommand, SpotCheckState, SpotCheckEvent> = {
  initialState: spotCheckEvolver.initialState,
  evolve: spotCheckEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'DrawSpotCheck':
        return decideDrawSpotCheck(state, command);
      case 'RecordFinding': {
        const { spotCheckId, sessionId, result, reason, revokeCredits } = command;
        return decideFinding(state, { spotCheckId, sessionId, result, reason, revokeCredits });
      }
      default:
        return assertNever(command);
    }
  },
};
