import { inEnglish, type Language, type Message, render } from './messages';

/**
 * Errors a decider or handler raises; the HTTP layer maps each kind to a status (and nothing is
 * appended when one is thrown). `field` names the request field that is wrong, where there is one.
 * The message is always a catalogue `Message` (msg(code, params), rendered in the caller's
 * language at the edge) — never plain text, so no refusal reaches a Chinese caller in English;
 * `message` is its English.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'rule';

export type ErrorText = Message;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** The catalogue message. */
  readonly text: Message;
  constructor(
    readonly kind: DomainErrorKind,
    message: ErrorText,
    readonly field?: string,
    /** Which rule refused it (R11, R13…), for the caller and the audit trail. */
    readonly rule?: string,
  ) {
    const english = inEnglish(message);
    super(rule ? `${english} (${rule})` : english);
    this.text = message;
  }

  /** The message in a language. */
  in(language: Language): string {
    const body = render(this.text, language);
    if (!this.rule) return body;
    return language === 'zh' ? `${body}（${this.rule}）` : `${body} (${this.rule})`;
  }
}

export const invalid = (field: string, message: ErrorText) =>
  new DomainError('invalid', message, field);
export const notFound = (field: string, message: ErrorText) =>
  new DomainError('not-found', message, field);
export const conflict = (message: ErrorText, field?: string) =>
  new DomainError('conflict', message, field);
export const forbidden = (message: ErrorText, field?: string) =>
  new DomainError('forbidden', message, field);
export const ruleViolated = (rule: string, field: string, message: ErrorText) =>
  new DomainError('rule', message, field, rule);

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
