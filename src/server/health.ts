import cluster from 'node:cluster';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import { withDeadline } from '../db/deadline.js';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../config/logger.js';
import { DATABASE_RETRY_AFTER_SECONDS } from './mask-errors.js';

export interface HealthCheckOptions {
  db: Database;
  bus: EventBus;
  logger: Logger;
  /** @default '/health' */
  path?: string;
  /** How long the database may take to answer before the instance counts as unavailable. @default 2000 */
  databaseDeadlineMs?: number;
  /** Publications the server lacks, read at each request: the list shrinks as downloads arrive. @default [] */
  missingSources?: readonly string[];
}

/**
 * `GET /health`: 200 when the database answers in time, 503 otherwise. An event bus that is cut
 * off from Redis, or whose Redis does not answer a ping in time, leaves the instance serving (its
 * own subscribers still receive) and is reported as degraded, as is a server that started without
 * some publications (named in `missingSources`). Anyone may ask, so the answer says
 * why in a word; the database's own message goes to the log. Under `serve --workers` it says
 * which worker answered.
 */
export function useHealthCheck({
  db,
  bus,
  logger,
  path = '/health',
  databaseDeadlineMs = 2_000,
  missingSources = [],
}: HealthCheckOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      const [database, eventBus] = await Promise.all([
        withDeadline(db.prisma.$queryRaw`SELECT 1`, databaseDeadlineMs, 'the database').then(
          () => 'ok' as const,
          (error: unknown) => {
            logger.warn('health check: database unavailable', { error: String(error) });
            return 'unavailable' as const;
          },
        ),
        bus.check(),
      ]);
      if (database !== 'ok') {
        endResponse(
          json(fetchAPI.Response, 503, {
            status: 'unavailable',
            database: db.kind,
            reason: 'database unavailable',
            eventBus,
          }),
        );
        return;
      }
      // Said only when some are missing, so that a complete server's answer stays as it was.
      const sources = missingSources.length > 0 ? { missingSources: [...missingSources] } : {};
      // Under `serve --workers`, which of the processes answered.
      const worker = cluster.worker ? { worker: cluster.worker.id } : {};
      endResponse(
        json(fetchAPI.Response, 200, {
          status: eventBus === 'disconnected' || missingSources.length > 0 ? 'degraded' : 'ok',
          database: db.kind,
          eventBus,
          ...sources,
          ...worker,
        }),
      );
    },
  };
}

function json(ResponseClass: typeof Response, status: number, body: unknown): Response {
  return new ResponseClass(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      ...(status === 503 ? { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } : {}),
    },
  });
}
