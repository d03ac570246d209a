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
import { handle } from '../../shared/application/handle';
import { type Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { derivedId } from '../../shared/ids';
import { populationDigest } from '../domain/sampling';
import { spotCheckDecider } from '../domain/spot-check.decider';
import {
  DrawData,
  personStrata,
  projectStrata,
  sessionStrata,
  spotCheckStreamId,
} from '../domain/spot-check.events';
import { populationNow } from '../population';
import { DrawSpotCheckRequest } from './draw-spot-check.request.dto';
import { msg } from '../../shared/domain/messages';

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
    const subject = request.subject ?? 'projects';
    const strata = request.strata ?? [];
    const allowed: readonly string[] =
      subject === 'projects'
        ? projectStrata
        : subject === 'sessions'
          ? sessionStrata
          : personStrata;
    const wrong = strata.find((s) => !allowed.includes(s));
    if (wrong) throw invalid('strata', msg('invalid.strata', { subject, allowed, wrong }));
    const profile = profileFor(request.jurisdiction, request.year);
    const rate =
      request.rate ??
      (subject === 'persons' ? personSampleRateDefault : profile.spotCheckRate?.value.default);
    if (rate === undefined)
      throw invalid('rate', msg('invalid.spot-check-rate-unset', { profile: profile.id }));
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
    return handle(
      this.store,
      spotCheckDecider,
      streamId,
      {
        type: 'DrawSpotCheck',
        draw: {
          subject,
          jurisdiction: request.jurisdiction,
          year: request.year,
          rate,
          strata,
          reason: request.reason ?? null,
        },
        profile,
        seed,
        seedSource: request.seed ? 'given' : 'ledger-digest',
        population: {
          count: population.members.length,
          digest,
          position: population.position,
          projection: population.projection,
        },
        members: population.members,
      },
      {
        metadata,
        eventId: (event) => derivedId(streamId, event.data.spotCheckId),
        occurredAt: new Date(),
        result: (_state, events) => events[0].data as DrawData,
      },
    );
  }
}
