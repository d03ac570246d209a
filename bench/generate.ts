import { createHash } from 'node:crypto';
import type { PiiVault } from '../src/shared/pii-vault';
import type { EventStore, NewEvent } from '../src/event-store/event-store.port';
import { creditYearOf } from '../src/rules/rule-profiles';
import { compositeId, derivedId } from '../src/shared/ids';

/**
 * A seeded, province-scale data set written through the store's batch append: people across title
 * levels and two jurisdictions (a grassroots share included), projects and non-project activities,
 * sessions, scans (with repeats counted, not recorded), report approvals, remote credits with
 * verification, revocations, adjustments and exemptions. It streams: people are made and written in
 * chunks, so memory stays flat however large the size.
 */
export const sizes = {
  small: { persons: 10_000, years: 1 },
  medium: { persons: 100_000, years: 3 },
  large: { persons: 300_000, years: 3 },
} as const;
export type SizeName = keyof typeof sizes;

/** People written per chunk; the only thing held in memory. */
export const generatorChunkPersons = 1_000;
/** Streams appended at once (the store's pool takes them in parallel). */
export const generatorWritersMax = 8;
/** Attendees per session (so sessions = people × sessions attended ÷ this). */
export const attendeesPerSession = 200;
export const sessionsPerPersonYear = 4;

const jurisdictions = ['CN-ZJ', 'CN-CQ'] as const;
const titleLevels = ['junior', 'junior', 'intermediate', 'intermediate', 'senior'] as const;
const firstYear = 2024;

