/** Every limit of the store is named here (TigerBeetle style: units last). */
export const appendEventsCountMax = 1_000;
export const streamIdLengthMax = 200;
export const eventTypeLengthMax = 200;
export const readLimitMax = 10_000;
export const readLimitDefault = 1_000;
export const subscribeBatchSizeDefault = 500;
export const subscribePollIntervalMsDefault = 100;
/** Retries of an append whose transaction id fell behind the stream head (see the migration). */
export const appendOrderRetriesMax = 20;
/** Retries of an append that lost an event-id race (it then becomes an idempotent replay). */
export const appendRaceRetriesMax = 3;
/** Sessions named as holding readers back (the oldest first; the first sets the horizon). */
export const horizonHoldersReportedMax = 3;
/** Held-back events counted at most (beyond it the count reads "at least"). */
export const eventsHeldBackCountMax = 100_000;
