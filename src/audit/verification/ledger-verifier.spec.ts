import { compareWithPublished, merkleRoot } from './ledger-verifier';

const head = (streamId: string, version: number, hash = `h-${streamId}-${version}`) => ({
  streamId,
  version,
  hash,
});

describe('a published digest against the heads the log gives now at its position', () => {
  const published = [head('a', 3), head('b', 2), head('c', 5)];

  it('the same heads: nothing to report', () => {
    expect(
      compareWithPublished({ position: '1:1', root: merkleRoot(published), heads: published }, [
        ...published,
      ]),
    ).toEqual([]);
  });

  it('names a stream that lost its tail, one that vanished, and one that ends in another hash', () => {
    const now = [head('a', 1), head('c', 5, 'rewritten')];
    const breaks = compareWithPublished(
      { position: '1:1', root: merkleRoot(published), heads: published },
      now,
    );
    expect(breaks.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
      ['a', 3, 'tail-lost'],
      ['b', 2, 'stream-vanished'],
      ['c', 5, 'head-mismatch'],
    ]);
  });

  it('without published heads, only whether the root differs', () => {
    const digest = { position: '1:1', root: merkleRoot(published) };
    expect(compareWithPublished(digest, published)).toEqual([]);
    expect(compareWithPublished(digest, published.slice(1))).toEqual([
      expect.objectContaining({ reason: 'digest-mismatch' }),
    ]);
  });
});
