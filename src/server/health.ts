import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';

export interface HealthCheckOptions {
  db: Database;
  bus: EventBus;
  /** @default '/health' */
  path?: string;
}

/**
 * `GET /health`: 200 when the database answers, 503 otherwise. An event bus cut off from Redis
 * leaves the instance serving (its own subscribers still receive) and is reported as degraded.
 */
export function useHealthCheck({ db, bus, path = '/health' }: HealthCheckOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      try {
        await db.prisma.$queryRaw`SELECT 1`;
        const eventBus = bus.status();
        endResponse(json(fetchAPI.Response, 200, { status: eventBus === 'disconnected' ? 'degraded' : 'ok', database: db.kind, eventBus }));
      } catch (error) {
        endResponse(json(fetchAPI.Response, 503, { status: 'unavailable', reason: String(error) }));
      }
    },
  };
}

function json(ResponseClass: typeof Response, status: number, body: unknown): Response {
  return new ResponseClass(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
