import { msg } from '../shared/domain/messages';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Database, DATABASE } from '../database/database';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../event-store/event-store.port';
import { REACTIONS, type Reactions } from '../reactors/reactions';
import { sealedVerdictsReactorName } from '../reactors/sealed-verdicts.reactor';
import { auditDueDate, creditYearBounds } from '../rules/rule-profiles';
import { conflict } from '../shared/domain/domain-error';
import { handle } from '../shared/application/handle';
import { Actor } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { derivedId } from '../shared/ids';
import {
  verdictsDigest,
  yearAuditDecider,
  type YearSealed,
  yearAuditStreamId,
} from './domain/year-seal.decider';
import { currentVerdicts, loadSeal } from './year-seal.queries';

export type SealYearResult = YearSealed['data'] & { verdictRows: 'recorded' | 'pending' };

export class SealYear extends Command<SealYearResult> {
  constructor(
    readonly jurisdiction: string,
    readonly year: number,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * 学分审验: a committee seals a jurisdiction's credit year. The seal records every person's verdict
 * (as a digest in the seal, and row by row in events appended with it, which the sealed-verdicts
 * reactor copies into sealed_verdicts) and the log position; corrections after
 * it show up as post-seal changes, never folded in silently.
 */
@CommandHandler(SealYear)
export class SealYearHandler implements ICommandHandler<SealYear> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REACTIONS) private readonly reactions: Reactions,
  ) {}

  async execute(command: SealYear): Promise<SealYearResult> {
    const { jurisdiction, year } = command;
    authorize(command.actor, { jurisdiction });
    const existing = await loadSeal(this.store, jurisdiction, year);
    if (existing)
      throw conflict(
        msg('conflict.sealed-already', { jurisdiction, year, position: existing.position }),
      );
    // A year is audited once it is over: never before its last day has passed (Asia/Shanghai).
    const bounds = creditYearBounds(jurisdiction, year);
    if (command.now.getTime() < bounds.endsAt.getTime())
      throw conflict(
        msg('conflict.year-not-over', {
          jurisdiction,
          year,
          lastDay: bounds.lastDay,
          sealableFrom: bounds.endsAt.toISOString(),
        }),
        'year',
      );
    const { position, verdicts } = await currentVerdicts(this.database.sql, jurisdiction, year);
    const dueBy = auditDueDate(jurisdiction, year);
    const count = (v: string) => verdicts.filter((x) => x.verdict === v).length;
    const data = {
      jurisdiction,
      year,
      position,
      people: verdicts.length,
      verdicts: {
        compliant: count('compliant'),
        exempt: count('exempt'),
        short: count('short'),
        'out-of-scope': count('out-of-scope'),
      },
      yearLastDay: bounds.lastDay,
      verdictsDigest: verdictsDigest(verdicts),
      dueBy: dueBy?.toISOString() ?? null,
      late: dueBy !== null && command.now.getTime() > dueBy.getTime(),
    };
    const streamId = yearAuditStreamId(jurisdiction, year);
    const eventIdOf = (index: number) =>
      index === 0 ? derivedId(streamId, 'sealed') : derivedId(streamId, 'sealed', String(index));
    const { appended, version } = await handle(
      this.store,
      yearAuditDecider,
      streamId,
      { type: 'SealYear', seal: data, verdicts },
      {
        metadata: command.metadata,
        eventId: (_event, index) => eventIdOf(index),
        occurredAt: command.now,
        result: (_state, events, loaded) => ({ appended: events.length, version: loaded.version }),
      },
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
}
