import { given, givenDecider } from '../../../test/support/given-when-then';
import { profileFor } from '../../rules/rule-profiles';
import {
  checkDraw,
  decideDraw,
  decideFinding,
  personSampleRateMax,
  personSampleRateMin,
  spotCheckDecider,
  spotCheckEvolver,
} from './spot-check.decider';
import { DrawData, SpotCheckEvent, spotCheckIdPattern } from './spot-check.events';
import { draw, samplingAlgorithm } from './sampling';

const profile = profileFor('CN-CQ', 2026);
const drawData = (spotCheckId: string, overrides: Partial<DrawData> = {}): DrawData => ({
  spotCheckId,
  subject: 'sessions',
  jurisdiction: 'CN-CQ',
  year: 2026,
  rate: '0.08',
  strata: ['level'],
  seed: 'seed-1',
  seedSource: 'given',
  algorithm: samplingAlgorithm,
  population: { count: 50, digest: 'digest', position: '10:10', projection: 'activities' },
  selected: ['s-1', 's-2', 's-3', 's-4'],
  reason: null,
  ...overrides,
});
const drawn = (spotCheckId: string, overrides: Partial<DrawData> = {}): SpotCheckEvent => ({
  type: 'SpotCheckDrawn',
  data: drawData(spotCheckId, overrides),
});
/** What the handler asks checkDraw about: the draw before sampling. */
const request = (overrides: Partial<DrawData> = {}) => {
  const { subject, jurisdiction, year, rate, strata, reason } = drawData('unused', overrides);
  return { subject, jurisdiction, year, rate, strata, reason };
};
const finding = (overrides: Partial<Parameters<typeof decideFinding>[1]> = {}) => ({
  spotCheckId: 'CN-CQ.2026.1',
  sessionId: 's-2',
  result: 'fail' as const,
  reason: 'no attendance sheets for the afternoon',
  revokeCredits: true,
  ...overrides,
});
const found = (overrides: Partial<Parameters<typeof decideFinding>[1]> = {}): SpotCheckEvent => ({
  type: 'SpotCheckFindingRecorded',
  data: finding(overrides),
});

