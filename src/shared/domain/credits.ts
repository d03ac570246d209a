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

/**
 * Sums and comparisons run in fixed point: an amount with up to `fixedDigits` decimals is an
 * integer count of millionths, exact in a double up to 2^53 (9 × 10^9 credits). The person-years
 * projection adds and compares amounts for every document it writes, and a decimal.js object per
 * operation was a measurable share of a rebuild. Anything outside the fixed-point range (more
 * decimals, exponents, a total past `Number.MAX_SAFE_INTEGER`) is done by decimal.js as before, so
 * every result equals decimal.js's, text included.
 */
export const fixedDigits = 6;
const fixedScale = 10 ** fixedDigits;
const fixedPattern = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/;

/** Millionths of an amount, or null when it is outside the fixed-point form. */
export function toMillionths(a: Amount): number | null {
  const m = fixedPattern.exec(a);
  if (!m) return null;
  const value = Number(m[2]) * fixedScale + (m[3] ? Number(m[3].padEnd(fixedDigits, '0')) : 0);
  if (m[1] === '-') return value === 0 ? null : -value; // "-0" is decimal.js's to print
  return value;
}

/** The amount as decimal.js prints it: no trailing zeros, no exponent in this range. */
export function fromMillionths(value: number): Amount {
  const magnitude = Math.abs(value);
  const whole = Math.floor(magnitude / fixedScale);
  const fraction = magnitude - whole * fixedScale;
  const text =
    fraction === 0
      ? String(whole)
      : `${whole}.${String(fraction).padStart(fixedDigits, '0').replace(/0+$/, '')}`;
  return value < 0 ? `-${text}` : text;
}

const fixedOk = (value: number | null): value is number =>
  value !== null && Number.isSafeInteger(value);

export function sum(amounts: readonly Amount[]): Amount {
  let total = 0;
  for (const a of amounts) {
    const v = toMillionths(a);
    total += v ?? NaN;
    if (!fixedOk(total)) return amounts.reduce((acc, x) => acc.plus(x), new Decimal(0)).toString();
  }
  return fromMillionths(total);
}
export function plus(a: Amount, b: Amount): Amount {
  const [x, y] = [toMillionths(a), toMillionths(b)];
  if (x !== null && y !== null && Number.isSafeInteger(x + y)) return fromMillionths(x + y);
  return new Decimal(a).plus(b).toString();
}
export function minus(a: Amount, b: Amount): Amount {
  const [x, y] = [toMillionths(a), toMillionths(b)];
  if (x !== null && y !== null && Number.isSafeInteger(x - y)) return fromMillionths(x - y);
  return new Decimal(a).minus(b).toString();
}
export function compare(a: Amount, b: Amount): number {
  const [x, y] = [toMillionths(a), toMillionths(b)];
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  return new Decimal(a).comparedTo(b);
}
export const min = (a: Amount, b: Amount): Amount => (compare(a, b) <= 0 ? a : b);
export function isPositive(a: Amount): boolean {
  const x = toMillionths(a);
  return x !== null ? x > 0 : new Decimal(a).greaterThan(0);
}

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
