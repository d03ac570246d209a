import Decimal from 'decimal.js';

/**
 * Credits and hours are exact decimals, carried as strings ("2.5") in events and JSON and
 * computed with decimal.js, never with binary floats.
 */
export type Amount = string;

const amountPattern = /^\d{1,4}(\.\d{1,2})?$/;

/** Parses a credit or hour amount from a JSON number or string; null when it is not one. */
export function parseAmount(value: unknown): Amount | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!amountPattern.test(text)) return null;
  return new Decimal(text).toString();
}

export const sum = (amounts: readonly Amount[]): Amount =>
  amounts.reduce((total, a) => total.plus(a), new Decimal(0)).toString();
export const plus = (a: Amount, b: Amount): Amount => new Decimal(a).plus(b).toString();
export const minus = (a: Amount, b: Amount): Amount => new Decimal(a).minus(b).toString();
export const compare = (a: Amount, b: Amount): number => new Decimal(a).comparedTo(b);
export const min = (a: Amount, b: Amount): Amount => (compare(a, b) <= 0 ? a : b);
export const isPositive = (a: Amount): boolean => new Decimal(a).greaterThan(0);

/** a × numerator ÷ denominator, rounded down to tenths: credits are never rounded up. */
export function scaleDown(a: Amount, numerator: Amount, denominator: Amount): Amount {
  return new Decimal(a)
    .times(numerator)
    .dividedBy(denominator)
    .toDecimalPlaces(1, Decimal.ROUND_DOWN)
    .toString();
}

/** a ÷ divisor rounded down to tenths (e.g. hours ÷ 3 for training credits, R11). */
export function divideDown(a: Amount, divisor: Amount): Amount {
  return new Decimal(a).dividedBy(divisor).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
}
