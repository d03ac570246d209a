import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { loadState } from '../shared/application/state-cache';
import { assertNoSanctionInForce, organizerEvolver } from './domain/organizer.decider';
import { organizerStreamId } from './domain/organizer.events';

/** What other modules ask of an organizer's stream: R16's sanctions in force. */
@Injectable()
export class OrganizerSanctions {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state(organizerId: string) {
    // The organizer evolver copies its map on every event, so the cached state may be shared.
    return (
      await loadState(this.store, organizerStreamId(organizerId), organizerEvolver, {
        shared: true,
      })
    ).state;
  }

  /** Throws R16 (422) if a suspension or ban reaches `jurisdiction` on any of the instants' days. */
  async assertFree(
    organizerId: string,
    jurisdiction: string,
    instants: Date[],
    field: string,
  ): Promise<void> {
    assertNoSanctionInForce(await this.state(organizerId), jurisdiction, instants, field);
  }
}
