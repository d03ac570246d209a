import type { RecordedEvent } from '../event-store/event-store.port';
import type { PersonErased, PersonRegistered } from '../persons/domain/person.events';
import { namePieces, nameToken, normalizedName } from '../persons/person-names';
import type { Reactor } from './reactor';

export const personNamesReactorName = 'reactor:person-names';

/**
 * Keeps `person_name_index` (migration 0018): the keyed hashes of each registered person's name
 * pieces, so the console finds people by name within the caller's scope; an erasure deletes the
 * person's rows. Names are opened with the person's own key: once that key is destroyed, a replay
 * indexes nothing for them.
 */
export const personNamesReactor: Reactor<{ tokens: number }> = {
  name: personNamesReactorName,
  version: 1,
  handles: ['PersonRegistered', 'PersonErased'],
  async react(event, { sql, pii }) {
    if (!pii) throw new Error('reactor:person-names needs the PII vault');
    if (event.type === 'PersonErased') {
      const { personId } = (event as RecordedEvent<string, PersonErased['data']>).data;
      const deleted = await sql`DELETE FROM person_name_index WHERE person_id = ${personId}`;
      return { tokens: -deleted.count };
    }
    const { personId, nameSealed } = (event as RecordedEvent<string, PersonRegistered['data']>)
      .data;
    const name = await pii.openFor(personId, nameSealed);
    if (name === null) return { tokens: 0 };
    const tokens = namePieces(normalizedName(name)).map((p) => nameToken(pii.lookupHash, p));
    if (tokens.length === 0) return { tokens: 0 };
    const inserted = await sql`
      INSERT INTO person_name_index (token, person_id)
      SELECT t, ${personId} FROM unnest(${tokens}::text[]) AS t
      ON CONFLICT DO NOTHING`;
    return { tokens: inserted.count };
  },
};
