import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ledgerDigest } from '../../audit/verification/ledger-verifier';
import { Database, DATABASE } from '../../database/database';
import {
  decodeLogPosition,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { profileFor } from '../../rules/rule-profiles';
import { invalid } from '../../shared/domain/domain-error';
import { runCommand } from '../../shared/application/command-retry';
import { type Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { derivedId } from '../../shared/ids';
import { draw, populationDigest, samplingAlgorithm } from '../domain/sampling';
import { checkDraw, decideDraw, spotCheckEvolver } from '../domain/spot-check.decider';
import {
  DrawData,
  personStrata,
  sessionStrata,
  spotCheckStreamId,
} from '../domain/spot-check.events';
import { populationNow } from '../population';
import { DrawSpotCheckRequest } from './draw-spot-check.request.dto';

/** Default share for person audits (not in the seeds). */
export const personSampleRateDefault = '0.05';

export class DrawSpotCheck extends Command<DrawData> {
  constructor(
    readonly request: DrawSpotCheckRequest,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(DrawSpotCheck)
export class DrawSpotCheckHandler implements ICommandHandler<DrawSpotCheck> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async execute({ request, actor, metadata }: DrawSpotCheck): Promise<DrawData> {
    authorize(actor, { jurisdiction: request.jurisdiction });
    const subject = request.subject ?? 'sessions';
    const strata = request.strata ?? [];
    const allowed: readonly string[] = subject === 'sessions' ? sessionStrata : personStrata;
    const wrong = strata.find((s) => !allowed.includes(s));
    if (wrong)
      throw invalid(
        'strata',
        `${subject} may be stratified by ${allowed.join(', ')}, not ${wrong}`,
      );
    const profile = profileFor(request.jurisdiction, request.year);
    const rate =
      request.rate ??
      (subject === 'sessions' ? profile.spotCheckRate.value.default : personSampleRateDefault);
    const population = await populationNow(
      this.database,
      subject,
      request.jurisdiction,
      request.year,
      strata,
    );
    const seed =
      request.seed ?? (await ledgerDigest(this.store, decodeLogPosition(population.position))).root;
    const digest = populationDigest(population.members);
    const streamId = spotCheckStreamId(request.jurisdiction, request.year);
    return runCommand(
      this.store,
      streamId,
      spotCheckEvolver,
      (state) => {
        const base = {
          subject,
          jurisdiction: request.jurisdiction,
          year: request.year,
          rate,
          strata,
          reason: request.reason ?? null,
        };
        const spotCheckId = checkDraw(state, base, profile);
        const data: DrawData = {
          ...base,
          spotCheckId,
          seed,
          seedSource: request.seed ? 'given' : 'ledger-digest',
          algorithm: samplingAlgorithm,
          population: {
            count: population.members.length,
            digest,
            position: population.position,
            projection: population.projection,
          },
          selected: draw(population.members, rate, seed),
        };
        return {
          events: decideDraw(data).map((event) => ({
            event,
            eventId: derivedId(streamId, spotCheckId),
            occurredAt: new Date(),
          })),
          result: data,
        };
      },
      metadata,
    );
  }
}
