import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as maskUnexpected, type Plugin, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../config/logger.js';
import { isDatabaseUnavailable } from '../db/errors.js';

/** What a client is told to wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * What clients may see of an error. Expected failures keep their message and get a stable
 * `extensions.code`: domain errors (UNKNOWN_METRIC, …) and input the schema plugins refuse (a bad
 * cursor or page size: BAD_USER_INPUT). GraphQL's own parse, validation and coercion errors pass
 * as yoga passes them (with HTTP 400 where it applies). A database that cannot be reached or
 * does not answer in time is DATABASE_UNAVAILABLE, HTTP 503 with Retry-After. Anything else is
 * "Unexpected error.", logged with its detail.
 */
export function createErrorMasking(logger: Logger, development: boolean): YogaMaskedErrorOpts {
  return {
    isDev: development,
    errorMessage: 'Unexpected error.',
    maskError(error, message, isDev) {
      // Thrown while building the context (a bad key) the error arrives bare, not wrapped in a GraphQLError.
      const original = error instanceof GraphQLError ? error.originalError : error;
      const located =
        error instanceof GraphQLError
          ? { path: error.path, nodes: error.nodes, source: error.source, positions: error.positions }
          : {};
      if (original instanceof DomainError) {
        return domainErrorAnswer(original, located);
      }
      if (isDatabaseUnavailable(original)) {
        logger.warn('database unavailable', { error: String(original) });
        return createGraphQLError('The database is unavailable just now: retry in a few seconds.', {
          ...located,
          extensions: {
            code: 'DATABASE_UNAVAILABLE',
            http: { status: 503, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } },
          },
        });
      }
      if (original instanceof PothosValidationError) {
        return createGraphQLError(original.message, { ...located, extensions: { code: 'BAD_USER_INPUT' } });
      }
      const masked = maskUnexpected(error, message, isDev);
      if (masked instanceof GraphQLError && masked.message === message) {
        logger.error('unexpected error', {
          error: String(original ?? error),
          stack: (original as Error | undefined)?.stack,
        });
        return createGraphQLError(message, {
          ...located,
          extensions: { ...masked.extensions, code: 'INTERNAL_SERVER_ERROR' },
        });
      }
      return masked;
    },
  };
}

/**
 * The error a DomainError is answered with: its message and code and, where it refuses a whole
 * request, its HTTP status (yoga drops `http` from the body).
 */
export function domainErrorAnswer(
  error: DomainError,
  located: Partial<Pick<GraphQLError, 'path' | 'nodes' | 'source' | 'positions'>> = {},
): GraphQLError {
  return createGraphQLError(error.message, {
    ...located,
    extensions: { code: error.code, ...(error.http ? { http: error.http } : {}) },
  });
}

/** The error with `code` (and any further extensions) added, unless it has a code of its own. */
export function withDefaultCode(
  error: GraphQLError,
  code: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  if (typeof error.extensions?.code === 'string') return error;
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code, ...extensions },
  });
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
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as { data?: unknown; errors?: readonly GraphQLError[] };
      if (!single.errors?.some((error) => typeof error.extensions?.code !== 'string')) return;
      // Refused before anything ran (no `data`: a query limit, say): the request was bad, HTTP 400.
      const http = 'data' in single ? {} : { http: { status: 400 } };
      setResult({ ...single, errors: single.errors.map((error) => withDefaultCode(error, code, http)) } as never);
    },
  };
}
