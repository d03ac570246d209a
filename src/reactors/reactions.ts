/** What a request may ask of the reactors: to wait (a bounded time) for a fact's consequences. */
export const REACTIONS = Symbol('REACTIONS');

export type ReactionWait<Outcome> = { status: 'done'; outcome: Outcome } | { status: 'pending' };

export interface Reactions {
  /**
   * Resolves when this process has reacted to the event, or with `pending` after the configured
   * wait (another instance may react, or the reactor is catching up): the reaction happens anyway.
   */
  awaitReaction<Outcome>(eventId: string): Promise<ReactionWait<Outcome>>;
}
