import { msg } from '../../shared/domain/messages';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import { shanghaiDateText } from '../../shared/domain/shanghai-time';
import { authorize } from '../../shared/http/access-policy';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { commandMetadata } from '../../shared/http/command-metadata';
import { IdempotencyKey } from '../../shared/http/idempotency-key';
import { derivedId, randomId } from '../../shared/ids';
import { notFound } from '../../shared/domain/domain-error';
import {
  organizerDecider,
  sanctionInForce,
  type OrganizerState,
  type Sanction,
} from '../domain/organizer.decider';
import { organizerStreamId, sanctionKindNames } from '../domain/organizer.events';
import { OrganizerSanctions } from '../organizer-sanctions';
import {
  ImposeSanctionRequest,
  LiftSanctionRequest,
  OrganizerParams,
  OrganizerSanctionsView,
  SanctionParams,
  SanctionsQuery,
  SanctionView,
} from './sanctions.request.dto';
import { ApiErrorResponses, commandErrors } from '../../shared/http/api-error-responses';

function view(sanction: Sanction, state: OrganizerState, today: string): SanctionView {
  return {
    ...sanction,
    kindName: sanctionKindNames[sanction.kind],
    inForce:
      sanctionInForce(state, sanction.jurisdiction, today)?.sanctionId === sanction.sanctionId,
  };
}

/**
 * R16 (seed 004 §七.3): sanctions on an organizer, as events on its own stream. A suspension or a
 * ban stops it registering projects and scheduling sessions in the sanction's jurisdiction (all
 * of them for CN) for the period; lifting is an event too.
 */
@ApiTags('organizers')
@Controller('organizers/:organizerId/sanctions')
export class SanctionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sanctions: OrganizerSanctions,
  ) {}

  @Post()
  @Access('organizers.sanction')
  @ApiOperation({
    summary:
      '处罚申办单位: record a sanction on an organizer (R16: refusal, warning, national notice, suspension or 1–3 years’ ban)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SanctionView })
  @ApiErrorResponses(...commandErrors)
  async impose(
    @Param() params: OrganizerParams,
    @Body() body: ImposeSanctionRequest,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
  ): Promise<SanctionView> {
    authorize(actor, { jurisdiction: body.jurisdiction });
    const sanctionId = key
      ? derivedId(params.organizerId, 'sanction', actor.actorId, key)
      : randomId();
    const metadata = commandMetadata(actor, { idempotencyKey: key, body: { ...body, ...params } });
    return handle(
      this.store,
      organizerDecider,
      organizerStreamId(params.organizerId),
      {
        type: 'ImposeSanction',
        sanctionId,
        organizerId: params.organizerId,
        kind: body.kind,
        from: body.from,
        years: body.years ?? null,
        jurisdiction: body.jurisdiction,
        reason: body.reason.trim(),
      },
      {
        metadata,
        eventId: () => sanctionId,
        occurredAt: new Date(),
        result: (state) =>
          view(state.sanctions.get(sanctionId) as Sanction, state, shanghaiDateText(new Date())),
      },
    );
  }

  @Post(':sanctionId/lifting')
  @HttpCode(HttpStatus.OK)
  @Access('organizers.sanction')
  @ApiOperation({ summary: '解除处罚: lift a suspension or ban from a date, with a reason (R16)' })
  @ApiOkResponse({ type: SanctionView })
  @ApiErrorResponses(...commandErrors)
  async lift(
    @Param() params: SanctionParams,
    @Body() body: LiftSanctionRequest,
    @CurrentActor() actor: Actor,
  ): Promise<SanctionView> {
    const current = (await this.sanctions.state(params.organizerId)).sanctions.get(
      params.sanctionId,
    );
    if (!current) throw notFound('sanctionId', msg('not-found.sanction'));
    authorize(actor, { jurisdiction: current.jurisdiction });
    return handle(
      this.store,
      organizerDecider,
      organizerStreamId(params.organizerId),
      {
        type: 'LiftSanction',
        sanctionId: params.sanctionId,
        organizerId: params.organizerId,
        from: body.from,
        reason: body.reason.trim(),
      },
      {
        metadata: commandMetadata(actor, { body: { ...body, ...params } }),
        eventId: () => derivedId(params.sanctionId, 'lifted'),
        occurredAt: new Date(),
        result: (state) =>
          view(
            state.sanctions.get(params.sanctionId) as Sanction,
            state,
            shanghaiDateText(new Date()),
          ),
      },
    );
  }

  @Get()
  @Access('organizers.read-sanctions')
  @ApiOperation({
    summary:
      "An organizer's sanctions that reach a jurisdiction (its own and national ones), each saying whether it is in force today (R16)",
  })
  @ApiOkResponse({ type: OrganizerSanctionsView })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  async list(
    @Param() params: OrganizerParams,
    @Query() query: SanctionsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<OrganizerSanctionsView> {
    authorize(actor, { jurisdiction: query.jurisdiction, organizerId: params.organizerId });
    const state = await this.sanctions.state(params.organizerId);
    const today = shanghaiDateText(new Date());
    return {
      organizerId: params.organizerId,
      sanctions: [...state.sanctions.values()]
        .filter((s) => s.jurisdiction === 'CN' || s.jurisdiction === query.jurisdiction)
        .map((s) => view(s, state, today)),
    };
  }
}
