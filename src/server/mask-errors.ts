import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as maskUnexpected, type Plugin, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { DomainError } from '../services/errors.js';
import type { Logger } from './logger.js';

/**
 * What clients may see of an error. Expected failures keep their message and get a stable
 * `extensions.code`: domain errors (UNKNOWN_METRIC, …) and input the schema plugins refuse (a bad
 * cursor or page size: BAD_USER_INPUT). GraphQL's own parse, validation and coercion errors pass
 * as yoga passes them (with HTTP 400 where it applies). Anything else is "Unexpected error.",
 * logged with its detail.
 */
export function createErrorMasking(logger: Logger, development: boolean): YogaMaskedErrorOpts {
  return {
    isDev: development,
    errorMessage: 'Unexpected error.',
    maskError(error, message, isDev) {
      // Thrown while building the context (a bad key) the error arrives bare, not wrapped in a GraphQLError.
      const original = error instanceof GraphQLError ? error.originalError : error;
      const located = error instanceof GraphQLError ? { path: error.path, nodes: error.nodes, source: error.source, positions: error.positions } : {};
      if (original instanceof DomainError) {
        // Errors that refuse the whole request answer with their own HTTP status (yoga drops `http` from the body).
        return createGraphQLError(original.message, { ...located, extensions: { code: original.code, ...(original.http ? { http: original.http } : {}) } });
      }
      if (original instanceof PothosValidationError) {
        return createGraphQLError(original.message, { ...located, extensions: { code: 'BAD_USER_INPUT' } });
      }
      const masked = maskUnexpected(error, message, isDev);
      if (masked instanceof GraphQLError && masked.message === message) {
        logger.error('unexpected error', { error: String(original ?? error), stack: (original as Error | undefined)?.stack });
        return createGraphQLError(message, { ...located, extensions: { ...masked.extensions, code: 'INTERNAL_SERVER_ERROR' } });
      }
      return masked;
    },
  };
}

export interface DefaultErrorCodeOptions {
  /** @default 'BAD_USER_INPUT' */
  code?: string;
}

/**
 * Gives every error in a response a code. graphql-js leaves some of the client's own mistakes
 * without one (a variable that does not fit its type, an operation the schema lacks); by the time
 * a response is written every unexpected error has been masked and coded, so what is left is input.
 */
export function useDefaultErrorCode({ code = 'BAD_USER_INPUT' }: DefaultErrorCodeOptions = {}): Plugin {
  // Refused before anything ran (no `data`: a query limit, say): the request was bad, HTTP 400.
  const withCode = (error: GraphQLError, refused: boolean) =>
    typeof error.extensions?.code === 'string'
      ? error
      : createGraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          extensions: { ...error.extensions, code, ...(refused ? { http: { status: 400 } } : {}) },
        });
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as { data?: unknown; errors?: readonly GraphQLError[] };
      if (!single.errors?.some((error) => typeof error.extensions?.code !== 'string')) return;
      const refused = !('data' in single);
      setResult({ ...single, errors: single.errors.map((error) => withCode(error, refused)) } as never);
    },
  };
}