describe('spot-check decider', () => {
  describe('checkDraw', () => {
    it('R7: a first session draw within 6%–10% is accepted and numbered <jurisdiction>.<year>.1', () => {
      given(spotCheckEvolver)
        .when((s) => checkDraw(s, request(), profile))
        .then('CN-CQ.2026.1');
      for (const rate of ['0.06', '0.1', '0.10'])
        given(spotCheckEvolver)
          .when((s) => checkDraw(s, request({ rate }), profile))
          .then((id) => expect(id).toMatch(spotCheckIdPattern));
    });

    it('R7: refuses a session rate below 6% or above 10%', () => {
      for (const rate of ['0.059', '0.05', '0.101', '0.5'])
        given(spotCheckEvolver)
          .when((s) => checkDraw(s, request({ rate }), profile))
          .thenRefuses({ kind: 'rule', rule: 'R7', field: 'rate', message: /0\.06–0\.10/ });
    });

    it('a person sample lies within its own bounds, not R7', () => {
      given(spotCheckEvolver)
        .when((s) => checkDraw(s, request({ subject: 'persons', rate: '0.3' }), profile))
        .then('CN-CQ.2026.1');
      for (const rate of [personSampleRateMin, personSampleRateMax])
        given(spotCheckEvolver)
          .when((s) => checkDraw(s, request({ subject: 'persons', rate }), profile))
          .then('CN-CQ.2026.1');
      for (const rate of ['0.009', '0.51', '1'])
        given(spotCheckEvolver)
          .when((s) => checkDraw(s, request({ subject: 'persons', rate }), profile))
          .thenRefuses({ kind: 'invalid', field: 'rate' });
    });

    it('R7: a second draw of the same subject and year needs a reason, and is numbered after the first', () => {
      const first = [drawn('CN-CQ.2026.1')];
      given(spotCheckEvolver, first)
        .when((s) => checkDraw(s, request(), profile))
        .thenRefuses({ kind: 'conflict', field: 'reason', message: /CN-CQ\.2026\.1/ });
      given(spotCheckEvolver, first)
        .when((s) => checkDraw(s, request({ reason: '  short  ' }), profile))
        .thenRefuses({ kind: 'conflict', field: 'reason' });
      given(spotCheckEvolver, first)
        .when((s) =>
          checkDraw(s, request({ reason: 'the first population missed a batch' }), profile),
        )
        .then('CN-CQ.2026.2');
    });

    it('a draw of the other subject needs no reason but still gets the next number', () => {
      given(spotCheckEvolver, [drawn('CN-CQ.2026.1')])
        .when((s) => checkDraw(s, request({ subject: 'persons', rate: '0.2' }), profile))
        .then('CN-CQ.2026.2');
    });
  });

  describe('decideDraw', () => {
    it('records the draw as given: seed, algorithm, population and selection all visible', () => {
      const data = drawData('CN-CQ.2026.1');
      given(spotCheckEvolver)
        .when(() => decideDraw(data))
        .then([{ type: 'SpotCheckDrawn', data }]);
    });
  });

  describe('decideFinding', () => {
    const withDraw = [drawn('CN-CQ.2026.1')];

    it('records a failed session with its reason trimmed and the credits to revoke', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding({ reason: '  no attendance sheets  ' })))
        .then([
          {
            type: 'SpotCheckFindingRecorded',
            data: finding({ reason: 'no attendance sheets' }),
          },
        ]);
    });

    it('a fail may keep the credits', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding({ revokeCredits: false })))
        .then(([event]) => expect(event.data.revokeCredits).toBe(false));
    });

    it('a pass never revokes credits, whatever was asked', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) =>
          decideFinding(
            s,
            finding({ result: 'pass', reason: 'records complete and signed', revokeCredits: true }),
          ),
        )
        .then(([event]) =>
          expect(event.data).toMatchObject({ result: 'pass', revokeCredits: false }),
        );
    });

    it('refuses a finding on a draw that does not exist', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding({ spotCheckId: 'CN-CQ.2026.9' })))
        .thenRefuses({ kind: 'not-found', field: 'spotCheckId' });
    });

    it('refuses findings on a person sample', () => {
      given(spotCheckEvolver, [
        drawn('CN-CQ.2026.1', { subject: 'persons', rate: '0.2', selected: ['p-1', 'p-2'] }),
      ])
        .when((s) => decideFinding(s, finding({ sessionId: 'p-1' })))
        .thenRefuses({ kind: 'invalid', field: 'spotCheckId' });
    });

    it('refuses a session the draw did not select', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding({ sessionId: 's-9' })))
        .thenRefuses({ kind: 'invalid', field: 'sessionId', message: /not selected/ });
    });

    it('refuses a second finding for the same session of the same draw', () => {
      given(spotCheckEvolver, [...withDraw, found()])
        .when((s) => decideFinding(s, finding({ result: 'pass', reason: 'on second thoughts' })))
        .thenRefuses({ kind: 'conflict', field: 'sessionId' });
    });

    it('the same session selected by another draw gets its own finding', () => {
      given(spotCheckEvolver, [
        ...withDraw,
        found(),
        drawn('CN-CQ.2026.2', { reason: 'a second draw, reason given' }),
      ])
        .when((s) => decideFinding(s, finding({ spotCheckId: 'CN-CQ.2026.2' })))
        .then(([event]) => expect(event.data.spotCheckId).toBe('CN-CQ.2026.2'));
    });

    it('refuses a reason shorter than a sentence, counted after trimming', () => {
      for (const reason of ['bad', '   short   '])
        given(spotCheckEvolver, withDraw)
          .when((s) => decideFinding(s, finding({ reason })))
          .thenRefuses({ kind: 'invalid', field: 'reason' });
    });
  });

  describe('evolver', () => {
    it('keeps every draw by id and every finding by draw and session', () => {
      const { state } = given(spotCheckEvolver, [
        drawn('CN-CQ.2026.1'),
        drawn('CN-CQ.2026.2', { subject: 'persons', selected: ['p-1'] }),
        found(),
        found({ sessionId: 's-3', result: 'pass', revokeCredits: false }),
      ]);
      expect([...state.draws.keys()]).toEqual(['CN-CQ.2026.1', 'CN-CQ.2026.2']);
      expect(state.draws.get('CN-CQ.2026.2')?.subject).toBe('persons');
      expect([...state.findings.keys()]).toEqual(['CN-CQ.2026.1/s-2', 'CN-CQ.2026.1/s-3']);
      expect(state.findings.get('CN-CQ.2026.1/s-3')?.result).toBe('pass');
    });

    it('does not change the state it was given', () => {
      const before = spotCheckEvolver.initialState();
      const after = spotCheckEvolver.evolve(before, drawn('CN-CQ.2026.1'));
      spotCheckEvolver.evolve(after, found());
      expect(before.draws.size).toBe(0);
      expect(after.findings.size).toBe(0);
    });
  });
});

describe('spotCheckDecider (through its command union)', () => {
  const members = Array.from({ length: 50 }, (_, i) => ({ id: `s-${i + 1}`, stratum: 'national' }));
  const drawCommand = (overrides: Partial<DrawData> = {}) => ({
    type: 'DrawSpotCheck' as const,
    draw: request(overrides),
    profile,
    seed: 'seed-1',
    seedSource: 'given' as const,
    population: drawData('unused').population,
    members,
  });

  it('DrawSpotCheck: numbers the draw after the earlier ones and samples the population given', () => {
    givenDecider(spotCheckDecider)
      .when(drawCommand())
      .then([drawn('CN-CQ.2026.1', { selected: draw(members, '0.08', 'seed-1') })]);
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1')])
      .when(drawCommand())
      .thenRefuses({ kind: 'conflict', field: 'reason' });
  });

  it('RecordFinding: one finding per sampled session', () => {
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1')])
      .when({ type: 'RecordFinding', ...finding() })
      .then([found()]);
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1'), found()])
      .when({ type: 'RecordFinding', ...finding() })
      .thenRefuses({ kind: 'conflict', field: 'sessionId' });
  });
});
