import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { Request } from 'express';
import { inEnglish, isMessage, type Language, type Message, render } from '../domain/messages';

/**
 * The language of the answer: Chinese when `Accept-Language` prefers it (the console sends
 * `zh-CN` by default), English otherwise — and English when no header is sent, so scripts and
 * integrations read the same words whatever their locale. Negotiated by Express (`accepts`,
 * `negotiator`): q-values and `zh-CN` / `zh-Hans` all count.
 */
export function languageOf(request: Pick<Request, 'headers' | 'acceptsLanguages'>): Language {
  if (!request.headers['accept-language']) return 'en';
  const chosen = request.acceptsLanguages('en', 'zh');
  return chosen === 'zh' ? 'zh' : 'en';
}

const messagesKey = Symbol('messages');

/**
 * An HttpException whose message is a catalogue message: its body carries the English, and the
 * error filter renders it in the caller's language.
 */
export function localized<T extends HttpException>(
  Exception: new (message: string) => T,
  ...messages: Message[]
): T {
  const exception = new Exception(messages.map(inEnglish).join('; '));
  (exception as unknown as Record<symbol, Message[]>)[messagesKey] = messages;
  return exception;
}

/** Attaches catalogue messages to an exception built elsewhere (the validation pipe's). */
export function withMessages<T extends HttpException>(exception: T, messages: Message[]): T {
  (exception as unknown as Record<symbol, Message[]>)[messagesKey] = messages;
  return exception;
}

export function messagesOf(exception: HttpException): Message[] | null {
  return (exception as unknown as Record<symbol, Message[] | undefined>)[messagesKey] ?? null;
}

/**
 * Renders the messages a response carries, beside their rendered text: `reasonCodes` →
 * `reasons`, `explanationCode` → `explanation`, `textCode` → `text`, `calculationCode` →
 * `calculation`. Documents are copied, never
 * changed in place (they may be cached states).
 */
export function renderMessagesIn(value: unknown, language: Language, depth = 0): unknown {
  if (depth > 40 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = renderMessagesIn(item, language, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  // Plain data only: files, streams and other class instances pass untouched.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const set = (key: string, next: unknown) => {
    out ??= { ...record };
    out[key] = next;
  };
  for (const [key, child] of Object.entries(record)) {
    const next = renderMessagesIn(child, language, depth + 1);
    if (next !== child) set(key, next);
  }
  const codes = record.reasonCodes;
  if (Array.isArray(codes) && codes.every(isMessage))
    set(
      'reasons',
      codes.map((m) => render(m, language)),
    );
  for (const [codeKey, textKey] of [
    ['explanationCode', 'explanation'],
    ['textCode', 'text'],
    ['calculationCode', 'calculation'],
  ] as const) {
    const code = record[codeKey];
    if (isMessage(code)) set(textKey, render(code, language));
  }
  return out ?? value;
}

/** Every JSON answer with its messages in the caller's language (see renderMessagesIn). */
@Injectable()
export class LocalizeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const language = languageOf(context.switchToHttp().getRequest<Request>());
    return next.handle().pipe(map((body: unknown) => renderMessagesIn(body, language)));
  }
}
