import { EventStore, readLimitMaxForStreams, RecordedEvent } from './event-store.port';

/** Every event of a stream (optionally as of an instant), page by page. */
export async function readWholeStream(
  store: EventStore,
  streamId: string,
  recordedBefore?: Date,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(streamId, {
      fromVersion: events.length + 1,
      recordedBefore,
      limit: readLimitMaxForStreams,
    });
    events.push(...page);
    if (page.length < readLimitMaxForStreams) return events;
  }
}
