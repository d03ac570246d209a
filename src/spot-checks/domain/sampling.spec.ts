import { draw, populationDigest, sampleSize, allocate } from './sampling';

const population = Array.from({ length: 200 }, (_, i) => ({
  id: `session-${String(i).padStart(3, '0')}`,
  stratum: i % 4 === 0 ? 'national' : 'provincial',
}));

describe('reproducible sampling', () => {
  it('the same population, rate and seed give the same sample', () => {
    expect(draw(population, '0.08', 'seed-1')).toEqual(
      draw([...population].reverse(), '0.08', 'seed-1'),
    );
    expect(populationDigest(population)).toBe(populationDigest([...population].reverse()));
  });

  it('another seed or population gives another sample; sizes follow the rate per stratum', () => {
    const a = draw(population, '0.08', 'seed-1');
    expect(draw(population, '0.08', 'seed-2')).not.toEqual(a);
    expect(draw(population.slice(1), '0.08', 'seed-1')).not.toEqual(a);
    expect(populationDigest(population.slice(1))).not.toBe(populationDigest(population));
    expect(a).toHaveLength(sampleSize(50, '0.08') + sampleSize(150, '0.08'));
    expect(sampleSize(50, '0.08')).toBe(4);
    expect(sampleSize(0, '0.08')).toBe(0);
    expect(sampleSize(3, '0.06')).toBe(1);
  });
});

describe('allocation by largest remainder (R7 stratified draws)', () => {
  it('gives each stratum floor(quota), then the rest by largest remainder; the total is the sample size', () => {
    // Quotas of 10 over sizes 50/30/20 of 100: 5, 3, 2 exactly.
    expect(
      Object.fromEntries(
        allocate(
          new Map([
            ['a', 50],
            ['b', 30],
            ['c', 20],
          ]),
          10,
        ),
      ),
    ).toEqual({
      a: 5,
      b: 3,
      c: 2,
    });
    // Quotas of 7 over 45/35/20: 3.15, 2.45, 1.4 → 3, 2, 1 and the one left to b (0.45 largest).
    expect(
      Object.fromEntries(
        allocate(
          new Map([
            ['a', 45],
            ['b', 35],
            ['c', 20],
          ]),
          7,
        ),
      ),
    ).toEqual({
      a: 3,
      b: 3,
      c: 1,
    });
    // Never above a stratum's size; at least one each.
    expect(
      Object.fromEntries(
        allocate(
          new Map([
            ['a', 1],
            ['b', 99],
          ]),
          5,
        ),
      ),
    ).toEqual({ a: 1, b: 4 });
  });
});
