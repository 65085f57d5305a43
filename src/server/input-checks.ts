import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DomainError } from '../domain/errors.js';

/** How deeply a request's variables (and extensions) may nest: no input type of the schema needs more than a few levels. */
export const MAX_VARIABLE_DEPTH = 32;

const NUL = '\u0000';

export class BadUserInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  override readonly http = { status: 400 };
}

/**
 * Refuses variables and extensions that nest deeper than MAX_VARIABLE_DEPTH, or that hold the NUL
 * character (U+0000: no field takes it, and PostgreSQL refuses it in text), before anything
 * recurses over them (coercion, the response cache's key). Walks without recursion, so that the
 * check itself cannot overflow the stack.
 */
export function checkRequestInput(
  params: { variables?: unknown; extensions?: unknown },
  maxDepth = MAX_VARIABLE_DEPTH,
): void {
  const pending: { value: unknown; depth: number; where: string }[] = [
    { value: params.variables, depth: 0, where: 'variables' },
    { value: params.extensions, depth: 0, where: 'extensions' },
  ];
  while (pending.length > 0) {
    const { value, depth, where } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL))
        throw new BadUserInputError(
          `A string in the request's ${where} holds the NUL character (U+0000), which no field accepts.`,
        );
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth)
      throw new BadUserInputError(
        `The request's ${where} nest deeper than ${maxDepth} levels; no input of this API needs that.`,
      );
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes(NUL))
        throw new BadUserInputError(`A name in the request's ${where} holds the NUL character (U+0000).`);
      pending.push({ value: inner, depth: depth + 1, where });
    }
  }
}

/** A validation rule: string literals in the document may not hold the NUL character. */
export function noNulCharacterRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes(NUL)) {
        context.reportError(
          new GraphQLError('A string in the document holds the NUL character (U+0000), which no field accepts.', {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  };
}

/** For HTTP and SSE (graphql-ws calls checkRequestInput itself; the validation rule runs on every transport). */
export function useInputChecks(): Plugin {
  return {
    onParams({ params }) {
      checkRequestInput(params);
    },
    onValidate({ addValidationRule }) {
      addValidationRule(noNulCharacterRule);
    },
  };
}
