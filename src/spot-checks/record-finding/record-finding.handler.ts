import { Inject } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { assessDocYear } from '../../../projections/person-years/person-years.projection';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { decideRevocation, personEvolver } from '../../persons/domain/person.decider';
import { personStreamId } from '../../persons/domain/person.events';
import { personYearsDocFromLog } from '../../persons/person-year/person-year.controller';
import { sessionEvolver } from '../../sessions/domain/session.decider';
import { sessionStreamId } from '../../sessions/domain/session.events';
import { loadState, runCommand } from '../../shared/event-sourcing';
import { type Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { compositeIdPattern, IsOmittable } from '../../shared/http/validators';
import { derivedId, splitCompositeId } from '../../shared/ids';
import { decideFinding, spotCheckEvolver } from '../domain/spot-check.decider';
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
 * A finding on a sampled session. A failed one can revoke that session's credits: each revocation
 * is a compensating event on the person's stream that names the finding as its cause.
 */
@CommandHandler(RecordFinding)
export class RecordFindingHandler implements ICommandHandler<RecordFinding> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ spotCheckId, request, actor, metadata }: RecordFinding): Promise<FindingResult> {
    const { streamId, jurisdiction } = spotCheckStreamOf(spotCheckId);
    authorize(actor, { jurisdiction: jurisdiction });
    const findingEventId = derivedId(spotCheckId, request.sessionId, 'finding');
    const finding = await runCommand(
      this.store,
      streamId,
      spotCheckEvolver,
      (state) => {
        const events = decideFinding(state, {
          spotCheckId,
          sessionId: request.sessionId,
          result: request.result,
          reason: request.reason,
          revokeCredits: request.revokeCredits ?? true,
        });
        return {
          events: events.map((event) => ({
            event,
            eventId: findingEventId,
            occurredAt: new Date(),
          })),
          result: events[0].data,
        };
      },
      metadata,
    );
    const result: FindingResult = {
      spotCheckId,
      sessionId: request.sessionId,
      result: request.result,
      revokedCredits: [],
      peopleNowShort: [],
    };
    if (!finding.revokeCredits) return result;

    const session = await loadState(
      this.store,
      sessionStreamId((splitCompositeId(request.sessionId) as { child: string }).child),
      sessionEvolver,
    );
    const grants = session.state.decision?.approved ? session.state.decision.data.grants : [];
    const reason = `spot check ${spotCheckId} failed: ${finding.reason}`;
    for (const grant of grants) {
      const before = await personYearsDocFromLog(this.store, grant.personId);
      const revoked = await runCommand(
        this.store,
        personStreamId(grant.personId),
        personEvolver,
        (state) => {
          if (state.credits.get(grant.creditId)?.revoked) return { events: [], result: false };
          const events = decideRevocation(state, { creditId: grant.creditId, reason });
          return {
            events: events.map((event) => ({
              event,
              eventId: derivedId(findingEventId, grant.creditId),
              occurredAt: new Date(),
            })),
            result: true,
          };
        },
        { ...metadata, reason, causationId: findingEventId },
      );
      if (!revoked) continue;
      result.revokedCredits.push(grant.creditId);
      const year = before.credits[grant.creditId]?.creditYear;
      if (year === undefined) continue;
      const after = assessDocYear(await personYearsDocFromLog(this.store, grant.personId), year);
      if (assessDocYear(before, year)?.verdict !== 'short' && after?.verdict === 'short') {
        result.peopleNowShort.push({ personId: grant.personId, year, reasons: after.reasons });
      }
    }
    return result;
  }
}
