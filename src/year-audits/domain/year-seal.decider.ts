import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/domain/canonical-json';
import { assertNever, conflict } from '../../shared/domain/domain-error';
import { msg } from '../../shared/domain/messages';
import type { Decider, DomainEvent } from '../../shared/domain/domain-event';

export type YearSealed = DomainEvent<
  'YearSealed',
  {
    jurisdiction: string;
    year: number;
    /** The person-years projection's log position the verdicts were read at. */
    position: string;
    /** Everyone in the year's population, out-of-scope people included (they are reported, not rated). */
    people: number;
    /** `out-of-scope` is absent on seals recorded before it was reported. */
    verdicts: Record<'compliant' | 'exempt' | 'short', number> & { 'out-of-scope'?: number };
    /** The credit year's last day (Asia/Shanghai); a year is sealed only after it. Absent on older seals. */
    yearLastDay?: string;
    /** sha256 over the sorted (personId, verdict, counted credits) triples. */
    verdictsDigest: string;
    dueBy: string | null;
    late: boolean;
  }
>;

/** The verdicts of a seal, a part at a time, appended with the seal itself (never without it). */
export type SealedVerdictsRecorded = DomainEvent<
  'SealedVerdictsRecorded',
  { jurisdiction: string; year: number; part: number; parts: number; verdicts: SealedVerdict[] }
>;

export type YearAuditEvent = YearSealed | SealedVerdictsRecorded;

/** Verdicts per event (≈100 bytes each); with the store's events per append, ≈1 M people a seal. */
export const sealedVerdictsPerEventMax = 1_000;

export const yearAuditStreamId = (jurisdiction: string, year: number) =>
  `yearaudit-${jurisdiction}-${year}`;

export interface SealState {
  sealed: YearSealed['data'] | null;
}

export const sealEvolver = {
  initialState: (): SealState => ({ sealed: null }),
  evolve(state: SealState, event: YearAuditEvent): SealState {
    switch (event.type) {
      case 'YearSealed':
        return { sealed: event.data };
      case 'SealedVerdictsRecorded':
        return state;
      default:
        return assertNever(event);
    }
  },
};

/** The seal and every verdict it records, as one append: a seal never stands without its rows. */
export function decideSeal(
  state: SealState,
  data: YearSealed['data'],
  verdicts: readonly SealedVerdict[],
): YearAuditEvent[] {
  if (state.sealed)
    throw conflict(
      msg('conflict.sealed-already', {
        jurisdiction: data.jurisdiction,
        year: data.year,
        position: state.sealed.position,
      }),
    );
  if (verdictsDigest(verdicts) !== data.verdictsDigest)
    throw new Error('the verdicts do not match the digest the seal records');
  const parts = Math.ceil(verdicts.length / sealedVerdictsPerEventMax);
  return [
    { type: 'YearSealed', data },
    ...Array.from({ length: parts }, (_, part): SealedVerdictsRecorded => ({
      type: 'SealedVerdictsRecorded',
      data: {
        jurisdiction: data.jurisdiction,
        year: data.year,
        part: part + 1,
        parts,
        verdicts: verdicts.slice(
          part * sealedVerdictsPerEventMax,
          (part + 1) * sealedVerdictsPerEventMax,
        ),
      },
    })),
  ];
}

export interface SealedVerdict {
  personId: string;
  verdict: 'compliant' | 'exempt' | 'short' | 'out-of-scope';
  counted: string;
}

export function verdictsDigest(verdicts: readonly SealedVerdict[]): string {
  const sorted = [...verdicts].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  return createHash('sha256').update(canonicalJson(sorted)).digest('hex');
}

/** What can be asked of a jurisdiction-year's audit stream: sealing it, with the verdicts read. */
export type YearAuditCommand = {
  type: 'SealYear';
  seal: YearSealed['data'];
  verdicts: readonly SealedVerdict[];
};

export const yearAuditDecider: Decider<YearAuditCommand, SealState, YearAuditEvent> = {
  initialState: sealEvolver.initialState,
  evolve: sealEvolver.evolve,
  decide(command, state) {
    switch (command.type) {
      case 'SealYear':
        return decideSeal(state, command.seal, command.verdicts);
      default:
        return assertNever(command.type); // one command: its literal type narrows, the object does not
    }
  },
};
