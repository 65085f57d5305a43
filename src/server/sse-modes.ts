import type { Plugin } from 'graphql-yoga';

/** The header graphql-sse's single connection mode sends with every operation after reserving its stream. */
const STREAM_TOKEN_HEADER = 'x-graphql-event-stream-token';

const EXPLANATION =
  'graphql-sse single connection mode is not supported: use its distinct connections mode (singleConnection: false, the default) or graphql-ws';

/**
 * SSE here is graphql-sse's "distinct connections" mode (one stream a subscription, which yoga
 * serves). Its "single connection" mode reserves a stream with PUT and sends operations with a
 * stream token; without this, the client would see a bare 405 and retry. It is answered with 405,
 * the reason in the status text (which graphql-sse's client shows) and as a coded GraphQL error.
 */
export function useSseSingleConnectionRefusal({ path = '/graphql' }: { path?: string } = {}): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || (request.method !== 'PUT' && !request.headers.has(STREAM_TOKEN_HEADER))) return;
      const body = {
        errors: [{ message: `${EXPLANATION}.`, extensions: { code: 'SSE_SINGLE_CONNECTION_UNSUPPORTED' } }],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 405,
          statusText: EXPLANATION,
          headers: { 'content-type': 'application/json; charset=utf-8', allow: 'GET, POST' },
        }),
      );
    },
  };
}
