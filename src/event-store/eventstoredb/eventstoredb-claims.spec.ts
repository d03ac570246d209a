import { prepareEvent } from '../append-validation';
import {
  claimFor,
  claimStreamId,
  isClaimStream,
  judgeClaims,
  parseClaim,
  probeKey,
  type EventIdClaim,
} from './eventstoredb-claims';

const id = '7d0b1f9e-2a7c-4c1e-9b8a-1f2e3d4c5b60';
const other = '0e3c1c7a-5f55-4a39-9b43-2b7c1f0b9a11';
const event = (data: unknown) =>
  prepareEvent({
    eventId: id,
    type: 'ScanRecorded',
    data,
    occurredAt: new Date('2026-03-01T00:00:00Z'),
  });

/** The places claims name, as the adapter reads them: `version@stream` → id there (absent: empty). */
const places = (entries: Record<string, string>) => (c: EventIdClaim) =>
  entries[probeKey(c)] ?? null;

describe('EventStoreDB event-id claims (ids unique across streams, under races)', () => {
  const mine = claimFor('person-a', event({ scan: 'qr-1' }), 3);

  it('names one claim stream per id, outside every ledger stream id, and parses only claims', () => {
    expect(claimStreamId(id.toUpperCase())).toBe(`_cme-event-id-${id}`);
    expect(isClaimStream(claimStreamId(id))).toBe(true);
    expect(isClaimStream('person-a')).toBe(false);
    expect(parseClaim(JSON.parse(JSON.stringify(mine)))).toEqual(mine);
    expect(parseClaim({ streamId: 'x', fingerprint: 'f', streamVersion: 0 })).toBeNull();
    expect(parseClaim(null)).toBeNull();
  });

  it('the fingerprint ignores metadata (a retry carries a new correlation id) but not data, type or stream', () => {
    const retried = prepareEvent({
      eventId: id,
      type: 'ScanRecorded',
      data: { scan: 'qr-1' },
      metadata: { correlationId: 'retry' },
      occurredAt: new Date('2026-03-01T00:00:00Z'),
    });
    expect(claimFor('person-a', retried, 3).fingerprint).toBe(mine.fingerprint);
    expect(claimFor('person-a', event({ scan: 'qr-2' }), 3).fingerprint).not.toBe(mine.fingerprint);
    expect(claimFor('person-b', event({ scan: 'qr-1' }), 3).fingerprint).not.toBe(mine.fingerprint);
  });

  it('no claim yet: free', () => {
    expect(judgeClaims(id, mine, [], places({}))).toEqual({ kind: 'free' });
  });

  it('stored in another stream: conflict, naming the stream (cross-stream id reuse)', () => {
    const theirs = claimFor('person-b', event({ scan: 'qr-1' }), 1);
    expect(judgeClaims(id, mine, [theirs], places({ '1@person-b': id }))).toEqual({
      kind: 'conflict',
      detail: 'already stored in stream person-b',
    });
  });

  it('stored in this stream with other content: conflict; with this content: stored (a replay)', () => {
    const theirs = claimFor('person-a', event({ scan: 'qr-9' }), 2);
    expect(judgeClaims(id, mine, [theirs], places({ '2@person-a': id }))).toMatchObject({
      kind: 'conflict',
      detail: 'stream, type, data or occurredAt differ',
    });
    const same = claimFor('person-a', event({ scan: 'qr-1' }), 2);
    expect(judgeClaims(id, mine, [same], places({ '2@person-a': id.toUpperCase() }))).toEqual({
      kind: 'stored',
      at: same,
    });
  });

  it('other content in flight (its place still empty): wait; the same content in flight: ours', () => {
    const theirs = claimFor('person-a', event({ scan: 'qr-9' }), 3);
    expect(judgeClaims(id, mine, [theirs], places({}))).toEqual({ kind: 'in-flight', at: theirs });
    const twin = claimFor('person-a', event({ scan: 'qr-1' }), 3);
    expect(judgeClaims(id, mine, [twin], places({}))).toEqual({ kind: 'ours' });
  });

  it('a claim whose place holds another event is dead: the id is free again (a lost race frees it)', () => {
    const lost = claimFor('person-a', event({ scan: 'qr-9' }), 3);
    expect(judgeClaims(id, mine, [lost], places({ '3@person-a': other }))).toEqual({
      kind: 'free',
    });
  });

  it('every claim counts: a dead claim of ours does not hide one stored elsewhere', () => {
    const storedElsewhere = claimFor('person-b', event({ scan: 'qr-1' }), 5);
    const deadOurs = claimFor('person-a', event({ scan: 'qr-1' }), 3);
    expect(
      judgeClaims(
        id,
        mine,
        [storedElsewhere, deadOurs],
        places({ '5@person-b': id, '3@person-a': other }),
      ),
    ).toMatchObject({ kind: 'conflict' });
  });

  it('stored wins over in flight, in whatever order the claims were written', () => {
    const inFlight = claimFor('person-c', event({ scan: 'qr-2' }), 1);
    const stored = claimFor('person-a', event({ scan: 'qr-1' }), 2);
    expect(judgeClaims(id, mine, [inFlight, stored], places({ '2@person-a': id }))).toEqual({
      kind: 'stored',
      at: stored,
    });
  });
});
