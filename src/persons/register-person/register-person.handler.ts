import { msg } from '../../shared/domain/messages';
import { localized } from '../../shared/http/language';
import { ForbiddenException, Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
} from '../../event-store/event-store.port';
import { handle } from '../../shared/application/handle';
import { type AccessHolder, mayAccess } from '../../shared/http/access-policy';
import { derivedId } from '../../shared/ids';
import { PII_VAULT, PiiVault } from '../../shared/pii-vault';
import { personDecider } from '../domain/person.commands';
import { PersonProfile, personStreamId } from '../domain/person.events';
import { PersonDirectory } from '../person-directory';
import { PersonKeys } from '../person-keys';

export class RegisterPerson extends Command<{ personId: string; created: boolean }> {
  constructor(
    readonly idNumber: string,
    readonly name: string,
    readonly profile: Omit<PersonProfile, 'personId'> & { registeredAt?: string },
    readonly now: Date,
    readonly metadata: EventMetadata,
    /** Who registers (from HTTP): someone outside the person's reach learns nothing of them. */
    readonly actor?: AccessHolder,
  ) {
    super();
  }
}

/** The same ID number always maps to the same person: registering again returns them (R: idempotent). */
@CommandHandler(RegisterPerson)
export class RegisterPersonHandler implements ICommandHandler<RegisterPerson> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PII_VAULT) private readonly vault: PiiVault,
    private readonly directory: PersonDirectory,
    private readonly keys: PersonKeys,
  ) {}

  async execute(command: RegisterPerson) {
    const personId = this.directory.personIdFor(command.idNumber);
    // Sealed with the person's own key (crypto-shredding), which the master key wraps.
    const [idNumberSealed, nameSealed] = await this.keys.sealFor(personId, [
      command.idNumber,
      command.name,
    ]);
    const registration = {
      personId,
      ...command.profile,
      idNumberHash: this.vault.lookupHash(command.idNumber),
      idNumberSealed,
      nameSealed,
      personalDataHash: this.vault.lookupHash(`name\u001f${command.name}`),
    };
    return handle(
      this.store,
      personDecider,
      personStreamId(personId),
      { type: 'RegisterPerson', registration },
      {
        metadata: command.metadata,
        eventId: () => derivedId(personId, 'registered'),
        check: (state) => {
          const { actor } = command;
          // Registered already, where the caller may not reach: the same refusal as any other
          // registration outside the caller's reach, never a 409 saying the ID number is taken.
          if (actor && state.registration && !mayAccess(actor, state.registration))
            throw localized(ForbiddenException, msg('access.register-person'));
        },
        occurredAt: command.now,
        result: (_state, events) => ({ personId, created: events.length > 0 }),
      },
    );
  }
}
