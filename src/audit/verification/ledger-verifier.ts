import { createHash } from 'node:crypto';
import { eventHash, hashAlgorithm } from '../../event-store/event-hash';
import {
  decodeLogPosition,
  encodeLogPosition,
  type EventStore,
  type LogPosition,
  readLimitMaxForStreams,
  type RecordedEvent,
  type StreamHead,
} from '../../event-store/event-store.port';

/** Events read from the log per page while verifying: memory stays flat with the log's size. */
export const verifyPageSize = 2_000;
/** Breaks reported at most (the first is what matters). */
export const breaksReportedMax = 100;
export const digestAlgorithm = 'merkle-sha256-stream-heads-v1';

export interface ChainBreakReport {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  reason:
    | 'hash-mismatch'
    | 'prev-hash-mismatch'
    | 'version-gap'
    | 'head-mismatch'
    /** Against a published digest: the stream now ends before the head published then. */
    | 'tail-lost'
    /** Against a published digest: the stream published then is gone. */
    | 'stream-vanished'
    /** Against a published digest without its heads: the root at its position differs. */
    | 'digest-mismatch';
}

/**
 * A digest published earlier (GET /audit/digest, `ledger digest`), with the stream heads it was
 * made from when they were kept (`ledger digest --heads`): the reference that shows a stream which
 * lost its tail or vanished since — something no store's own record can show where, as on
 * EventStoreDB, a stream is nothing but its events.
 */
export interface PublishedDigest {
  position: string | null;
  root: string;
  heads?: StreamHead[];
}

export interface VerificationReport {
  ok: boolean;
  algorithm: string;
  streams: number;
  events: number;
  /** The earliest broken event in log order, or null. */
  firstBreak: ChainBreakReport | null;
  breaks: ChainBreakReport[];
  digest: LedgerDigest;
}

export interface LedgerDigest {
  algorithm: string;
  /** The log position the digest covers (every event at or before it). */
  position: string | null;
  root: string;
  streams: number;
  events: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Merkle root over the heads of all streams (sorted by stream id): one published value commits
 * to every event, because each head's hash chains back through its whole stream.
 */
export function merkleRoot(
  heads: readonly { streamId: string; version: number; hash: string }[],
): string {
  let level = [...heads]
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0))
    .map((h) => sha256(`leaf\n${h.streamId}\n${h.version}\n${h.hash}`));
  if (level.length === 0) return sha256('empty');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(sha256(`node\n${level[i]}\n${level[i + 1] ?? level[i]}`));
    level = next;
  }
  return level[0];
}

/**
 * The digest of the log at a position (default: the current head): the heads of every stream as
 * they stood then. Recomputing it later for the same position gives the same root unless history
 * was changed.
 */
export async function ledgerDigest(store: EventStore, at?: LogPosition): Promise<LedgerDigest> {
  const { digest } = await digestWithHeads(store, at);
  return digest;
}

/** The digest and the heads it was made from (sorted by stream id), to publish both. */
export async function digestWithHeads(
  store: EventStore,
  at?: LogPosition,
): Promise<{ digest: LedgerDigest; heads: StreamHead[] }> {
  const position = at ?? (await store.headPosition());
  if (!position) return { digest: digestOf(null, []), heads: [] };
  const heads: StreamHead[] = [];
  for await (const page of store.streamHeads({ to: position })) heads.push(...page);
  heads.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  return { digest: digestOf(position, heads), heads };
}

/**
 * What differs between a published digest and the heads the log gives now at the same position:
 * each published stream that is gone (`stream-vanished`), ends earlier (`tail-lost`) or ends in
 * another hash (`head-mismatch`); without published heads, only whether the root differs.
 */
export function compareWithPublished(
  published: PublishedDigest,
  headsNow: readonly StreamHead[],
): ChainBreakReport[] {
  if (!published.heads) {
    if (merkleRoot(headsNow) === published.root) return [];
    return [
      {
        eventId: '',
        streamId: '',
        streamVersion: 0,
        globalPosition: '',
        reason: 'digest-mismatch',
      },
    ];
  }
  const now = new Map(headsNow.map((h) => [h.streamId, h]));
  const breaks: ChainBreakReport[] = [];
  for (const then of published.heads) {
    const head = now.get(then.streamId);
    const at = {
      eventId: '',
      streamId: then.streamId,
      streamVersion: then.version,
      globalPosition: '',
    };
    if (!head) breaks.push({ ...at, reason: 'stream-vanished' });
    else if (head.version < then.version) breaks.push({ ...at, reason: 'tail-lost' });
    else if (head.version !== then.version || head.hash !== then.hash)
      breaks.push({ ...at, reason: 'head-mismatch' });
  }
  return breaks;
}

function digestOf(position: LogPosition | null, heads: readonly StreamHead[]): LedgerDigest {
  return {
    algorithm: digestAlgorithm,
    position: position ? encodeLogPosition(position) : null,
    root: merkleRoot(heads),
    streams: heads.length,
    // Every event at or before the position: a stream's head version counts its events.
    events: heads.reduce((n, h) => n + h.version, 0),
  };
}

