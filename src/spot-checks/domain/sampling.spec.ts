import { draw, populationDigest, sampleSize } from './sampling';

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