/** Deterministic pseudo-random numbers from a seed (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const meta = (actorId: string, role: string, jurisdiction: string) => ({
  actorId,
  role,
  jurisdiction,
});
const event = (
  id: string,
  type: string,
  data: unknown,
  occurredAt: Date,
  metadata: Record<string, unknown>,
): NewEvent => ({ eventId: id, type, data, occurredAt, metadata });

export interface GeneratedSummary {
  size: SizeName;
  persons: number;
  years: number;
  events: number;
  sessions: number;
  sample: { personIds: string[]; creditIds: string[]; sessionIds: string[] };
}

export async function generate(
  store: EventStore,
  size: SizeName,
  seed = 20261123,
  onProgress: (events: number) => void = () => undefined,
  /**
   * The service's PII vault: ID numbers and names are then sealed as the service seals them (the
   * person-names reactor opens every name). Without it they are random text of the same shape,
   * which nothing that opens them can read.
   */
  vault?: PiiVault,
): Promise<GeneratedSummary> {
  const { persons, years } = sizes[size];
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  let events = 0;
  const write = async (
    streamId: string,
    batch: NewEvent[],
    expected: 'no-stream' | 'any' | number,
  ) => {
    for (let i = 0; i < batch.length; i += 1000) {
      await store.append(streamId, batch.slice(i, i + 1000), i === 0 ? expected : 'any');
    }
    events += batch.length;
    onProgress(events);
  };

  // Activities and their sessions: one project per (jurisdiction, year, slot), a session each.
  const sessionsPerYear = Math.max(
    1,
    Math.ceil((persons * sessionsPerPersonYear) / attendeesPerSession / jurisdictions.length),
  );
  const activityIdOf = (j: number, year: number, slot: number) =>
    derivedId('bench', String(j), String(year), String(slot), 'activity');
  // Ids shaped as the ledger makes them: a session id names its activity, a credit id its person.
  const sessionUuidOf = (j: number, year: number, slot: number) =>
    derivedId('bench', String(j), String(year), String(slot), 'session');
  const sessionIdOf = (j: number, year: number, slot: number) =>
    compositeId(activityIdOf(j, year, slot), sessionUuidOf(j, year, slot));
  let sessionCount = 0;
  for (const [j, jurisdiction] of jurisdictions.entries()) {
    for (let y = 0; y < years; y += 1) {
      const year = firstYear + y;
      for (let slot = 0; slot < sessionsPerYear; slot += 1) {
        const activityId = activityIdOf(j, year, slot);
        const startsAt = new Date(Date.UTC(year, slot % 10, 1 + (slot % 27), 0, 30));
        const remote = slot % 7 === 6;
        const committee = meta(`committee-${jurisdiction}`, 'committee', jurisdiction);
        await write(
          `activity-${activityId}`,
          [
            event(
              derivedId(activityId, 'registered'),
              'ActivityRegistered',
              {
                activityId,
                kind: 'project',
                code: `${year}-${String(slot).padStart(4, '0')}`,
                title: `bench project ${slot}`,
                level: slot % 5 === 0 ? 'national' : 'provincial',
                category: null,
                subject: slot % 4 === 0 ? 'public' : 'professional',
                format: remote ? 'remote' : 'in-person',
                credits: '4',
                hours: '12',
                jurisdiction,
                organizerId: `org-${jurisdiction}-${slot % 50}`,
              },
              startsAt,
              committee,
            ),
            event(
              derivedId(activityId, 'scheduled'),
              'SessionScheduled',
              {
                sessionId: sessionIdOf(j, year, slot),
                startsAt: startsAt.toISOString(),
                endsAt: new Date(startsAt.getTime() + 8 * 3600_000).toISOString(),
                location: 'hall',
                creditYear: creditYearOf(jurisdiction, startsAt),
                profileId: jurisdiction === 'CN-ZJ' ? 'zhejiang-2024' : 'chongqing-2017',
              },
              startsAt,
              committee,
            ),
          ],
          'no-stream',
        );
        sessionCount += 1;
      }
    }
  }

  const sample: GeneratedSummary['sample'] = { personIds: [], creditIds: [], sessionIds: [] };
  for (let start = 0; start < persons; start += generatorChunkPersons) {
    const attendance = new Map<string, NewEvent[]>(); // by session stream
    const writes: (() => Promise<void>)[] = [];
    const end = Math.min(persons, start + generatorChunkPersons);
    for (let p = start; p < end; p += 1) {
      const j = p % jurisdictions.length;
      const jurisdiction = jurisdictions[j];
      const personId = derivedId('bench-person', String(seed), String(p));
      const registeredAt = new Date(Date.UTC(firstYear, 0, 1));
      const committee = meta(`committee-${jurisdiction}`, 'committee', jurisdiction);
      const personEvents: NewEvent[] = [
        event(
          derivedId(personId, 'registered'),
          'PersonRegistered',
          {
            personId,
            profession: pick(['physician', 'nurse', 'pharmacist', 'technician']),
            titleLevel: pick(titleLevels),
            specialty: 'general',
            jurisdiction,
            grassroots: random() < 0.3,
            idNumberHash: hex(personId, 'id'),
            idNumberSealed: vault
              ? vault.encrypt(`bench-id-${p}`)
              : `v1.${hex(personId, 'iv').slice(0, 16)}.${hex(personId, 'body').slice(0, 24)}.${hex(personId, 'tag').slice(0, 22)}`,
            nameSealed: vault
              ? vault.encrypt(`测试人员${p}`)
              : `v1.${hex(personId, 'niv').slice(0, 16)}.${hex(personId, 'name').slice(0, 16)}.${hex(personId, 'ntag').slice(0, 22)}`,
            personalDataHash: hex(personId, 'pd'),
          },
          registeredAt,
          committee,
        ),
      ];
      for (let y = 0; y < years; y += 1) {
        const year = firstYear + y;
        for (let k = 0; k < sessionsPerPersonYear; k += 1) {
          const slot = Math.floor(random() * sessionsPerYear);
          const sessionId = sessionIdOf(j, year, slot);
          const at = new Date(Date.UTC(year, slot % 10, 1 + (slot % 27), 0, 45));
          const attendanceId = derivedId(sessionId, personId, 'attendance');
          const sessionStream = `session-${sessionUuidOf(j, year, slot)}`;
          const list = attendance.get(sessionStream) ?? [];
          if (list.some((e) => e.eventId === attendanceId)) continue; // a repeated scan: no new fact
          list.push(
            event(
              attendanceId,
              'AttendanceRecorded',
              {
                attendanceId,
                personId,
                method: pick(['qr', 'id-card']),
                scannedAt: at.toISOString(),
                deviceId: 'gate-1',
              },
              at,
              meta(`org-${jurisdiction}-${slot % 50}`, 'organizer', jurisdiction),
            ),
          );
          attendance.set(sessionStream, list);
          const creditId = compositeId(personId, derivedId(sessionId, personId, 'credit'));
          if (sample.sessionIds.length < 200 && !sample.sessionIds.includes(sessionId))
            sample.sessionIds.push(sessionId);
          const remote = slot % 7 === 6;
          personEvents.push(
            event(
              derivedId(creditId, 'granted'),
              'CreditGranted',
              {
                creditId,
                source: 'project',
                activityId: activityIdOf(j, year, slot),
                sessionId,
                kind: 'project',
                level: slot % 5 === 0 ? 'national' : 'provincial',
                amount: '4',
                hours: '12',
                category: null,
                subject: slot % 4 === 0 ? 'public' : 'professional',
                format: remote ? 'remote' : 'in-person',
                earnedAt: at.toISOString(),
                creditYear: creditYearOf(jurisdiction, at),
                profileId: jurisdiction === 'CN-ZJ' ? 'zhejiang-2024' : 'chongqing-2017',
                profileVersion: 1,
                verification: remote ? 'pending' : 'not-required',
                calculation: '4 credits as approved',
                evidence: null,
              },
              at,
              committee,
            ),
          );
          if (remote && random() < 0.8)
            personEvents.push(
              event(derivedId(creditId, 'verified'), 'CreditVerified', { creditId }, at, committee),
            );
          if (random() < 0.01)
            personEvents.push(
              event(
                derivedId(creditId, 'revoked'),
                'CreditRevoked',
                {
                  creditId,
                  reason: 'bench: attendance disputed',
                  corrects: derivedId(creditId, 'granted'),
                },
                at,
                meta('admin-1', 'admin', jurisdiction),
              ),
            );
          if (random() < 0.005) {
            personEvents.push(
              event(
                derivedId(creditId, 'adjusted'),
                'CreditAdjusted',
                {
                  creditId,
                  reason: 'bench: hours recounted',
                  corrects: derivedId(creditId, 'granted'),
                  changes: { amount: '3.5' },
                  previous: { amount: '4', category: null, subject: 'professional' },
                },
                at,
                meta('admin-1', 'admin', jurisdiction),
              ),
            );
          }
          if (p < 200 && sample.creditIds.length < 200) sample.creditIds.push(creditId);
        }
        if (random() < 0.02) {
          const exemptionId = derivedId(personId, String(year), 'exemption');
          personEvents.push(
            event(
              exemptionId,
              'ExemptionGranted',
              {
                exemptionId,
                creditYear: year,
                basis: 'residency-training',
                evidence: 'bench certificate',
                profileId: 'national-2024',
              },
              new Date(Date.UTC(year, 5, 1)),
              committee,
            ),
          );
        }
      }
      writes.push(() => write(`person-${personId}`, personEvents, 'no-stream'));
      if (sample.personIds.length < 1000) sample.personIds.push(personId);
    }
    for (const [sessionStream, list] of attendance)
      writes.push(() => write(sessionStream, list, 'any'));
    await runLimited(writes, generatorWritersMax);
  }
  return { size, persons, years, events, sessions: sessionCount, sample };
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex');
}
