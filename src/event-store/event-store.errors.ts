/** Typed failures of the event store port; the HTTP layer maps them to status codes. */

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    /** The stream's version when the append was tried; 0 when it did not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected ${expected}, but the stream is at version ${actual}`);
  }
}

/** The same event id was appended before with different content. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`event ${eventId} was already appended with different content (${detail})`);
  }
}

/** The request itself is malformed (bad stream id, too many events, bad timestamp…). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/**
 * The store cannot be reached now (a server away, no leader, a deadline passed): the request may
 * be retried. Carries a `code` the HTTP layer's unavailable filter answers with 503.
 */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  readonly code = 'EVENT_STORE_UNAVAILABLE';
}
