import { IsCreditYear } from '../../shared/http/validators';
import { IsReason } from '../../shared/http/reason';
import { Body, Controller, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { Response } from 'express';
import type { ActivityDoc } from '../../../projections/activities/activities.projection';
import { Database, DATABASE } from '../../database/database';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import {
  type CreditEffects,
  creditEffectsReactorName,
} from '../../reactors/credit-effects.reactor';
import { REACTIONS, type Reactions } from '../../reactors/reactions';
import { handle } from '../../shared/application/handle';
import { authorize } from '../../shared/http/access-policy';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { commandMetadata } from '../../shared/http/command-metadata';
import { IsJurisdiction, IsOmittable } from '../../shared/http/validators';
import { derivedId } from '../../shared/ids';
import { organizerDecider } from '../domain/organizer.decider';
import { organizerStreamId } from '../domain/organizer.events';
import { OrganizerParams } from '../sanctions/sanctions.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';
import { msg, says } from '../../shared/domain/messages';

export class AnnulOrganizerYearRequest {
  @ApiProperty({ example: 'CN-ZJ', description: "The committee's jurisdiction" })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026, description: 'The year the projects were published for' })
  @IsCreditYear()
  year!: number;

  @ApiProperty({ example: '2026年度年检不合格，其当年项目废止' })
  @IsString()
  @IsReason()
  reason!: string;

  @ApiProperty({
    enum: ['keep', 'revoke'],
    description:
      'Credits already granted: keep them (counted, flagged) or revoke them (from `revokeFrom`, else all) — stated, never defaulted',
  })
  @IsIn(['keep', 'revoke'], says(msg('validation.keep-or-revoke', { field: 'credits' })))
  credits!: 'keep' | 'revoke';

  @ApiPropertyOptional({ example: '2026-07-01' })
  @IsOmittable()
  @Matches(
    /^\d{4}-\d{2}-\d{2}$/,
    says(msg('validation.date', { field: 'revokeFrom', example: '2026-07-01' })),
  )
  revokeFrom?: string;
}

export class OrganizerYearAnnulment {
  @ApiProperty({ format: 'uuid' }) annulmentId!: string;
  @ApiProperty() organizerId!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [String], description: 'The projects annulled' }) activityIds!: string[];
  @ApiProperty({ enum: ['keep', 'revoke'] }) credits!: 'keep' | 'revoke';
  @ApiProperty({ nullable: true, type: String }) revokeFrom!: string | null;
  @ApiProperty({
    enum: ['annulled', 'pending', 'refused'],
    description: "Whether each project's annulment is in the log yet (202 while pending)",
  })
  projects!: 'annulled' | 'pending' | 'refused';
}

/** The year of a project's list, from its code (2026-04-01-123(国) → 2026). */
const projectYear = (doc: ActivityDoc) => (doc.code ? Number(doc.code.slice(0, 4)) : null);

/**
 * R15 (seed 002): an organizer failing its annual inspection loses its projects of that year. One
 * fact on the organizer's stream names the projects; the credit-effects reactor annuls each.
 */
@ApiTags('organizers')
@Controller('organizers/:organizerId/annulments')
export class OrganizerAnnulmentsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REACTIONS) private readonly reactions: Reactions,
  ) {}

  @Post()
  @Access('organizers.annul')
  @ApiOperation({
    summary:
      '年检不合格项目废止: annul all of an organizer’s projects of a year in a jurisdiction (R15), stating what happens to credits already granted',
  })
  @ApiCreatedResponse({ type: OrganizerYearAnnulment })
  @ApiAcceptedResponse({
    type: OrganizerYearAnnulment,
    description: 'Projects still being annulled',
  })
  @ApiErrorResponses(...commandErrors)
  async annul(
    @Param() params: OrganizerParams,
    @Body() body: AnnulOrganizerYearRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganizerYearAnnulment> {
    authorize(actor, { jurisdiction: body.jurisdiction });
    // The projects published for the year, as the activities projection lists them now.
    const rows = await this.database.sql<{ doc: ActivityDoc }[]>`
      SELECT doc FROM proj_activities
       WHERE jurisdiction = ${body.jurisdiction} AND doc->>'organizerId' = ${params.organizerId}
       ORDER BY key`;
    const activityIds = rows
      .map((r) => r.doc)
      .filter((d) => d.kind === 'project' && !d.annulled && projectYear(d) === body.year)
      .map((d) => d.activityId);
    const annulmentId = derivedId(
      params.organizerId,
      body.jurisdiction,
      String(body.year),
      'annulled',
    );
    const streamId = organizerStreamId(params.organizerId);
    const { annulment, version } = await handle(
      this.store,
      organizerDecider,
      streamId,
      {
        type: 'AnnulProjectsOfYear',
        annulment: {
          annulmentId,
          organizerId: params.organizerId,
          jurisdiction: body.jurisdiction,
          year: body.year,
          reason: body.reason,
          credits: body.credits,
          revokeFrom: body.revokeFrom ?? null,
          activityIds,
        },
      },
      {
        metadata: commandMetadata(actor, { body: { ...body, ...params } }),
        eventId: () => annulmentId,
        occurredAt: new Date(),
        result: (state, events, loaded) => ({
          annulment: state.annulments.get(annulmentId),
          version: events.length > 0 ? loaded.version + 1 : null,
        }),
      },
    );
    const recorded = annulment ?? { activityIds, credits: body.credits, revokeFrom: null };
    const reaction =
      version === null
        ? null
        : await this.reactions.awaitReaction<CreditEffects>({
            reactor: creditEffectsReactorName,
            eventId: annulmentId,
            streamId,
            version,
          });
    const projects = reaction === null || reaction.status === 'done' ? 'annulled' : reaction.status;
    if (projects === 'pending') response.status(HttpStatus.ACCEPTED);
    return {
      annulmentId,
      organizerId: params.organizerId,
      jurisdiction: body.jurisdiction,
      year: body.year,
      activityIds: recorded.activityIds,
      credits: recorded.credits,
      revokeFrom: recorded.revokeFrom,
      projects,
    };
  }
}
