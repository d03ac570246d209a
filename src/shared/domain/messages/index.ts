/**
 * The ledger's words, in Chinese and English. Errors and reasons carry a stable code and its
 * parameters (`Message`), kept in events and projection documents as data; the HTTP edge renders
 * them in the language the caller asked for (`Accept-Language`), so the same record reads in
 * either. `field`, `rule` and `error` beside a message are machine-readable and never translated.
 */
import type { Entry, Language, ParamValue } from './entry';
import { calculationMessages } from './calculations';
import { edgeMessages } from './edge';
import { errorMessages } from './errors';
import { refusalMessages } from './refusals';
import { requestMessages } from './requests';
import { verdictMessages } from './verdicts';

export { type Language, languages, type ParamValue } from './entry';

const catalogue = {
  ...verdictMessages,
  ...requestMessages,
  ...errorMessages,
  ...refusalMessages,
  ...edgeMessages,
  ...calculationMessages,
};

/** Every code the ledger speaks (for the test that walks the catalogue). */
export const messageCodes = Object.keys(catalogue) as MessageCode[];

export type MessageCode = keyof typeof catalogue;
type ParamsOf<C extends MessageCode> = Parameters<(typeof catalogue)[C]['en']>[0];

/** A message as data: its code and parameters (what events and documents keep). */
export interface Message {
  code: string;
  params?: Record<string, ParamValue>;
}

/** A message of the catalogue, its parameters checked against the code's template. */
export function msg<C extends MessageCode>(
  code: C,
  ...params: Record<never, never> extends ParamsOf<C> ? [ParamsOf<C>?] : [ParamsOf<C>]
): Message {
  const given = params[0] as Record<string, ParamValue> | undefined;
  return given === undefined ? { code } : { code, params: given };
}

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Message).code === 'string' &&
  ((value as Message).params === undefined || typeof (value as Message).params === 'object');

/** The message in a language. A code this version does not know is shown as it is. */
export function render(message: Message, language: Language): string {
  const found = (catalogue as Record<string, Entry<unknown> | undefined>)[message.code];
  if (!found) return message.code;
  return found[language](message.params ?? {});
}

export const inEnglish = (message: Message): string => render(message, 'en');

/**
 * A validator's own wording as a catalogue message: `@Matches(re, says(msg(…)))`. class-validator
 * keeps the English as its message; the validation pipe finds the message in the constraint's
 * context and answers in the caller's language.
 */
export const says = (message: Message): { message: string; context: { message: Message } } => ({
  message: inEnglish(message),
  context: { message },
});
