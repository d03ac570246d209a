import { given, givenDecider } from '../../../test/support/given-when-then';
import {
  decideSeal,
  SealedVerdict,
  sealedVerdictsPerEventMax,
  sealEvolver,
  verdictsDigest,
  YearAuditEvent,
  yearAuditDecider,
  YearSealed,
  yearAuditStreamId,
} from './year-seal.decider';

const verdictOf = (i: number): SealedVerdict => ({
  personId: `p-${String(i).padStart(5, '0')}`,
  verdict: i % 10 === 0 ? 'short' : i % 25 === 0 ? 'exempt' : 'compliant',
  counted: i % 10 === 0 ? '12.5' : '25',
});
const verdictsOf = (count: number) => Array.from({ length: count }, (_, i) => verdictOf(i));
const sealData = (verdicts: readonly SealedVerdict[]): YearSealed['data'] => ({
  jurisdiction: 'CN-CQ',
  year: 2026,
  position: '1200:1200',
  people: verdicts.length,
  verdicts: {
    compliant: verdicts.filter((v) => v.verdict === 'compliant').length,
    exempt: verdicts.filter((v) => v.verdict === 'exempt').length,
    short: verdicts.filter((v) => v.verdict === 'short').length,
  },
  verdictsDigest: verdictsDigest(verdicts),
  dueBy: '2026-11-30T16:00:00.000Z',
  late: false,
});
const sealedEvent = (data: YearSealed['data']): YearAuditEvent => ({ type: 'YearSealed', data });

describe('year seal (学分审验)', () => {
  it('a first seal records the seal, then its verdicts in numbered parts of at most 1,000', () => {
    const verdicts = verdictsOf(2_500);
    const data = sealData(verdicts);
    given(sealEvolver)
      .when((s) => decideSeal(s, data, verdicts))
      .then((events) => {
        expect(sealedVerdictsPerEventMax).toBe(1_000);
        expect(events).toHaveLength(4);
        expect(events[0]).toEqual({ type: 'YearSealed', data });
        const parts = events.slice(1);
        expect(parts.map((e) => e.type)).toEqual(Array(3).fill('SealedVerdictsRecorded'));
        const datas = parts.map(
          (e) => e.data as Extract<YearAuditEvent, { type: 'SealedVerdictsRecorded' }>['data'],
        );
        expect(datas.map((d) => [d.part, d.parts])).toEqual([
          [1, 3],
          [2, 3],
          [3, 3],
        ]);
        expect(datas.map((d) => d.verdicts.length)).toEqual([1_000, 1_000, 500]);
        for (const d of datas) expect(d).toMatchObject({ jurisdiction: 'CN-CQ', year: 2026 });
        // Every verdict once, in the order given.
        expect(datas.flatMap((d) => d.verdicts)).toEqual(verdicts);
      });
  });

  it('exactly 1,000 verdicts make one part; 1,001 make two', () => {
    for (const [count, parts] of [
      [1_000, 1],
      [1_001, 2],
      [1, 1],
    ] as const) {
      const verdicts = verdictsOf(count);
      given(sealEvolver)
        .when((s) => decideSeal(s, sealData(verdicts), verdicts))
        .then((events) => expect(events).toHaveLength(1 + parts));
    }
  });

  it('a year with nobody in it seals with no verdict parts', () => {
    given(sealEvolver)
      .when((s) => decideSeal(s, sealData([]), []))
      .then((events) => expect(events.map((e) => e.type)).toEqual(['YearSealed']));
  });

  it('a second seal of the same year is a conflict naming the first', () => {
    const verdicts = verdictsOf(3);
    given(sealEvolver, [sealedEvent(sealData(verdicts))])
      .when((s) => decideSeal(s, { ...sealData(verdicts), position: '1300:1300' }, verdicts))
      .thenRefuses({ kind: 'conflict', message: /CN-CQ 2026 was sealed already \(at 1200:1200\)/ });
  });

  it('refuses verdicts that do not match the digest the seal records', () => {
    const verdicts = verdictsOf(5);
    const data = sealData(verdicts);
    const changed = verdicts.map((v, i) => (i === 2 ? { ...v, counted: '24.9' } : v));
    for (const other of [changed, verdicts.slice(1), [...verdicts, verdictOf(99)]])
      given(sealEvolver)
        .when((s) => decideSeal(s, data, other))
        .thenRefuses({ message: /do not match the digest/ });
  });

  describe('verdictsDigest', () => {
    it('is the same whatever the order of the verdicts', () => {
      const verdicts = verdictsOf(50);
      const shuffled = [
        ...verdicts.filter((_, i) => i % 2 === 1),
        ...verdicts.filter((_, i) => i % 2 === 0),
      ];
      expect(shuffled).not.toEqual(verdicts);
      expect(verdictsDigest(shuffled)).toBe(verdictsDigest(verdicts));
      expect(verdictsDigest([...verdicts].reverse())).toBe(verdictsDigest(verdicts));
    });

    it('changes with any verdict, count or person', () => {
      const verdicts = verdictsOf(10);
      const digest = verdictsDigest(verdicts);
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(
        verdictsDigest(verdicts.map((v, i) => (i === 3 ? { ...v, verdict: 'short' } : v))),
      ).not.toBe(digest);
      expect(
        verdictsDigest(verdicts.map((v, i) => (i === 3 ? { ...v, counted: '25.5' } : v))),
      ).not.toBe(digest);
      expect(
        verdictsDigest(verdicts.map((v, i) => (i === 3 ? { ...v, personId: 'p-x' } : v))),
      ).not.toBe(digest);
      expect(verdictsDigest(verdicts.slice(1))).not.toBe(digest);
    });
  });

  describe('evolver', () => {
    it('remembers the seal; verdict parts change nothing', () => {
      const verdicts = verdictsOf(3);
      const data = sealData(verdicts);
      const events = decideSeal(sealEvolver.initialState(), data, verdicts);
      expect(sealEvolver.initialState()).toEqual({ sealed: null });
      expect(given(sealEvolver, events.slice(0, 1)).state).toEqual({ sealed: data });
      expect(given(sealEvolver, events).state).toEqual({ sealed: data });
      expect(given(sealEvolver, events.slice(1)).state).toEqual({ sealed: null });
    });
  });

  it('one stream per jurisdiction and year', () => {
    expect(yearAuditStreamId('CN-CQ', 2026)).toBe('yearaudit-CN-CQ-2026');
    expect(yearAuditStreamId('CN-CQ', 2027)).not.toBe(yearAuditStreamId('CN-CQ', 2026));
  });
});

describe('yearAuditDecider (through its command union)', () => {
  it('SealYear: the seal and its verdicts once; a second seal is refused', () => {
    const verdicts = verdictsOf(3);
    const data = sealData(verdicts);
    givenDecider(yearAuditDecider)
      .when({ type: 'SealYear', seal: data, verdicts })
      .then([
        sealedEvent(data),
        {
          type: 'SealedVerdictsRecorded',
          data: { jurisdiction: 'CN-CQ', year: 2026, part: 1, parts: 1, verdicts },
        },
      ]);
    givenDecider(yearAuditDecider, [sealedEvent(data)])
      .when({ type: 'SealYear', seal: data, verdicts })
      .thenRefuses({ kind: 'conflict' });
  });
});
