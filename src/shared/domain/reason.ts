import { invalid } from './domain-error';
import { msg, type Message } from './messages';

/**
 * What makes a reason a reason, in Chinese or English: at least 4 Chinese characters (复查会议签到
 * is a complete reason) or 8 letters and digits — a Chinese character weighs two — and at most
 * 1,000 characters (a field may allow more). Spaces and punctuation do not count towards the
 * minimum. The same rule for every reason field, in the request DTOs and in the deciders.
 */
export const reasonCjkMin = 4;
export const reasonLatinMin = 8;
export const reasonLengthMax = 1000;

const han = /\p{Script=Han}/u;
const counted = /[\p{L}\p{N}]/u;

/** The weight of a text towards the minimum: each Chinese character 2, each letter or digit 1. */
export function reasonWeight(text: string): number {
  let weight = 0;
  for (const character of text) {
    if (han.test(character)) weight += 2;
    else if (counted.test(character)) weight += 1;
  }
  return weight;
}

/** Null when the text is a reason; else what is wrong, as a message naming the field. */
export function reasonProblem(
  text: unknown,
  field = 'reason',
  lengthMax = reasonLengthMax,
): Message | null {
  const ok =
    typeof text === 'string' &&
    reasonWeight(text) >= reasonLatinMin &&
    [...text.trim()].length <= lengthMax;
  return ok ? null : reasonMessage(field, lengthMax);
}

export const reasonMessage = (field: string, lengthMax = reasonLengthMax): Message =>
  msg('validation.reason', {
    field,
    cjkMin: reasonCjkMin,
    latinMin: reasonLatinMin,
    max: lengthMax,
  });

/** The deciders' check of a reason (the same rule as the DTOs): its trimmed text, or a 422. */
export function requireReason(
  text: string | null | undefined,
  field = 'reason',
  lengthMax = Number.MAX_SAFE_INTEGER,
): string {
  const problem = reasonProblem(text ?? '', field, lengthMax);
  if (problem) throw invalid(field, problem);
  return (text ?? '').trim();
}

/** Whether a text would pass as a reason (for checks that answer with a message of their own). */
export const isReason = (text: string | null | undefined): boolean =>
  reasonWeight(text ?? '') >= reasonLatinMin;
