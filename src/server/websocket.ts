import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createSubscriptionMultiplexer, type EnvelopedOperation } from './multiplex.js';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Socket } from 'node:net';
import type { GraphQLContext } from '../schema/context.js';
import type { Logger } from '../config/logger.js';
import type { Viewer } from '../domain/access.js';
import { AuthenticationError } from '../services/api-keys.js';
import type { CredentialWatch } from './credential-watch.js';
import { DomainError } from '../domain/errors.js';
import { TooManyConnectionsError, type TrafficControl } from './traffic.js';
import { checkRequestInput } from './input-checks.js';
import type { Metrics } from '../events/metrics.js';
import { withConnectionId } from './request-log.js';
import { mayRunUnregistered, resolvePersisted, type PersistedDocuments } from './persisted-operations.js';
import type { PersistedOnlyFor } from '../services/persisted-operations.js';
import { withDefaultCode } from './mask-errors.js';

/**
 * graphql-ws on the HTTP server's port and path. Every operation goes through yoga's envelop
 * pipeline (parse, validate, context, plugins), so WebSocket clients get the same schema, limits
 * and error masking as HTTP and SSE ones. Parse and validation errors are answered as errors on
 * the socket rather than closing it. Subscriptions are multiplexed (see createSubscriptionMultiplexer).
 */
export interface WebSocketOptions {
  logger: Logger;
  /** Masks an error as yoga masks them on HTTP. */
  maskError: (error: GraphQLError) => GraphQLError;
  /** Who the `authorization` of a connection_init payload says the client is (throws AuthenticationError). */
  authenticate: (authorization: string | undefined, address: string) => Promise<Viewer>;
  /** The client's address, for per-address limits. */
  addressOf: (request: IncomingMessage) => string;
  /** Documents for the hashes clients send. */
  persisted: PersistedDocuments;
  /** Callers who may run only registered operations. */
  persistedOperationsOnlyFor: PersistedOnlyFor;
  /** Closes connections whose key is revoked or expires. */
  credentials: CredentialWatch;
  /** Connections per key and operations per connection. */
  traffic: TrafficControl;
  /** The largest message a client may send (the HTTP body limit); a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  limits?: Partial<SlowConsumerLimits>;
  /** Where open connections and subscriptions are counted. */
  metrics: Metrics;
}

/** The close code for a connection whose connection_init carried credentials that are not valid. */
export const UNAUTHENTICATED_CLOSE_CODE = 4401;

/** The close code for a connection beyond its caller's limit of open connections (graphql-ws's own 4429 means a second connection_init). */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4430;

