import type { ObjectRef } from '@pothos/core';
import type { InputProblem } from '../../domain/errors.js';
import { builder } from '../builder.js';

export const InputErrorRef = builder.objectRef<InputProblem>('InputError').implement({
  description: 'Why an admin change was refused: one problem with the input. Nothing was changed.',
  fields: (t) => ({
    field: t.exposeString('field', {
      nullable: true,
      description: 'The input field at fault ("value", "appliesTo.0"), where there is one.',
    }),
    code: t.exposeString('code', {
      description:
        'Stable code: UNKNOWN_MILESTONE, UNKNOWN_METRIC, UNKNOWN_TARGET, UNKNOWN_ORGANISATION, NOT_FINITE, OUT_OF_RANGE, NEGATIVE_VALUE, INVALID_SPAN, INVALID_SCOPE, DUPLICATE_ROW, MISSING_VALUE, TOO_LONG, TARGET_IN_USE, UNKNOWN_MANDATE, UNKNOWN_PRIORITY, INVALID_PARENT, INVALID_KEY, DUPLICATE_KEY, INVALID_KEY_REQUEST.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, in a sentence.' }),
  }),
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The payload of an admin change to one object: the object as it now is (null when refused) and
 * every problem found; a non-empty `errors` means nothing changed.
 */
export function changePayload<Shape extends { errors: InputProblem[] }>(
  name: string,
  noun: string,
  field: Exclude<keyof Shape, 'errors'> & string,
  subject: ObjectRef<BuilderTypes, unknown>,
) {
  return builder.objectRef<Shape>(name).implement({
    description: `What a ${noun} change did. A non-empty \`errors\` means nothing changed.`,
    fields: (t) => ({
      [field]: t.field({
        type: subject,
        nullable: true,
        description: `The ${noun} as it now is; null when refused.`,
        resolve: (payload) => payload[field] as never,
      }),
      errors: t.field({
        type: [InputErrorRef],
        description: 'Every problem found; empty when the change was made.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });
}