/** A stream's chain as far as the verifier has followed it. */
interface ChainState {
  version: number;
  hash: string | null;
}

/**
 * Recomputes every stream's hash chain from its first event, in one pass over the log through
 * the port up to the head (one entry per stream in memory, not per event), and the digest at that
 * head from the same pass. Where the store keeps its own record of stream heads (PostgreSQL's
 * `streams`), each chain's end is compared with it, so that a deleted last event shows. Names the
 * earliest event that does not match.
 */
export async function verifyLedger(
  store: EventStore,
  options: { published?: PublishedDigest } = {},
): Promise<VerificationReport> {
  const breaks: ChainBreakReport[] = [];
  const report = (b: ChainBreakReport) => {
    if (breaks.length < breaksReportedMax) breaks.push(b);
  };
  const chains = new Map<string, ChainState>();
  /** The digest's heads: each stream's highest version read (the chain may have gaps). */
  const heads = new Map<string, StreamHead>();
  let events = 0;
  const head = await store.headPosition();
  if (head) {
    for await (const page of store.readAllPages({ to: head, pageSize: verifyPageSize })) {
      for (const event of page) {
        events += 1;
        const chain = chains.get(event.streamId) ?? { version: 0, hash: null };
        const broken = chainBreak(chain, event);
        if (broken) report(broken);
        chains.set(event.streamId, { version: event.streamVersion, hash: event.hash });
        const seen = heads.get(event.streamId);
        if (!seen || event.streamVersion >= seen.version)
          heads.set(event.streamId, {
            streamId: event.streamId,
            version: event.streamVersion,
            hash: event.hash,
          });
      }
    }
  }
  const digest = digestOf(head, [...heads.values()]);
  let streams = chains.size;
  if (store.recordedStreamHeads) {
    for await (const page of store.recordedStreamHeads()) {
      for (const recorded of page) {
        const chain = chains.get(recorded.streamId) ?? { version: 0, hash: null };
        if (chain.version === recorded.version && (chain.hash ?? '') === recorded.hash) continue;
        // Appended since the pass read up to its head (or held back behind the horizon then):
        // follow the chain on to the recorded head through the stream itself.
        const onward = await followChain(store, recorded, chain);
        events += onward.events;
        if (chain.version === 0 && onward.events > 0) streams += 1;
        for (const b of onward.breaks) report(b);
        if (onward.reached) continue;
        report({
          eventId: '',
          streamId: recorded.streamId,
          streamVersion: recorded.version,
          globalPosition: '',
          reason: 'head-mismatch',
        });
      }
    }
  }
  if (options.published?.position) {
    const then = decodeLogPosition(options.published.position);
    const headsNow: StreamHead[] = [];
    for await (const page of store.streamHeads({ to: then })) headsNow.push(...page);
    for (const b of compareWithPublished(options.published, headsNow)) report(b);
  }
  const ordered = [...breaks].sort((a, b) =>
    a.globalPosition === ''
      ? 1
      : b.globalPosition === ''
        ? -1
        : Number(BigInt(a.globalPosition) - BigInt(b.globalPosition)),
  );
  return {
    ok: breaks.length === 0,
    algorithm: hashAlgorithm,
    streams,
    events,
    firstBreak: ordered[0] ?? null,
    breaks: ordered,
    digest,
  };
}

function chainBreak(chain: ChainState, event: RecordedEvent): ChainBreakReport | null {
  const at = {
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
  };
  if (event.streamVersion !== chain.version + 1) return { ...at, reason: 'version-gap' };
  if (event.prevHash !== chain.hash) return { ...at, reason: 'prev-hash-mismatch' };
  if (eventHash(chain.hash, event) !== event.hash) return { ...at, reason: 'hash-mismatch' };
  return null;
}

/**
 * Reads a stream on from where the pass left it, up to its recorded head, checking each event.
 * `reached` is true when the stream really ends at the recorded head.
 */
async function followChain(
  store: EventStore,
  recorded: StreamHead,
  from: ChainState,
): Promise<{ reached: boolean; events: number; breaks: ChainBreakReport[] }> {
  if (recorded.version <= from.version) return { reached: false, events: 0, breaks: [] };
  const breaks: ChainBreakReport[] = [];
  let chain = from;
  let events = 0;
  while (chain.version < recorded.version) {
    const page = await store.readStream(recorded.streamId, {
      fromVersion: chain.version + 1,
      toVersion: recorded.version,
      limit: readLimitMaxForStreams,
    });
    if (page.length === 0) break;
    for (const event of page) {
      events += 1;
      const broken = chainBreak(chain, event);
      if (broken) breaks.push(broken);
      chain = { version: event.streamVersion, hash: event.hash };
    }
  }
  return {
    reached: chain.version === recorded.version && (chain.hash ?? '') === recorded.hash,
    events,
    breaks,
  };
}
