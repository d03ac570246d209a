import { IsReason } from '../../shared/http/reason';
import { Inject } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { sessionEvolver } from '../../sessions/domain/session.decider';
import { sessionStreamId } from '../../sessions/domain/session.events';
import { loadState } from '../../shared/application/state-cache';
import { invalid } from '../../shared/domain/domain-error';
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
import { derivedId, splitCompositeId } from '../../shared/ids';
import { spotCheckDecider } from '../domain/spot-check.decider';
import type { SpotCheckFindingRecorded } from '../domain/spot-check.events';
import { spotCheckStreamOf } from '../spot-check-id';
import { msg, says } from '../../shared/domain/messages';

export class FindingRevocationRequest {
  @ApiProperty({ description: 'A session of the sampled project' })
  @Matches(compositeIdPattern, says(msg('validation.session-id-short', { field: 'sessionId' })))
  sessionId!: string;

  @ApiProperty({
    type: [String],
    description: 'The attendees whose credit of that session is revoked',
  })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', {
    each: true,
    ...says(msg('validation.person-ids', { field: 'personIds' })),
  })
  personIds!: string[];
}

export class RecordFindingRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The sampled project (draws of projects)' })
  @IsOmittable()
  @IsUUID('all', says(msg('validation.activity-id', { field: 'activityId' })))
  activityId?: string;

  @ApiPropertyOptional({
    description: 'The sampled session (draws of sessions made before R7 sampled projects)',
  })
  @IsOmittable()
  @Matches(compositeIdPattern, says(msg('validation.session-id-short', { field: 'sessionId' })))
  sessionId?: string;

  @ApiProperty({ enum: ['pass', 'fail'] })
  @IsIn(['pass', 'fail'])
  result!: 'pass' | 'fail';

  @ApiProperty({ example: 'sign-in sheets do not match the scans; 12 attendees were not present' })
  @IsString()
  @IsReason(2000)
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['签到记录与扫码记录不符', '授课教师与申报不一致'],
    description: 'What failed, item by item',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(2, 500, { each: true })
  failed?: string[];

  @ApiPropertyOptional({
    type: [FindingRevocationRequest],
    description:
      'On a failed finding, the credits to revoke: attendees named per session of the project. Nothing is revoked unless named.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FindingRevocationRequest)
  revoke?: FindingRevocationRequest[];
}

export interface FindingResult {
  spotCheckId: string;
  activityId: string | null;
  sessionId: string | null;
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
    await this.checkRevocations(request);
    const member = request.activityId ?? request.sessionId ?? '';
    const findingEventId = derivedId(spotCheckId, member, 'finding');
    const { finding, version } = await handle(
      this.store,
      spotCheckDecider,
      streamId,
      {
        type: 'RecordFinding',
        spotCheckId,
        ...(request.activityId ? { activityId: request.activityId } : {}),
        ...(request.sessionId ? { sessionId: request.sessionId } : {}),
        result: request.result,
        reason: request.reason,
        failed: request.failed,
        revoke: request.revoke,
      },
      {
        metadata,
        eventId: () => findingEventId,
        occurredAt: new Date(),
        result: (_state, events, loaded) => ({
          finding: (events[0] as SpotCheckFindingRecorded | undefined)?.data ?? null,
          version: loaded.version + 1,
        }),
      },
    );
    const answer = {
      spotCheckId,
      activityId: request.activityId ?? null,
      sessionId: request.sessionId ?? null,
      result: request.result,
    };
    if (!finding || !finding.revoke || finding.revoke.length === 0)
      return { ...answer, revocations: null, revokedCredits: [], peopleNowShort: [] };
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
      ...answer,
      revocations: reaction.status === 'done' ? 'recorded' : reaction.status,
      revokedCredits: outcome?.revokedCredits ?? [],
      peopleNowShort: outcome?.peopleNowShort ?? [],
    };
  }

  /**
   * Each named session is one of the sampled project's (or the sampled session), and each named
   * attendee was granted its credit — so a finding never names a credit it cannot revoke.
   */
  private async checkRevocations(request: RecordFindingRequest): Promise<void> {
    for (const [index, named] of (request.revoke ?? []).entries()) {
      const parts = splitCompositeId(named.sessionId);
      const ofProject = request.activityId
        ? parts?.parent === request.activityId
        : named.sessionId === request.sessionId;
      if (!parts || !ofProject)
        throw invalid(`revoke[${index}].sessionId`, msg('invalid.revoke-session'));
      const { state } = await loadState(this.store, sessionStreamId(parts.child), sessionEvolver, {
        shared: true,
      });
      const granted = new Set(
        state.decision?.approved ? state.decision.data.grants.map((g) => g.personId) : [],
      );
      const stranger = named.personIds.find((personId) => !granted.has(personId));
      if (stranger)
        throw invalid(
          `revoke[${index}].personIds`,
          msg('invalid.revoke-person', { person: stranger, session: named.sessionId }),
        );
    }
  }
}
