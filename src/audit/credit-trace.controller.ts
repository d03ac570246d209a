import { msg } from '../shared/domain/messages';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { activityStreamId } from '../activities/domain/activity.events';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { readWholeStream } from '../event-store/read-whole-stream';
import type { CreditGrantData } from '../persons/domain/person.events';
import { readablePerson } from '../persons/readable-person';
import { CreditParams } from '../persons/person.params';
import { notFound } from '../shared/domain/domain-error';
import { AsOfQuery, asOfDate } from '../shared/http/as-of.query';
import { Actor, CurrentActor, Access } from '../shared/http/actor';
import { splitCompositeId } from '../shared/ids';
import { creditTraceFromProvenance, type ProvenanceAnswer } from './credit-provenance.queries';
import { inLogOrder, personEventsAbout, sessionEvidence, traceStep } from './trace';
import { ApiErrorResponses, recordErrors } from '../shared/http/api-error-responses';
import { CreditTraceResponse } from './trace.response.dto';

@ApiTags('audit')
@Controller('credits/:creditId/trace')
export class CreditTraceController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @Access('credits.trace')
  @ApiOperation({
    summary:
      'How a credit came to be: activity, session, scan, report and decision, verification, grant, every correction — in log order',
  })
  @ApiOkResponse({ type: CreditTraceResponse })
  @ApiErrorResponses(...recordErrors)
  async trace(
    @Param() params: CreditParams,
    @Query() query: AsOfQuery,
    @CurrentActor() actor: Actor,
  ) {
    const personId = splitCompositeId(params.creditId)?.parent;
    if (!personId) throw notFound('creditId', msg('not-found.credit'));
    const readable = readablePerson(this.store, personId, actor);
    let asOf: Date | undefined;
    try {
      asOf = asOfDate(query);
    } catch (error) {
      await readable; // who may not read the person hears that first
      throw error;
    }
    // The provenance projection answers when it holds every event of the three streams; a write
    // a moment ago (or a store that cannot read by position) sends the trace to the streams.
    const [, fromProjection] = await Promise.all([
      readable,
      creditTraceFromProvenance(this.database.sql, this.store, personId, params.creditId, asOf),
    ]);
    const traced = fromProjection ?? (await this.fromStreams(personId, params.creditId, asOf));
    if (!traced.found)
      throw notFound('creditId', msg(asOf ? 'not-found.credit-as-of' : 'not-found.credit'));
    return {
      creditId: params.creditId,
      personId,
      asOf: asOf?.toISOString() ?? null,
      activityId: traced.activityId,
      sessionId: traced.sessionId,
      steps: traced.chain.map(traceStep),
    };
  }

  /** The trace from the three streams themselves. */
  private async fromStreams(
    personId: string,
    creditId: string,
    asOf: Date | undefined,
  ): Promise<ProvenanceAnswer> {
    const own = await personEventsAbout(this.store, personId, new Set([creditId]), asOf);
    const grant = own.find((e) => e.type === 'CreditGranted' || e.type === 'CreditImported');
    if (!grant) return { found: false };
    const credit = grant.data as CreditGrantData;
    const evidence = credit.sessionId
      ? await sessionEvidence(this.store, credit.sessionId, personId, asOf)
      : null;
    const activity =
      evidence?.activity ??
      (await readWholeStream(this.store, activityStreamId(credit.activityId), asOf)).filter(
        (e) => e.type !== 'SessionScheduled',
      );
    const chain = inLogOrder([...activity, ...(evidence?.session ?? []), ...own]);
    return { found: true, activityId: credit.activityId, sessionId: credit.sessionId, chain };
  }
}
