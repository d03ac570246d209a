import Decimal from 'decimal.js';
import { compare, fromMillionths, isPositive, minus, plus, sum, toMillionths } from './credits';

/** Deterministic pseudo-random numbers (mulberry32), so a failure names a reproducible case. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('credit arithmetic in fixed point equals decimal.js, text included', () => {
  const random = seeded(15);
  const amount = (): string => {
    const whole = String(Math.floor(random() * 10 ** Math.floor(random() * 10)));
    const decimals = Math.floor(random() * 9); // up to 8: past the fixed-point form too
    const fraction = Array.from({ length: decimals }, () => Math.floor(random() * 10)).join('');
    const sign = random() < 0.1 ? '-' : '';
    return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
  };
  const cases = Array.from({ length: 5_000 }, () => [amount(), amount()] as const);
  const odd = ['0', '0.0', '-0', '00012.50', '9999.99', '999999999.999999', '1e3', '.5', '5.'];

  it('sum, plus, minus, compare, isPositive', () => {
    for (const [a, b] of [...cases, ...odd.flatMap((x) => odd.map((y) => [x, y] as const))]) {
      expect(plus(a, b)).toBe(new Decimal(a).plus(b).toString());
      expect(minus(a, b)).toBe(new Decimal(a).minus(b).toString());
      expect(compare(a, b)).toBe(new Decimal(a).comparedTo(b));
      expect(isPositive(a)).toBe(new Decimal(a).greaterThan(0));
      expect(sum([a, b, a])).toBe(new Decimal(a).plus(b).plus(a).toString());
    }
    expect(sum([])).toBe('0');
  });

  it('falls back to decimal.js past the safe integer range', () => {
    const big = Array.from({ length: 20 }, () => '999999999.999999');
    expect(sum(big)).toBe(big.reduce((t, x) => t.plus(x), new Decimal(0)).toString());
  });

  it('millionths: the form it covers and what it leaves to decimal.js', () => {
    expect(toMillionths('2.5')).toBe(2_500_000);
    expect(toMillionths('-0.000001')).toBe(-1);
    expect(toMillionths('0.0000001')).toBeNull();
    expect(toMillionths('-0')).toBeNull();
    expect(fromMillionths(-2_500_000)).toBe('-2.5');
    expect(fromMillionths(10_000_000)).toBe('10');
  });
});
