/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character (0–9 or X) computed with
 * ISO 7064 MOD 11-2. Sensitive: never logged, never in a stream id, shown masked.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function idNumberProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'idNumber must be a string';
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id))
    return 'idNumber must be 18 characters: 17 digits and a digit or X';
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return 'idNumber has an impossible birth date';
  const total = weights.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
  if (checkCharacters[total % 11] !== id[17])
    return 'idNumber check digit does not match (GB 11643)';
  return null;
}

/** 330102********123X: region code and the last four, nothing of the birth date. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** Completes 17 digits with their check character (for tests and demo data). */
export function withCheckCharacter(first17: string): string {
  const total = weights.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return `${first17}${checkCharacters[total % 11]}`;
}
