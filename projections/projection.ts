/**
 * A projection is pure: which events it handles, the key (document) each event belongs to, and
 * `evolve(state, event)`. The runner in src/projections feeds it from the log in batches and
 * writes its documents and its checkpoint in one transaction. Documents are JSON.
 */
export interface ProjectedEvent {
  type: string;
  data: unknown;
  streamId: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  /**
   * The event's global position in the log (decimal text), where it was read from the log; a
   * projection that points back at events (provenance) keeps it.
   */
  globalPosition?: string;
}

export interface Projection<S> {
  name: string;
  /** Bump to make `ledger rebuild` the way to apply a change of logic or rules. */
  version: number;
  /** The table holding `(key text primary key, doc jsonb)`; created by a migration. */
  table: string;
  handles: readonly string[];
  keyOf(event: ProjectedEvent): string | null;
  initialState(key: string): S;
  evolve(state: S, event: ProjectedEvent): S;
  /**
   * Derived fields, computed once per document before it is written (after a batch, not after
   * every event). Readers of a document folded without it must not rely on them.
   */
  finalize?(state: S): S;
}
