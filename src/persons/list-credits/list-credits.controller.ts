import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { sum } from '../../shared/domain/credits';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { activityEvolver, type ActivityState } from '../../activities/domain/activity.decider';
import { activityStreamId } from '../../activities/domain/activity.events';
import { loadState } from '../../shared/application/state-cache';
import { cappedCredits } from '../capped-credits';
import { creditCorrections } from '../credit-corrections';
import { creditView } from '../credit.view';
import { inEnglish, msg } from '../../shared/domain/messages';
import { readablePerson } from '../readable-person';
import { PersonParams } from '../person.params';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { CreditListResponse } from './list-credits.response.dto';

export class ListCreditsQuery {
  @ApiPropertyOptional({
    example: 2026,
    description: 'Credit year (Chongqing: 1 Nov of the previous year – 31 Oct)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@ApiTags('persons')
@Controller('persons/:personId/credits')
export class ListCreditsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Access('persons.credits')
  @ApiOperation({
    summary:
      "A person's credits with their status (counted, pending, rejected, revoked or annulled), why, and each credit's corrections (kind, amount before and after, reason, actor, when)",
  })
  @ApiOkResponse({ type: CreditListResponse })
  @ApiErrorResponses(...recordErrors)
  async list(
    @Param() params: PersonParams,
    @Query() query: ListCreditsQuery,
    @CurrentActor() actor: Actor,
  ) {
    const person = await readablePerson(this.store, params.personId, actor);
    const corrections = await creditCorrections(this.store, params.personId);
    const chosen = [...person.credits.values()].filter(
      (c) => query.year === undefined || c.creditYear === query.year,
    );
    const capped = cappedCredits(
      person,
      chosen.map((c) => c.creditYear),
    );
    const listed = chosen
      .sort((a, b) => a.earnedAt.localeCompare(b.earnedAt))
      .map((c) => {
        const cut = capped.get(c.creditId);
        return {
          ...creditView(c, corrections.get(c.creditId) ?? []),
          // R11: recorded in full; past a cap only `counts` counts.
          capped: cut ? { counts: cut.counts, rule: cut.rule, source: cut.source } : null,
        };
      });
    // R15: a counted credit of a project annulled with its credits kept says so.
    const annulments = new Map<string, ActivityState['annulled']>();
    for (const activityId of new Set(
      listed.filter((c) => c.sessionId && c.status === 'counted').map((c) => c.activityId),
    )) {
      const { state } = await loadState(this.store, activityStreamId(activityId), activityEvolver, {
        shared: true,
      });
      if (state.annulled) annulments.set(activityId, state.annulled);
    }
    const credits = listed.map((credit) => {
      const annulment = annulments.get(credit.activityId);
      if (!annulment || credit.status !== 'counted') return credit;
      const kept = msg('credit.project-annulled-kept', { reason: annulment.reason });
      return {
        ...credit,
        reasons: [...credit.reasons, inEnglish(kept)],
        reasonCodes: [...credit.reasonCodes, kept],
      };
    });
    return {
      personId: params.personId,
      year: query.year ?? null,
      // What counts: a capped credit counts only up to its cap (R11).
      countedTotal: sum(
        credits
          .filter((c) => c.status === 'counted')
          .map((c) => (c.capped ? c.capped.counts : c.amount)),
      ),
      pendingTotal: sum(credits.filter((c) => c.status === 'pending').map((c) => c.amount)),
      exempt:
        query.year === undefined
          ? null
          : [...person.exemptions.values()].some((e) => e.creditYear === query.year && !e.revoked),
      credits,
    };
  }
}
