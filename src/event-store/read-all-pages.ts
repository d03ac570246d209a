import { readLimitDefault, readLimitMax } from './event-store.limits';
import {
  compareLogPositions,
  type EventStore,
  type LogPosition,
  type ReadAllOptions,
  type ReadAllPagesOptions,
  type RecordedEvent,
  type StreamHead,
} from './event-store.port';

/**
 * `readAllPages` for any store, over its `readAll`: keyset pages in log order, the next one read
 * while the caller works on this one (reading is about half of a rebuild's or a verifier's time),
 * so at most two pages are in memory. Ends at the first empty page, or at `to`.
 */
export async function* pagesOfLog<E extends { position: LogPosition } = RecordedEvent>(
  store: { readAll(options: ReadAllOptions): Promise<E[]> },
  options: ReadAllPagesOptions = {},
): AsyncIterable<E[]> {
  const pageSize = options.pageSize ?? readLimitDefault;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > readLimitMax)
    throw new RangeError(`pageSize must be a whole number from 1 to ${readLimitMax}`);
  const { to, recordedBefore } = options;
  const read = (after: LogPosition | undefined) => {
    const page = store.readAll({ after, limit: pageSize, recordedBefore });
    // Awaited on the next turn; never left unhandled when the caller stops early or fails first.
    page.catch(() => undefined);
    return page;
  };
  let after: LogPosition | undefined = options.after;
  let ahead: Promise<E[]> | null = null;
  for (;;) {
    const page: E[] = await (ahead ?? read(after));
    if (page.length === 0) return;
    const last: LogPosition = page[page.length - 1].position;
    after = last;
    // Log order: the events within `to` are a prefix of the page.
    const within = to ? page.filter((e) => compareLogPositions(e.position, to) <= 0) : page;
    const done = to !== undefined && compareLogPositions(last, to) >= 0;
    // Read ahead after a full page only: a short one is the end of what a reader sees now, and a
    // caller that stops there (the live feed polling the log's tail) would leave the read unused.
    ahead = !done && page.length >= pageSize ? read(last) : null;
    if (within.length > 0) yield within;
    if (done) return;
  }
}

/** Stream heads handed out per page by `streamHeadsFromLog`. */
export const streamHeadsPageSize = 1_000;

/**
 * `streamHeads` for any store: one pass over the log up to `to`, keeping each stream's highest
 * version (one entry per stream in memory, not per event), then the heads by stream id.
 */
export async function* streamHeadsFromLog(
  store: Pick<EventStore, 'readAllPages'>,
  options: { to: LogPosition },
): AsyncIterable<StreamHead[]> {
  const heads = new Map<string, StreamHead>();
  for await (const page of store.readAllPages({ to: options.to, pageSize: readLimitMax })) {
    for (const event of page) {
      const seen = heads.get(event.streamId);
      if (!seen || event.streamVersion >= seen.version)
        heads.set(event.streamId, {
          streamId: event.streamId,
          version: event.streamVersion,
          hash: event.hash,
        });
    }
  }
  const sorted = [...heads.values()].sort((a, b) =>
    a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
  );
  for (let i = 0; i < sorted.length; i += streamHeadsPageSize)
    yield sorted.slice(i, i + streamHeadsPageSize);
}
