import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import type { Environment } from '../config/env.js';
import { CONNECTION_PAGE_SIZES, maxCostRule } from '../schema/query-cost.js';

/** What one request may ask of the server. Each refusal is a clear error; see docs/security.md. */
export interface QueryLimits {
  /** Nesting of selections (fragments counted where they are spread). */
  maxDepth: number;
  /** Aliases in one operation (alias bombs repeat an expensive field under many names). */
  maxAliases: number;
  /** Lexical tokens in the document (refused while parsing, before anything is built). */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** How many objects an operation could return, page sizes multiplied out (see estimateCost). */
  maxCost: number;
  /** Bytes of a request body (by its Content-Length, which a body must have) and of a WebSocket message. */
  maxBodyBytes: number;
  /** Whether the schema can be introspected. */
  introspection: boolean;
  /** Whether a misspelt field's error suggests the right name (which discloses the schema). */
  fieldSuggestions: boolean;
}

/** Open in development; introspection and suggestions closed in production. */
export function defaultQueryLimits(development: boolean): QueryLimits {
  return {
    maxDepth: 24,
    maxAliases: 20,
    maxTokens: 5_000,
    maxDirectives: 20,
    maxCost: 50_000,
    maxBodyBytes: 8 * 1024 * 1024,
    introspection: development,
    fieldSuggestions: development,
  };
}

/** The envelop plugins that enforce the limits on every transport (HTTP, SSE and graphql-ws share the pipeline). */
export function useQueryLimits(limits: QueryLimits): Plugin[] {
  const exposeLimits = true;
  return [
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits }),
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits, ignoreIntrospection: false, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits }),
    maxDirectivesPlugin({ n: limits.maxDirectives, exposeLimits }),
    { onValidate: ({ addValidationRule }) => addValidationRule(maxCostRule(limits.maxCost, CONNECTION_PAGE_SIZES)) },
    ...(limits.introspection ? [] : [useDisableIntrospection()]),
    ...(limits.fieldSuggestions ? [] : [blockFieldSuggestionsPlugin()]),
    useMaxBodySize(limits.maxBodyBytes),
  ] as Plugin[];
}

/**
 * Refuses a body declared larger than the limit with 413, before it is read; a body that declares
 * no length (sent in chunks) could be of any size, so it is refused with 411.
 */
function useMaxBodySize(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = request.headers.get('content-length');
      const refuse = (status: number, code: string, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (length === null && request.headers.has('transfer-encoding')) {
        return refuse(
          411,
          'LENGTH_REQUIRED',
          'Send the request body with a Content-Length (bodies sent in chunks are not accepted).',
        );
      }
      const declared = Number(length ?? 0);
      if (declared > maxBytes)
        refuse(413, 'PAYLOAD_TOO_LARGE', `The request body is ${declared} bytes; the limit is ${maxBytes}.`);
    },
  };
}

/** The limits the environment sets (MAX_QUERY_DEPTH, …); those unset keep their defaults. */
export function queryLimitsFromEnvironment(env: Environment): Partial<QueryLimits> {
  return definedOnly({
    maxDepth: env.MAX_QUERY_DEPTH,
    maxCost: env.MAX_QUERY_COST,
    maxAliases: env.MAX_ALIASES,
    maxTokens: env.MAX_TOKENS,
    maxDirectives: env.MAX_DIRECTIVES,
    maxBodyBytes: env.MAX_BODY_BYTES,
    introspection: env.GRAPHQL_INTROSPECTION,
    fieldSuggestions: env.GRAPHQL_FIELD_SUGGESTIONS,
  });
}

/** Drops the unset entries, so that spreading the result over defaults keeps them. */
export function definedOnly<T extends object>(values: { [K in keyof T]: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
