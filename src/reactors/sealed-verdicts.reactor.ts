import type { RecordedEvent } from '../event-store/event-store.port';
import type { SealedVerdictsRecorded } from '../year-audits/domain/year-seal.decider';
import type { Reactor } from './reactor';

export const sealedVerdictsReactorName = 'reactor:sealed-verdicts';

/**
 * The verdicts a seal recorded (in the same append as the seal itself, so a seal never exists
 * without them) become rows of `sealed_verdicts`, the table person-years and statistics read to
 * show post-seal changes. Inserting a row that is there already changes nothing.
 */
export const sealedVerdictsReactor: Reactor<{ rows: number }> = {
  name: sealedVerdictsReactorName,
  version: 1,
  handles: ['SealedVerdictsRecorded'],
  async react(event, { sql }) {
    const { jurisdiction, year, verdicts } = (
      event as RecordedEvent<string, SealedVerdictsRecorded['data']>
    ).data;
    const inserted = await sql`
      INSERT INTO sealed_verdicts (jurisdiction, year, person_id, verdict, counted)
      SELECT ${jurisdiction}, ${year}, t.p, t.v, t.c
        FROM unnest(${verdicts.map((v) => v.personId)}::text[], ${verdicts.map((v) => v.verdict)}::text[], ${verdicts.map((v) => v.counted)}::text[]) AS t(p, v, c)
      ON CONFLICT DO NOTHING`;
    return { rows: inserted.count };
  },
};
