import type { InputProblem } from '../../services/errors.js';
import { builder } from '../builder.js';

export const InputErrorRef = builder.objectRef<InputProblem>('InputError').implement({
  description: 'Why an admin change was refused: one problem with the input. Nothing was changed.',
  fields: (t) => ({
    field: t.exposeString('field', { nullable: true, description: 'The input field at fault ("value", "appliesTo.0"), where there is one.' }),
    code: t.exposeString('code', {
      description:
        'Stable code: UNKNOWN_MILESTONE, UNKNOWN_METRIC, UNKNOWN_TARGET, UNKNOWN_ORGANISATION, NOT_FINITE, OUT_OF_RANGE, NEGATIVE_VALUE, INVALID_SPAN, INVALID_SCOPE, DUPLICATE_ROW, MISSING_VALUE, TOO_LONG, TARGET_IN_USE, UNKNOWN_MANDATE, UNKNOWN_PRIORITY, INVALID_PARENT, INVALID_KEY, DUPLICATE_KEY, INVALID_KEY_REQUEST.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, in a sentence.' }),
  }),
});
