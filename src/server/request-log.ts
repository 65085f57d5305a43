import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../config/logger.js';
import { requestContext } from './logger.js';
import type { Metrics } from '../events/metrics.js';
import { nameOperation } from './tracing.js';

/** A request id a client or proxy may send for us to carry on (anything else is replaced). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Runs each HTTP request in its own logging context: its id (the client's `x-request-id` when it
 * sends a sensible one, else a new one) is in every log line written while it is served and in
 * the answer's `x-request-id` header.
 */
export function withRequestId(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdOf(request);
    response.setHeader('x-request-id', requestId);
    requestContext.run({ requestId }, () => handler(request, response));
  };
}

/** The id a request is logged under: the client's `x-request-id` when it sends a sensible one, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Gives every event of a WebSocket (each message, and all the work it starts) the logging context
 * of the connection, whose id is its upgrade request's: socket events otherwise run in the context
 * of the server's accepting the TCP connection, with no id.
 */
export function withConnectionId(
  socket: { emit(event: string | symbol, ...args: unknown[]): boolean },
  request: IncomingMessage,
): void {
  const store = { requestId: requestIdOf(request) };
  const emit = socket.emit.bind(socket);
  socket.emit = (event, ...args) => requestContext.run(store, () => emit(event, ...args));
}

/** Every error code of an answer, in order. */
const codesOf = (result: unknown): string[] => {
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] } | undefined)?.errors ?? [];
  return errors.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN'));
};

/**
 * One line per request with its method, path, status, duration, operation and error codes: at
 * `debug` when it went well, at `info` when the client's request was refused or had errors (its
 * mistake is the line's `errors`, never an `error` line: those are for the server's own faults), at
 * `warn` when the server answered 5xx. Health checks log at `debug`. GraphQL requests are counted
 * in the metrics too.
 */
export function useRequestLog(
  logger: Logger,
  metrics: Metrics,
  { healthPath = '/health', graphqlPath = '/graphql' }: { healthPath?: string; graphqlPath?: string } = {},
): Plugin {
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string | null>();
  const codes = new WeakMap<Request, string[]>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onParams({ request, params }) {
      operations.set(request, params.operationName ?? null);
      nameOperation(params.operationName);
    },
    onResultProcess({ request, result }) {
      if (!Array.isArray(result) && !(Symbol.asyncIterator in (result as object))) codes.set(request, codesOf(result));
    },
    onResponse({ request, response }) {
      const url = new URL(request.url);
      const fields = {
        method: request.method,
        path: url.pathname,
        status: response.status,
        ms: Math.round((performance.now() - (started.get(request) ?? performance.now())) * 10) / 10,
        operation: operations.get(request) ?? null,
        errors: codes.get(request) ?? [],
      };
      if (url.pathname === graphqlPath)
        metrics.request(fields.operation, fields.status, fields.ms / 1000, fields.errors);
      if (url.pathname.startsWith(healthPath) || (response.status < 400 && fields.errors.length === 0))
        logger.debug('request', fields);
      else if (response.status >= 500) logger.warn('request', fields);
      else logger.info('request', fields);
    },
  };
}
