import { msg, says } from '../shared/domain/messages';
import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { activityEvolver } from '../activities/domain/activity.decider';
import { activityStreamId } from '../activities/domain/activity.events';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { profileFor } from '../rules/rule-profiles';
import { notFound } from '../shared/domain/domain-error';
import { loadState } from '../shared/application/state-cache';
import { compositeIdPattern } from '../shared/http/validators';
import { splitCompositeId } from '../shared/ids';
import { SessionContext } from './domain/session.decider';
import { sessionStreamId } from './domain/session.events';

export class SessionParams {
  @ApiProperty({
    description: 'Opaque session id returned by POST /activities/{activityId}/sessions',
  })
  @Matches(compositeIdPattern, says(msg('validation.session-id', { field: 'sessionId' })))
  sessionId!: string;
}

/** A session's facts live on its activity's stream; its attendance and report on its own. */
@Injectable()
export class SessionContexts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(sessionId: string): Promise<{ context: SessionContext; streamId: string }> {
    const parts = splitCompositeId(sessionId);
    if (!parts) throw notFound('sessionId', msg('not-found.session'));
    // Read only: the activity evolver never mutates a state in place, so the cached one is safe.
    const { state } = await loadState(this.store, activityStreamId(parts.parent), activityEvolver, {
      shared: true,
    });
    const session = state.sessions.get(sessionId);
    if (!state.details || !session) throw notFound('sessionId', msg('not-found.session'));
    return {
      context: {
        activity: state.details,
        session,
        annulled: state.annulled,
        profile: profileFor(state.details.jurisdiction, session.creditYear),
      },
      streamId: sessionStreamId(parts.child),
    };
  }
}
