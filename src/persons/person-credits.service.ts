import { Inject, Injectable } from '@nestjs/common';
import type { ActivityDetails } from '../activities/domain/activity.events';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../event-store/event-store.port';
import { creditYearOf, profileFor } from '../rules/rule-profiles';
import { runCommand } from '../shared/event-sourcing';
import { derivedId, splitCompositeId } from '../shared/ids';
import { decideAnnulCredit, decideProjectGrant, personEvolver } from './domain/person.decider';
import { personStreamId } from './domain/person.events';

/** How many person streams a fan-out writes at once. */
export const fanOutConcurrencyMax = 8;

export interface ProjectGrant {
  personId: string;
  creditId: string;
  scannedAt: string;
}

/**
 * Writes that one fact causes on many person streams (a report approved, a project annulled).
 * Each write has an event id derived from its cause, so running the fan-out again after a crash
 * or a retry completes it without doubling anything.
 */
@Injectable()
export class PersonCredits {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async grantProjectCredits(
    activity: ActivityDetails,
    sessionId: string,
    amount: string,
    hours: string,
    calculation: string,
    grants: readonly ProjectGrant[],
    metadata: EventMetadata,
  ): Promise<number> {
    let granted = 0;
    await forEachLimited(grants, async (grant) => {
      const appended = await runCommand(
        this.store,
        personStreamId(grant.personId),
        personEvolver,
        (state) => {
          const earnedAt = new Date(grant.scannedAt);
          const jurisdiction = state.registration?.jurisdiction ?? activity.jurisdiction;
          const creditYear = creditYearOf(jurisdiction, earnedAt);
          const events = decideProjectGrant(
            state,
            { creditYear, profile: profileFor(jurisdiction, creditYear) },
            { creditId: grant.creditId, activity, sessionId, amount, hours, earnedAt, calculation },
          );
          return {
            events: events.map((event) => ({
              event,
              eventId: derivedId(grant.creditId, 'granted'),
              occurredAt: earnedAt,
            })),
            result: events.length,
          };
        },
        metadata,
      );
      granted += appended;
    });
    return granted;
  }

  async annulCredits(
    creditIds: readonly string[],
    activityId: string,
    reason: string,
    now: Date,
    metadata: EventMetadata,
  ): Promise<number> {
    let annulled = 0;
    await forEachLimited(creditIds, async (creditId) => {
      const personId = (splitCompositeId(creditId) as { parent: string }).parent;
      annulled += await runCommand(
        this.store,
        personStreamId(personId),
        personEvolver,
        (state) => {
          const events = decideAnnulCredit(state, { creditId, activityId, reason });
          return {
            events: events.map((event) => ({
              event,
              eventId: derivedId(creditId, 'annulled'),
              occurredAt: now,
            })),
            result: events.length,
          };
        },
        metadata,
      );
    });
    return annulled;
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(fanOutConcurrencyMax, items.length) }, worker));
}
