/**
 * Errors a decider or handler raises; the HTTP layer maps each kind to a status (and nothing is
 * appended when one is thrown). `field` names the request field that is wrong, where there is one.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'rule';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    /** Which rule refused it (R11, R13…), for the caller and the audit trail. */
    readonly rule?: string,
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string) =>
  new DomainError('invalid', message, field);
export const notFound = (field: string, message: string) =>
  new DomainError('not-found', message, field);
export const conflict = (message: string, field?: string) =>
  new DomainError('conflict', message, field);
export const forbidden = (message: string, field?: string) =>
  new DomainError('forbidden', message, field);
export const ruleViolated = (rule: string, field: string, message: string) =>
  new DomainError('rule', `${message} (${rule})`, field, rule);

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
