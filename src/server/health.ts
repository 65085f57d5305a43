import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';

export interface HealthCheckOptions {
  db: Database;
  /** @default '/health' */
  path?: string;
}

/** `GET /health`: 200 when the database answers, 503 otherwise. */
export function useHealthCheck({ db, path = '/health' }: HealthCheckOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      try {
        await db.prisma.$queryRaw`SELECT 1`;
        endResponse(json(fetchAPI.Response, 200, { status: 'ok', database: db.kind }));
      } catch (error) {
        endResponse(json(fetchAPI.Response, 503, { status: 'unavailable', reason: String(error) }));
      }
    },
  };
}

function json(ResponseClass: typeof Response, status: number, body: unknown): Response {
  return new ResponseClass(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
