import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../domain/access.js';
import type { Metrics } from '../events/metrics.js';
import { DomainError } from '../domain/errors.js';

export interface MetricsEndpointOptions {
  metrics: Metrics;
  /** Who the request's Authorization says the caller is (throws AuthenticationError). */
  identify: (request: Request, serverContext: unknown) => Promise<Viewer>;
  /** @default '/metrics' */
  path?: string;
}

/**
 * `GET /metrics`: the process's metrics in Prometheus' text format, for admin keys only (they tell
 * who uses the API how): scrape with `authorization: Bearer <admin key>`.
 */
export function useMetricsEndpoint({ metrics, identify, path = '/metrics' }: MetricsEndpointOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      let viewer: Viewer;
      try {
        viewer = await identify(request, serverContext);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return endResponse(
          refusal(fetchAPI.Response, error.http?.status ?? 401, {
            message: error.message,
            extensions: { code: error.code },
          }),
        );
      }
      if (viewer.kind === 'anonymous' || viewer.role !== 'ADMIN') {
        const status = viewer.kind === 'anonymous' ? 401 : 403;
        return endResponse(
          refusal(fetchAPI.Response, status, {
            message: 'The metrics are for admin keys: send "Authorization: Bearer <admin key>".',
            extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
          }),
        );
      }
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), {
          status: 200,
          headers: { 'content-type': metrics.registry.contentType },
        }),
      );
    },
  };
}

function refusal(ResponseClass: typeof Response, status: number, error: unknown): Response {
  return new ResponseClass(JSON.stringify({ errors: [error] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
