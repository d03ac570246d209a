import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { commandMetadata } from '../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { IsJurisdiction } from '../shared/http/validators';
import { SealYear, type SealYearResult } from './seal-year.handler';
import { loadSeal } from './year-seal.queries';
import { ApiErrorResponses, recordErrors } from '../shared/http/api-error-responses';
import { SealedYearResponse, StoredYearSealResponse } from './seal-year.response.dto';
import { msg } from '../shared/domain/messages';

export class SealYearRequest {
  @ApiProperty({ example: 'CN-CQ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** 学分审验: sealing a jurisdiction's credit year (see SealYearHandler), and reading the seal. */
@ApiTags('year-audits')
@Controller('year-audits')
export class SealYearController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @Access('year-audits.seal')
  @ApiOperation({ summary: "Seal a jurisdiction's credit year (R6: Chongqing by 30 Nov)" })
  @ApiCreatedResponse({ type: SealedYearResponse })
  @ApiErrorResponses(400, 401, 403, 409, 422, 429, 503)
  seal(@Body() body: SealYearRequest, @CurrentActor() actor: Actor): Promise<SealYearResult> {
    return this.commands.execute(
      new SealYear(body.jurisdiction, body.year, actor, new Date(), commandMetadata(actor)),
    );
  }

  @Get(':jurisdiction/:year')
  @Access('year-audits.read')
  @ApiOperation({ summary: 'The seal of a credit year' })
  @ApiOkResponse({ type: StoredYearSealResponse })
  @ApiErrorResponses(...recordErrors)
  async get(@Param() params: SealYearRequest, @CurrentActor() actor: Actor) {
    authorize(actor, { jurisdiction: params.jurisdiction });
    const seal = await loadSeal(this.store, params.jurisdiction, params.year);
    if (!seal)
      throw notFound(
        'year',
        msg('not-found.year-not-sealed', { jurisdiction: params.jurisdiction, year: params.year }),
      );
    return seal;
  }
}
