import { msg } from '../../shared/domain/messages';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ledgerDigest } from '../../audit/verification/ledger-verifier';
import {
  decodeLogPosition,
  EVENT_STORE,
  type EventStore,
} from '../../event-store/event-store.port';
import { notFound } from '../../shared/domain/domain-error';
import { loadState } from '../../shared/application/state-cache';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { populationDigest, selectionOf } from '../domain/sampling';
import { spotCheckEvolver } from '../domain/spot-check.decider';
import { populationAt } from '../population';
import { SpotCheckParams, spotCheckStreamOf } from '../spot-check-id';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { SpotCheckResponse, SpotCheckVerificationResponse } from '../spot-check.response.dto';

@ApiTags('spot-checks')
@Controller('spot-checks/:spotCheckId')
export class GetSpotCheckController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private async load(spotCheckId: string, actor: Actor) {
    const { streamId, jurisdiction } = spotCheckStreamOf(spotCheckId);
    authorize(actor, { jurisdiction: jurisdiction });
    const { state } = await loadState(this.store, streamId, spotCheckEvolver);
    const drawn = state.draws.get(spotCheckId);
    if (!drawn) throw notFound('spotCheckId', msg('not-found.spot-check'));
    return { state, drawn };
  }

  @Get()
  @Access('spot-checks.read')
  @ApiOperation({
    summary: 'A draw with its recorded inputs, its selection and the findings so far',
  })
  @ApiOkResponse({ type: SpotCheckResponse })
  @ApiErrorResponses(...recordErrors)
  async get(@Param() params: SpotCheckParams, @CurrentActor() actor: Actor) {
    const { state, drawn } = await this.load(params.spotCheckId, actor);
    const findings = [...state.findings.values()].filter(
      (f) => f.spotCheckId === params.spotCheckId,
    );
    const otherDraws = [...state.draws.keys()].filter((id) => id !== params.spotCheckId);
    return { ...drawn, findings, otherDrawsOfTheYear: otherDraws };
  }

  @Get('verification')
  @Access('spot-checks.read')
  @ApiOperation({
    summary:
      'Recompute the population from the log at the recorded position, then the draw; say whether both match',
  })
  @ApiOkResponse({ type: SpotCheckVerificationResponse })
  @ApiErrorResponses(...recordErrors)
  async verify(@Param() params: SpotCheckParams, @CurrentActor() actor: Actor) {
    const { drawn } = await this.load(params.spotCheckId, actor);
    const position = decodeLogPosition(drawn.population.position);
    const population = await populationAt(
      this.store,
      drawn.subject,
      drawn.jurisdiction,
      drawn.year,
      drawn.strata,
      position,
    );
    const digest = populationDigest(population.members);
    const selected = selectionOf(drawn.algorithm, population.members, drawn.rate, drawn.seed);
    const checks = {
      population: digest === drawn.population.digest,
      selection: JSON.stringify(selected) === JSON.stringify(drawn.selected),
      seed:
        drawn.seedSource === 'ledger-digest'
          ? (await ledgerDigest(this.store, position)).root === drawn.seed
          : null,
    };
    return {
      spotCheckId: params.spotCheckId,
      matches: checks.population && checks.selection && checks.seed !== false,
      checks,
      recomputed: {
        populationCount: population.members.length,
        populationDigest: digest,
        selected,
      },
    };
  }
}