export function attachWebSocket(
  server: Server,
  yoga: YogaServerInstance<Record<string, never>, GraphQLContext>,
  {
    logger,
    maskError,
    authenticate,
    addressOf,
    persisted,
    persistedOperationsOnlyFor,
    credentials,
    traffic,
    maxMessageBytes,
    limits = {},
    metrics,
  }: WebSocketOptions,
) {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: maxMessageBytes });
  // Before graphql-ws's own listener, so that everything it does for a connection is logged with its id.
  wss.on('connection', withConnectionId);
  const watchdog = watchForSlowConsumers(wss, { ...DEFAULT_SLOW_CONSUMER_LIMITS, ...limits }, logger);
  const coalescing = coalesceFrames(wss);
  const multiplexed = createSubscriptionMultiplexer(metrics);
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedOperation).execute(args) as never,
      subscribe: (args) => multiplexed(args) as never,
      // The HTTP status that yoga reads off an error means nothing on a socket (and results may be shared: copy).
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.some((error) => error.extensions?.http)
          ? { ...result, errors: result.errors.map(withoutHttpStatus) }
          : result,
      // As on HTTP, a client's refused operation is one line at info, under the connection's id.
      onError: (_ctx, _id, payload, errors) => {
        logger.info('websocket operation refused', {
          operation: payload.operationName ?? null,
          errors: errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')),
        });
      },
      // Credentials come once, in connection_init (browsers cannot set headers on a WebSocket).
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const { socket, request } = ctx.extra;
        const address = addressOf(request);
        try {
          if (authorization !== undefined && authorization !== null && typeof authorization !== 'string') {
            throw new AuthenticationError(
              'MALFORMED',
              'The connection_init payload\'s authorization must be a string: "Bearer <key>".',
            );
          }
          const viewer = await authenticate(authorization ?? undefined, address);
          const release = traffic.openStream({ viewer, address });
          const uncount = metrics.streamOpened('websocket');
          (ctx.extra as ConnectionExtra).viewer = viewer;
          const unwatch = credentials.watch(viewer, (reason) =>
            socket.close(
              UNAUTHENTICATED_CLOSE_CODE,
              closeReason(`Unauthenticated: ${reason}; reconnect with a valid key and resume from your last cursor`),
            ),
          );
          socket.once('close', () => {
            unwatch();
            release();
            uncount();
          });
          return true;
        } catch (error) {
          const code =
            error instanceof TooManyConnectionsError
              ? TOO_MANY_CONNECTIONS_CLOSE_CODE
              : error instanceof AuthenticationError
                ? UNAUTHENTICATED_CLOSE_CODE
                : null;
          if (code === null) throw error;
          socket.close(code, closeReason((error as Error).message));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, sent) => {
        let payload: typeof sent;
        try {
          // This operation is already among ctx.subscriptions.
          traffic.checkSubscriptions(Object.keys(ctx.subscriptions).length);
          checkRequestInput(sent);
          payload = await resolvePersisted(sent, persisted, () =>
            mayRunUnregistered(persistedOperationsOnlyFor, ctx.extra.viewer!),
          );
        } catch (error) {
          return [refusal(error)];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [coded(error, 'GRAPHQL_PARSE_FAILED')];
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (error) {
          // The query limits refuse by throwing.
          return [coded(error, 'GRAPHQL_VALIDATION_FAILED')];
        }
        if (errors.length > 0) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
        let contextValue;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          return [refusal(error)];
        }
        return {
          schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? null,
          contextValue,
          rootValue: {
            execute,
            subscribe,
            mask: (result) => (result.errors ? { ...result, errors: result.errors.map(maskError) } : result),
            operationKey: JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null]),
          } satisfies EnvelopedOperation,
        };
      },
    },
    wss,
  );
  return {
    async close() {
      watchdog.stop();
      coalescing.stop();
      for (const client of wss.clients) client.terminate();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The close code for a connection cut off because it did not read what it was sent. */
export const SLOW_CONSUMER_CLOSE_CODE = 4460;

export interface SlowConsumerLimits {
  /** Bytes waiting to be sent on one connection beyond which it is cut off at once. */
  maxBufferedBytes: number;
  /** How long a connection may have bytes waiting without taking any of them. */
  maxStallMs: number;
  /** How long a cut-off connection has to read its close frame before it is dropped. */
  closeGraceMs: number;
}

export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = {
  maxBufferedBytes: 4 * 1024 * 1024,
  maxStallMs: 30_000,
  closeGraceMs: 5_000,
};

/** Bytes a connection may have waiting for the network before its subscriptions wait for them to leave. */
const SEND_HIGH_WATER_MARK = 64 * 1024;

/**
 * Lets a burst of events leave in one system call per connection rather than one per frame (on
 * these machines a write costs more than building the frame). graphql-ws waits for each frame to
 * be written before it sends a subscription's next; here a frame counts as sent at once while the
 * connection has less than SEND_HIGH_WATER_MARK waiting, and every connection written to in a turn
 * of the event loop is corked until the end of the turn. Beyond the mark, sends wait for the
 * network as before, so a client that stops reading still holds little (see watchForSlowConsumers).
 */
function coalesceFrames(wss: WebSocketServer) {
  const corked = new Set<Socket>();
  let flush: NodeJS.Immediate | null = null;
  const uncorkAll = () => {
    flush = null;
    for (const transport of corked) transport.uncork();
    corked.clear();
  };
  wss.on('connection', (socket, request) => {
    const transport = request.socket;
    const send = socket.send.bind(socket);
    socket.send = ((data: Parameters<WebSocket['send']>[0], ...rest: unknown[]) => {
      if (!corked.has(transport)) {
        corked.add(transport);
        transport.cork();
        flush ??= setImmediate(uncorkAll);
      }
      const callback = rest.at(-1);
      if (typeof callback !== 'function' || socket.bufferedAmount >= SEND_HIGH_WATER_MARK)
        return send(data, ...(rest as []));
      // A failed write closes the socket, and graphql-ws ends its subscriptions on close.
      send(data, ...(rest.slice(0, -1) as []), () => {});
      callback();
    }) as WebSocket['send'];
  });
  return {
    stop() {
      if (flush) clearImmediate(flush);
      uncorkAll();
    },
  };
}

/**
 * Bounds what the server holds for a client that stops reading. Past SEND_HIGH_WATER_MARK bytes
 * waiting, each subscription waits for its previous message to reach the network before sending
 * the next, so a stalled client costs at most that and a message per subscription; this watchdog
 * then cuts it off, closing with
 * SLOW_CONSUMER_CLOSE_CODE and a reason that says how to resume, and drops it if it cannot even
 * take the close frame.
 */
function watchForSlowConsumers(wss: WebSocketServer, limits: SlowConsumerLimits, logger: Logger) {
  const watched = new Map<
    WebSocket,
    { transport: Socket; written: number; stalledSince: number | null; cutOff: boolean }
  >();
  wss.on('connection', (socket, request) => {
    watched.set(socket, {
      transport: request.socket,
      written: request.socket.bytesWritten,
      stalledSince: null,
      cutOff: false,
    });
    socket.once('close', () => watched.delete(socket));
  });
  const check = () => {
    const now = Date.now();
    for (const [socket, state] of watched) {
      if (state.cutOff) continue;
      const written = state.transport.bytesWritten;
      const waiting = socket.bufferedAmount;
      if (waiting === 0 || written > state.written) state.stalledSince = null;
      else state.stalledSince ??= now;
      state.written = written;
      const stalledFor = state.stalledSince === null ? 0 : now - state.stalledSince;
      if (waiting <= limits.maxBufferedBytes && stalledFor <= limits.maxStallMs) continue;
      state.cutOff = true;
      logger.warn('websocket client too slow: cut off', { waitingBytes: waiting, stalledMs: stalledFor });
      socket.close(
        SLOW_CONSUMER_CLOSE_CODE,
        'Too slow: stopped reading; reconnect and resume with the last cursor received',
      );
      setTimeout(() => socket.terminate(), limits.closeGraceMs).unref();
    }
  };
  const timer = setInterval(check, Math.max(10, Math.min(1_000, limits.maxStallMs / 4)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** What this server keeps beside graphql-ws's own per connection. */
export interface ConnectionExtra {
  viewer?: Viewer;
}

/**
 * An operation refused before it runs (rate or subscription limit) is answered on the socket; the
 * connection stays. Errors from the context arrive masked already.
 */
function refusal(error: unknown): GraphQLError {
  if (error instanceof DomainError) return new GraphQLError(error.message, { extensions: { code: error.code } });
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string')
    return new GraphQLError(error.message, { extensions: { code: error.extensions.code } });
  throw error;
}

/** An error as HTTP clients get it: with the code yoga gives parse and validation errors there, where it has none of its own. */
function coded(error: unknown, code: string): GraphQLError {
  return withDefaultCode(error instanceof GraphQLError ? error : new GraphQLError(String(error)), code);
}

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  return bytes.length <= 123
    ? message
    : `${bytes
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD+$/, '')}...`;
}

function withoutHttpStatus(error: GraphQLFormattedError | GraphQLError): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : error;
  if (!formatted.extensions?.http) return formatted;
  const { http: _http, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
