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
import { allocatedSamplingAlgorithm, drawAllocated } from './sampling';

const profile = profileFor('CN-CQ', 2026);
const drawData = (spotCheckId: string, overrides: Partial<DrawData> = {}): DrawData => ({
  spotCheckId,
  subject: 'projects',
  jurisdiction: 'CN-CQ',
  year: 2026,
  rate: '0.08',
  strata: ['level'],
  seed: 'seed-1',
  seedSource: 'given',
  algorithm: allocatedSamplingAlgorithm,
  population: { count: 50, digest: 'digest', position: '10:10', projection: 'activities' },
  selected: ['a-1', 'a-2', 'a-3', 'a-4'],
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
  activityId: 'a-2',
  result: 'fail' as const,
  reason: 'no attendance sheets for the afternoon',
  ...overrides,
});
const found = (overrides: Partial<Parameters<typeof decideFinding>[1]> = {}): SpotCheckEvent => ({
  type: 'SpotCheckFindingRecorded',
  data: { failed: [], revokeCredits: false, revoke: [], ...finding(overrides) },
});

describe('spot-check decider', () => {
  describe('checkDraw', () => {
    it('seed 001 (二十二) 按当年公布项目总数的6%~10%进行抽查 (R7): the unit is the project — a new draw of sessions is refused', () => {
      given(spotCheckEvolver)
        .when((s) => checkDraw(s, request({ subject: 'sessions' }), profile))
        .thenRefuses({ kind: 'rule', rule: 'R7', field: 'subject' });
    });

    it('R7: a first project draw within 6%–10% is accepted and numbered <jurisdiction>.<year>.1', () => {
      given(spotCheckEvolver)
        .when((s) => checkDraw(s, request(), profile))
        .then('CN-CQ.2026.1');
      for (const rate of ['0.06', '0.1', '0.10'])
        given(spotCheckEvolver)
          .when((s) => checkDraw(s, request({ rate }), profile))
          .then((id) => expect(id).toMatch(spotCheckIdPattern));
    });

    it('R7: refuses a project rate below 6% or above 10%', () => {
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

    it('a failed finding records what failed and revokes only the credits the committee names (R7 findings)', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) =>
          decideFinding(
            s,
            finding({
              reason: '  no attendance sheets  ',
              failed: [' 签到记录与扫码记录不符 '],
              revoke: [
                { sessionId: 'sess-1', personIds: ['p-2', 'p-1', 'p-2'] },
                { sessionId: 'sess-2', personIds: [] },
              ],
            }),
          ),
        )
        .then([
          {
            type: 'SpotCheckFindingRecorded',
            data: {
              spotCheckId: 'CN-CQ.2026.1',
              activityId: 'a-2',
              result: 'fail',
              reason: 'no attendance sheets',
              failed: ['签到记录与扫码记录不符'],
              revokeCredits: false,
              revoke: [{ sessionId: 'sess-1', personIds: ['p-1', 'p-2'] }],
            },
          },
        ]);
    });

    it('a failed finding that names nobody revokes nothing; a pass cannot revoke', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding()))
        .then(([event]) => expect(event.data).toMatchObject({ revokeCredits: false, revoke: [] }));
      given(spotCheckEvolver, withDraw)
        .when((s) =>
          decideFinding(
            s,
            finding({
              result: 'pass',
              reason: 'records complete and signed',
              revoke: [{ sessionId: 'sess-1', personIds: ['p-1'] }],
            }),
          ),
        )
        .thenRefuses({ kind: 'invalid', field: 'revoke' });
    });

    it('draws of sessions made before R7 sampled projects still take findings, by session', () => {
      given(spotCheckEvolver, [
        drawn('CN-CQ.2026.1', { subject: 'sessions', selected: ['s-1', 's-2'] }),
      ])
        .when((s) => decideFinding(s, { ...finding({ activityId: undefined }), sessionId: 's-2' }))
        .then(([event]) => expect(event.data).toMatchObject({ sessionId: 's-2' }));
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
        .when((s) => decideFinding(s, finding({ activityId: 'p-1' })))
        .thenRefuses({ kind: 'invalid', field: 'spotCheckId' });
    });

    it('refuses a project the draw did not select', () => {
      given(spotCheckEvolver, withDraw)
        .when((s) => decideFinding(s, finding({ activityId: 'a-9' })))
        .thenRefuses({ kind: 'invalid', field: 'activityId', message: /not selected/ });
    });

    it('refuses a second finding for the same project of the same draw', () => {
      given(spotCheckEvolver, [...withDraw, found()])
        .when((s) => decideFinding(s, finding({ result: 'pass', reason: 'on second thoughts' })))
        .thenRefuses({ kind: 'conflict', field: 'activityId' });
    });

    it('the same project selected by another draw gets its own finding', () => {
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
        found({ activityId: 'a-3', result: 'pass' }),
      ]);
      expect([...state.draws.keys()]).toEqual(['CN-CQ.2026.1', 'CN-CQ.2026.2']);
      expect(state.draws.get('CN-CQ.2026.2')?.subject).toBe('persons');
      expect([...state.findings.keys()]).toEqual(['CN-CQ.2026.1/a-2', 'CN-CQ.2026.1/a-3']);
      expect(state.findings.get('CN-CQ.2026.1/a-3')?.result).toBe('pass');
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
  const members = Array.from({ length: 50 }, (_, i) => ({ id: `a-${i + 1}`, stratum: 'national' }));
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
      .then([drawn('CN-CQ.2026.1', { selected: drawAllocated(members, '0.08', 'seed-1') })]);
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1')])
      .when(drawCommand())
      .thenRefuses({ kind: 'conflict', field: 'reason' });
  });

  it('seed 001 (二十二) 6%~10% (R7): a stratified draw stays within the bounds in all (largest remainder); a stratification that cannot is refused', () => {
    // 50 projects in 7 strata of unequal size: 8 % is 4 projects in all, never one per stratum each.
    const strata = [20, 10, 8, 5, 4, 2, 1];
    const spread = strata.flatMap((size, h) =>
      Array.from({ length: size }, (_, i) => ({ id: `a-${h}-${i}`, stratum: `level=${h}` })),
    );
    const big = Array.from({ length: 200 }, (_, i) => ({
      id: `b-${i}`,
      stratum: `organizer=${i % 3}`,
    }));
    givenDecider(spotCheckDecider)
      .when({ ...drawCommand({ strata: ['organizer'] }), members: big })
      .then(([event]) => {
        const selected = (event.data as DrawData).selected;
        expect(selected).toHaveLength(16); // 8 % of 200, as unstratified
        expect(new Set(selected.map((id) => Number(id.slice(2)) % 3)).size).toBe(3);
      });
    givenDecider(spotCheckDecider)
      .when({ ...drawCommand({ strata: ['level'] }), members: spread })
      .thenRefuses({ kind: 'rule', rule: 'R7', field: 'strata' });
  });

  it('RecordFinding: one finding per sampled project', () => {
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1')])
      .when({ type: 'RecordFinding', ...finding() })
      .then([found()]);
    givenDecider(spotCheckDecider, [drawn('CN-CQ.2026.1'), found()])
      .when({ type: 'RecordFinding', ...finding() })
      .thenRefuses({ kind: 'conflict', field: 'activityId' });
  });
});
