import { msg } from '../../shared/domain/messages';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { creditCorrections } from '../../persons/credit-corrections';
import { creditView } from '../../persons/credit.view';
import { CreditParams } from '../../persons/person.params';
import { notFound } from '../../shared/domain/domain-error';
import { splitCompositeId } from '../../shared/ids';
import { authorize } from '../../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../../shared/http/actor';
import { IsJurisdiction } from '../../shared/http/validators';
import { Lookups } from './lookups';
import { type Page, PageInfo, pageOf, PageQuery } from './paging';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { CorrectionResponse, CreditWithHistoryResponse } from '../../persons/credit.response.dto';

export const creditQueues = ['awaiting-verification'] as const;
export const correctionQueues = ['awaiting-approval'] as const;

export class CreditQueueQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({
    enum: creditQueues,
    description: 'remote credits the committee has to verify (R5)',
  })
  @IsIn(creditQueues)
  status!: (typeof creditQueues)[number];
}

export class CorrectionQueueQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ enum: correctionQueues, description: 'corrections held for a second admin' })
  @IsIn(correctionQueues)
  status!: (typeof correctionQueues)[number];
}

export class QueuedCredit {
  @ApiProperty() creditId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty({ example: '5' }) amount!: string;
  @ApiProperty({ example: 'remote' }) format!: string;
  @ApiProperty({ type: String, nullable: true }) activityId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '杭州 院感防控' }) activityTitle!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) activityCode!: string | null;
  @ApiProperty() earnedAt!: string;
  @ApiProperty({ example: 2026 }) creditYear!: number;
}
export class QueuedCredits extends PageInfo {
  @ApiProperty({ type: [QueuedCredit] }) items!: QueuedCredit[];
}

export class QueuedCorrection {
  @ApiProperty() correctionId!: string;
  @ApiProperty() creditId!: string;
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({
    description: "{ kind: 'revoke' } or { kind: 'adjust', amount?, category?, subject? }",
  })
  change!: object;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the admin who asked (may not approve it)' }) requestedBy!: string;
  @ApiProperty({ type: [String] }) heldBecause!: string[];
  @ApiProperty({ type: String, nullable: true, example: '10' }) creditAmount!: string | null;
}
export class CreditPersonView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '330102********8048' })
  idNumber!: string | null;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
}
export class CreditActivityView {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ example: '心血管疾病诊疗新进展' }) title!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-01-123(国)' }) code!:
    string | null;
}
/** OpenAPI shape of GET /credits/{creditId}: the credit with names and its corrections. */
export class CreditDetailResponse extends CreditWithHistoryResponse {
  @ApiProperty({ type: CreditPersonView }) person!: CreditPersonView;
  @ApiProperty({ type: CreditActivityView, nullable: true }) activity!: CreditActivityView | null;
  @ApiProperty({ type: [CorrectionResponse] }) corrections!: CorrectionResponse[];
}

export class QueuedCorrections extends PageInfo {
  @ApiProperty({ type: [QueuedCorrection] }) items!: QueuedCorrection[];
}

/** Work queues and credits by id, with the names and titles beside the ids. */
@ApiTags('console')
@Controller()
export class FindCreditsController {
  constructor(private readonly lookups: Lookups) {}

  @Get('credits')
  @Access('credits.find')
  @ApiOperation({
    summary: 'Work queue: remote credits of a jurisdiction awaiting verification (R5); paged',
  })
  @ApiOkResponse({ type: QueuedCredits })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  async queue(
    @Query() query: CreditQueueQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<QueuedCredit>> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const waiting: Omit<QueuedCredit, 'name' | 'activityTitle' | 'activityCode'>[] = [];
    // The projection says who has a pending credit; the person's record has its details.
    for (const personId of await this.lookups.personIdsAwaitingVerification(query.jurisdiction)) {
      const state = await this.lookups.person(personId);
      if (state.registration?.jurisdiction !== query.jurisdiction) continue;
      for (const c of state.credits.values())
        if (c.verification === 'pending' && !c.revoked && !c.annulled)
          waiting.push({
            creditId: c.creditId,
            personId,
            amount: c.amount,
            format: c.format,
            activityId: c.activityId,
            earnedAt: c.earnedAt,
            creditYear: c.creditYear,
          });
    }
    waiting.sort(
      (a, b) => a.earnedAt.localeCompare(b.earnedAt) || a.creditId.localeCompare(b.creditId),
    );
    const page = pageOf(waiting, query);
    const items: QueuedCredit[] = [];
    for (const row of page.items) {
      const { name } = await this.lookups.identity(await this.lookups.person(row.personId), actor);
      const activity = row.activityId
        ? (await this.lookups.activity(row.activityId)).details
        : null;
      items.push({
        ...row,
        name,
        activityTitle: activity?.title ?? null,
        activityCode: activity?.code ?? null,
      });
    }
    return { ...page, items };
  }

  @Get('corrections')
  @Access('corrections.find')
  @ApiOperation({
    summary: 'Work queue: corrections of a jurisdiction held for a second admin; paged',
  })
  @ApiOkResponse({ type: QueuedCorrections })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  async corrections(
    @Query() query: CorrectionQueueQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<QueuedCorrection>> {
    authorize(actor, { jurisdiction: query.jurisdiction });
    const held: QueuedCorrection[] = [];
    for (const personId of await this.lookups.personIdsWithHeldCorrections(query.jurisdiction)) {
      const state = await this.lookups.person(personId);
      if (state.registration?.jurisdiction !== query.jurisdiction) continue;
      for (const c of state.corrections.values())
        if (c.status === query.status)
          held.push({
            correctionId: c.correctionId,
            creditId: c.creditId,
            personId,
            name: null,
            change: c.change,
            reason: c.reason,
            requestedBy: c.requestedBy,
            heldBecause: c.heldBecause,
            creditAmount: state.credits.get(c.creditId)?.amount ?? null,
          });
    }
    const page = pageOf(held, query);
    for (const item of page.items)
      item.name = (
        await this.lookups.identity(await this.lookups.person(item.personId), actor)
      ).name;
    return page;
  }

  @Get('credits/:creditId')
  @Access('credits.read')
  @ApiOperation({
    summary:
      'A credit by id: its figures, status and reasons, the person and activity by name, and its corrections',
  })
  @ApiOkResponse({ type: CreditDetailResponse })
  @ApiErrorResponses(...recordErrors)
  async credit(@Param() params: CreditParams, @CurrentActor() actor: Actor) {
    const { creditId } = params;
    const personId = splitCompositeId(creditId)?.parent;
    if (!personId) throw notFound('creditId', msg('not-found.credit'));
    const state = await this.lookups.person(personId);
    const credit = state.credits.get(creditId);
    if (!state.registration || !credit) throw notFound('creditId', msg('not-found.credit'));
    authorize(actor, { ...state.registration });
    const { name, idNumber } = await this.lookups.identity(state, actor);
    const activity = credit.activityId
      ? (await this.lookups.activity(credit.activityId)).details
      : null;
    const corrections = await creditCorrections(this.lookups.store, personId);
    return {
      ...creditView(credit, corrections.get(creditId) ?? []),
      person: { personId, name, idNumber, jurisdiction: state.registration.jurisdiction },
      activity: activity
        ? { activityId: activity.activityId, title: activity.title, code: activity.code }
        : null,
      corrections: [...state.corrections.values()].filter((c) => c.creditId === creditId),
    };
  }
}
