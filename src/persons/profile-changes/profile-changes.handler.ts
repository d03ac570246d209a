import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import type { Actor } from '../../shared/http/actor';
import { authorize } from '../../shared/http/access-policy';
import { personDecider } from '../domain/person.commands';
import {
  attributesOn,
  latestAttributes,
  type PersonAttributes,
  shanghaiIsoDate,
} from '../domain/person-attributes';
import type { PersonAttributesChanged } from '../domain/person.events';
import { personStreamId } from '../domain/person.events';
import { onPerson, personFactId } from '../person-stream';

export interface ProfileChangeView {
  personId: string;
  changeId: string;
  effectiveFrom: string;
  /** The attributes in force from `effectiveFrom`, after this change. */
  inForceFrom: PersonAttributes;
  /** The attributes in force now (latest). */
  current: PersonAttributes;
  rule: string;
}

/** Some of a person's attributes change from a date on (a promotion, a transfer…). */
export class ChangeProfile extends Command<ProfileChangeView> {
  constructor(
    readonly personId: string,
    readonly effectiveFrom: string,
    readonly changes: PersonAttributesChanged['data']['changes'],
    readonly reason: string,
    readonly actor: Actor,
    readonly idempotencyKey: string | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * A committee of the person's jurisdiction records the change; a transfer also needs the receiving
 * jurisdiction (the token must cover it, e.g. a national committee or one holding both).
 */
@CommandHandler(ChangeProfile)
export class ChangeProfileHandler implements ICommandHandler<ChangeProfile> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: ChangeProfile): Promise<ProfileChangeView> {
    const { personId, actor, metadata } = command;
    if (command.changes.jurisdiction)
      authorize(actor, { jurisdiction: command.changes.jurisdiction });
    const now = new Date();
    const changeId = personFactId(personId, 'profile-change', actor, command.idempotencyKey);
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      {
        type: 'ChangeAttributes',
        changeId,
        effectiveFrom: command.effectiveFrom,
        changes: command.changes,
        reason: command.reason,
        today: shanghaiIsoDate(now),
      },
      onPerson({
        actor,
        factId: changeId,
        metadata,
        now,
        view: (state) => {
          const timeline = state.attributes as NonNullable<typeof state.attributes>;
          return {
            personId,
            changeId,
            effectiveFrom: command.effectiveFrom,
            inForceFrom: attributesOn(timeline, command.effectiveFrom),
            current: latestAttributes(timeline),
            rule: 'each credit year is assessed with the attributes in force on its last day (Asia/Shanghai)',
          };
        },
      }),
    );
  }
}
