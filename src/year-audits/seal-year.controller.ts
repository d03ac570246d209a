import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { REACTIONS, type Reactions } from '../reactors/reactions';
import { sealedVerdictsReactorName } from '../reactors/sealed-verdicts.reactor';
import { profileFor } from '../rules/rule-profiles';
import { conflict, notFound } from '../shared/domain/domain-error';
import { runCommand } from '../shared/application/command-retry';
import { commandMetadata } from '../shared/http/command-metadata';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { IsJurisdiction } from '../shared/http/validators';
import { derivedId } from '../shared/ids';
import {
  decideSeal,
  sealEvolver,
  verdictsDigest,
  yearAuditStreamId,
} from './domain/year-seal.decider';
import { currentVerdicts, loadSeal } from './year-seal.queries';

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

/**
 * 学分审验: a committee seals a jurisdiction's credit year. The seal records every person's verdict
 * (as a digest in the seal, and row by row in events appended with it, which the sealed-verdicts
 * reactor copies into sealed_verdicts) and the log position; corrections after
 * it show up as post-seal changes, never folded in silently.
 */
@ApiTags('year-audits')
@Controller('year-audits')
export class SealYearController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REACTIONS) private readonly reactions: Reactions,
  ) {}

  @Post()
  @Access('year-audits.seal')
  @ApiOperation({ summary: "Seal a jurisdiction's credit year (R6: Chongqing by 30 Nov)" })
  async seal(@Body() body: SealYearRequest, @CurrentActor() actor: Actor) {
    authorize(actor, body);
    const existing = await loadSeal(this.store, body.jurisdiction, body.year);
    if (existing)
      throw conflict(
        `${body.jurisdiction} ${body.year} was sealed already (at ${existing.position})`,
      );
    const { position, verdicts } = await currentVerdicts(
      this.database.sql,
      body.jurisdiction,
      body.year,
    );
    const due = profileFor(body.jurisdiction, body.year).auditDueBy?.value;
    const dueBy = due
      ? new Date(
          `${body.year}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}T23:59:59+08:00`,
        )
      : null;
    const count = (v: string) => verdicts.filter((x) => x.verdict === v).length;
    const data = {
      jurisdiction: body.jurisdiction,
      year: body.year,
      position,
      people: verdicts.length,
      verdicts: { compliant: count('compliant'), exempt: count('exempt'), short: count('short') },
      verdictsDigest: verdictsDigest(verdicts),
      dueBy: dueBy?.toISOString() ?? null,
      late: dueBy !== null && Date.now() > dueBy.getTime(),
    };
    const streamId = yearAuditStreamId(body.jurisdiction, body.year);
    const eventIdOf = (index: number) =>
      index === 0 ? derivedId(streamId, 'sealed') : derivedId(streamId, 'sealed', String(index));
    let version = 0;
    const appended = await runCommand(
      this.store,
      streamId,
      sealEvolver,
      (state, loaded) => {
        version = loaded.version;
        const events = decideSeal(state, data, verdicts);
        return {
          events: events.map((event, index) => ({
            event,
            eventId: eventIdOf(index),
            occurredAt: new Date(),
          })),
          result: events.length,
        };
      },
      commandMetadata(actor),
    );
    // The verdict rows follow from the log (the sealed-verdicts reactor); answer once they are in.
    const rows =
      appended > 1
        ? (
            await this.reactions.awaitReaction({
              reactor: sealedVerdictsReactorName,
              eventId: eventIdOf(appended - 1),
              streamId,
              version: version + appended,
            })
          ).status
        : 'done';
    return { ...data, verdictRows: rows === 'done' ? 'recorded' : 'pending' };
  }

  @Get(':jurisdiction/:year')
  @Access('year-audits.read')
  @ApiOperation({ summary: 'The seal of a credit year' })
  async get(@Param() params: SealYearRequest, @CurrentActor() actor: Actor) {
    authorize(actor, { jurisdiction: params.jurisdiction });
    const seal = await loadSeal(this.store, params.jurisdiction, params.year);
    if (!seal) throw notFound('year', `${params.jurisdiction} ${params.year} is not sealed`);
    return seal;
  }
}
