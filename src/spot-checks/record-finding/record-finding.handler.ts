import { Inject } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import {
  type CreditEffects,
  creditEffectsReactorName,
} from '../../reactors/credit-effects.reactor';
import { REACTIONS, type Reactions } from '../../reactors/reactions';
import { handle } from '../../shared/application/handle';
import { type Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeIdPattern, IsOmittable } from '../../shared/http/validators';
import { derivedId } from '../../shared/ids';
import { spotCheckDecider } from '../domain/spot-check.decider';
import type { SpotCheckFindingRecorded } from '../domain/spot-check.events';
import { spotCheckStreamOf } from '../spot-check-id';

export class RecordFindingRequest {
  @ApiProperty()
  @Matches(compositeIdPattern, { message: 'sessionId must be a session id' })
  sessionId!: string;

  @ApiProperty({ enum: ['pass', 'fail'] })
  @IsIn(['pass', 'fail'])
  result!: 'pass' | 'fail';

  @ApiProperty({ example: 'sign-in sheets do not match the scans; 12 attendees were not present' })
  @IsString()
  @Length(8, 2000, { message: 'reason must be a sentence (8–2000 characters)' })
  reason!: string;

  @ApiPropertyOptional({
    default: true,
    description: "On a failed finding, revoke the session's credits",
  })
  @IsOmittable()
  @IsBoolean()
  revokeCredits?: boolean;
}

export interface FindingResult {
  spotCheckId: string;
  sessionId: string;
  result: 'pass' | 'fail';
  /** Whether the revocations are in the log yet (null when the finding revokes nothing). */
  revocations: 'recorded' | 'pending' | 'refused' | null;
  revokedCredits: string[];
  /** People whose year fell below its minimum because of this finding. */
  peopleNowShort: { personId: string; year: number; reasons: string[] }[];
}

export class RecordFinding extends Command<FindingResult> {
  constructor(
    readonly spotCheckId: string,
    readonly request: RecordFindingRequest,
    readonly actor: Actor,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * A finding on a sampled session: one event on the jurisdiction-year's spot-check stream. A failed
 * one can revoke that session's credits: the credit-effects reactor appends each revocation, a
 * compensating event on the person's stream that names the finding as its cause.
 */
@CommandHandler(RecordFinding)
export class RecordFindingHandler implements ICommandHandler<RecordFinding> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REACTIONS) private readonly reactions: Reactions,
  ) {}

  async execute({ spotCheckId, request, actor, metadata }: RecordFinding): Promise<FindingResult> {
    const { streamId, jurisdiction } = spotCheckStreamOf(spotCheckId);
    authorize(actor, { jurisdiction: jurisdiction });
    const findingEventId = derivedId(spotCheckId, request.sessionId, 'finding');
    const { finding, version } = await handle(
      this.store,
      spotCheckDecider,
      streamId,
      {
        type: 'RecordFinding',
        spotCheckId,
        sessionId: request.sessionId,
        result: request.result,
        reason: request.reason,
        revokeCredits: request.revokeCredits ?? true,
      },
      {
        metadata,
        eventId: () => findingEventId,
        occurredAt: new Date(),
        result: (_state, events, loaded) => ({
          finding: (events[0] as SpotCheckFindingRecorded).data,
          version: loaded.version + 1,
        }),
      },
    );
    if (!finding.revokeCredits)
      return {
        spotCheckId,
        sessionId: request.sessionId,
        result: request.result,
        revocations: null,
        revokedCredits: [],
        peopleNowShort: [],
      };
    // The revocations follow from the finding in the log (the credit-effects reactor).
    const reaction = await this.reactions.awaitReaction<CreditEffects>({
      reactor: creditEffectsReactorName,
      eventId: findingEventId,
      streamId,
      version,
    });
    const outcome =
      reaction.status === 'done' && reaction.outcome?.kind === 'revoked' ? reaction.outcome : null;
    return {
      spotCheckId,
      sessionId: request.sessionId,
      result: request.result,
      revocations: reaction.status === 'done' ? 'recorded' : reaction.status,
      revokedCredits: outcome?.revokedCredits ?? [],
      peopleNowShort: outcome?.peopleNowShort ?? [],
    };
  }
}
