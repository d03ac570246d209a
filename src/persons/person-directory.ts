import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { notFound } from '../shared/domain/domain-error';
import { derivedId } from '../shared/ids';
import { PII_VAULT, PiiVault } from '../shared/pii-vault';
import { personStreamId } from './domain/person.events';
import { msg } from '../shared/domain/messages';

/**
 * Finds people without a look-up table: a person's id is derived from the keyed hash of their ID
 * number, so the same card always leads to the same stream, and the id reveals nothing.
 */
/** People known to be registered (registration is never undone), so a scan skips the look-up. */
const knownPeopleMax = 200_000;

@Injectable()
export class PersonDirectory {
  private readonly known = new Set<string>();

  constructor(
    @Inject(PII_VAULT) private readonly vault: PiiVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  personIdFor(idNumber: string): string {
    return derivedId('person', this.vault.lookupHash(idNumber));
  }

  /** The person's id, from either form; 404 naming the field when nobody is registered. */
  async resolve(ref: { idNumber?: string; personId?: string }): Promise<string> {
    const field = ref.personId ? 'personId' : 'idNumber';
    const personId = ref.personId ?? this.personIdFor(ref.idNumber as string);
    if (this.known.has(personId)) return personId;
    if ((await this.store.streamVersion(personStreamId(personId))) === 0) {
      throw notFound(field, msg('not-found.person-by', { field }));
    }
    if (this.known.size >= knownPeopleMax) this.known.clear();
    this.known.add(personId);
    return personId;
  }
}
