import { msg } from '../../shared/domain/messages';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { conflict, notFound } from '../../shared/domain/domain-error';
import { handle } from '../../shared/application/handle';
import { loadState } from '../../shared/application/state-cache';
import { authorize } from '../../shared/http/access-policy';
import { Actor } from '../../shared/http/actor';
import { derivedId } from '../../shared/ids';
import { personDecider } from '../domain/person.commands';
import { personStreamId } from '../domain/person.events';
import { PersonKeys } from '../person-keys';

export type ErasureView = { personId: string; erased: true; retainedUntil: string };

export class ErasePerson extends Command<ErasureView> {
  constructor(
    readonly personId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * Crypto-shredding: records `PersonErased`, then destroys the person's key. A crash between the
 * two leaves the event without the key destroyed; erasing again finishes it.
 */
@CommandHandler(ErasePerson)
export class ErasePersonHandler implements ICommandHandler<ErasePerson> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: PersonKeys,
  ) {}

  async execute(command: ErasePerson): Promise<ErasureView> {
    const { personId } = command;
    const streamId = personStreamId(personId);
    const seen = await loadState(this.store, streamId, personDecider);
    if (!seen.state.registration) throw notFound('personId', msg('not-found.person'));
    authorize(command.actor, seen.state.registration);
    // The retention period runs from the person's last record, as read here.
    const [last] = await this.store.readStream(streamId, { fromVersion: seen.version });
    const view = await handle(
      this.store,
      personDecider,
      streamId,
      {
        type: 'ErasePerson',
        reason: command.reason,
        lastRecordedAt: last.recordedAt,
        now: command.now,
      },
      {
        metadata: command.metadata,
        eventId: () => derivedId(personId, 'erased'),
        occurredAt: command.now,
        check: (state, loaded) => {
          if (loaded.version !== seen.version && !state.erased)
            throw conflict(msg('conflict.person-changed-erasing'));
          return undefined;
        },
        result: (after) => ({
          personId,
          erased: true as const,
          retainedUntil: after.erased?.retainedUntil as string,
        }),
      },
    );
    await this.keys.erase(personId);
    return view;
  }
}
