/** What a request may ask of the reactors: to wait (a bounded time) for a fact's consequences. */
export const REACTIONS = Symbol('REACTIONS');

/** `outcome` is null when another instance of the service reacted (its checkpoint passed it). */
export type ReactionWait<Outcome> =
  | { status: 'done'; outcome: Outcome | null }
  /** The reactor's decision refused part of it (logged with the reason); the rest is done. */
  | { status: 'refused'; why: string }
  | { status: 'pending' };

/** What the runner records for a reaction whose decision was refused. */
export interface RefusedReaction {
  kind: 'refused';
  why: string;
}

export const isRefused = (outcome: unknown): outcome is RefusedReaction =>
  (outcome as RefusedReaction | null)?.kind === 'refused';

/** The fact whose consequences a request waits for, and where it sits. */
export interface ReactionCause {
  reactor: string;
  eventId: string;
  streamId: string;
  /** The event's version in its stream. */
  version: number;
}

export interface Reactions {
  /**
   * Resolves when the reactor has reacted to the event — here, or in another instance (its
   * checkpoint passed the event) — or with `pending` after REACTION_WAIT_MS (the reactor is
   * catching up, or the database is slow): the reaction happens anyway.
   */
  awaitReaction<Outcome>(cause: ReactionCause): Promise<ReactionWait<Outcome>>;
}
