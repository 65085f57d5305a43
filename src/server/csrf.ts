import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Content types a browser sends cross-site without asking the server first (no CORS preflight). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Any one of these marks a request a page on another site could not have sent without a CORS preflight. */
const CSRF_HEADERS = ['authorization', 'x-graphql-csrf', 'apollo-require-preflight'] as const;

/**
 * Refuses form-like POSTs that a page on another site could make a browser send unasked, unless a
 * header forces a preflight. JSON POSTs are preflighted already, and anything with a key carries
 * Authorization, so API clients never notice. GETs pass as they are (urql's and Apollo's default
 * for queries): the API's credentials are bearer keys, never cookies, so a forged GET carries
 * nothing to act with, and a GET may not run a mutation (yoga answers 405).
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method === 'GET') return;
      const contentType = request.headers.get('content-type')?.toLowerCase();
      if (contentType && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple))) return;
      if (CSRF_HEADERS.some((header) => request.headers.has(header))) return;
      throw createGraphQLError(
        'This request could have been sent by another site: send it as JSON (content-type application/json), with an Authorization header, or with the header "X-GraphQL-CSRF: 1".',
        {
          extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } },
        },
      );
    },
  };
}
