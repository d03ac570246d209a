import { ValidateBy, type ValidationOptions } from 'class-validator';
import { inEnglish } from '../domain/messages';
import { reasonLengthMax, reasonMessage, reasonProblem } from '../domain/reason';

export { reasonMessage };

/**
 * Every reason field (and other free-text explanations): a sentence by the kernel's one rule —
 * at least 4 Chinese characters or 8 letters, at most `lengthMax` characters
 * (src/shared/domain/reason.ts). A field allowed more than 1,000 characters names its maximum.
 */
export function IsReason(lengthMax = reasonLengthMax, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isReason',
      constraints: [lengthMax],
      validator: {
        validate: (value: unknown, args) =>
          reasonProblem(value, args?.property, lengthMax) === null,
        defaultMessage: (args) => inEnglish(reasonMessage(args?.property ?? 'reason', lengthMax)),
      },
    },
    { ...options, context: { lengthMax } },
  );
}
