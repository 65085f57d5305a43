import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import { schema } from '../schema/index.js';
import type { GraphQLContext } from '../schema/context.js';
import { createServices } from '../services/index.js';
import { createTargetCatalogue } from '../services/target-catalogue.js';
import { createEventBus, type EventBus } from '../events/bus.js';
import { createCrossingLogTail } from '../events/crossing-log.js';
import { createWatchLogTail } from '../events/watch-log.js';
import { createLiveEventRows } from '../events/shared-rows.js';
import type { Logger } from '../config/logger.js';
import { useHealthCheck } from './health.js';
import type { Tracer } from '@opentelemetry/api';
import { withRequestSpan } from './tracing.js';
import { useExportEndpoint } from './export.js';
import { useBoard } from './board.js';
import { useMetricsEndpoint } from './metrics-endpoint.js';
import { createMetrics, type Metrics } from '../events/metrics.js';
import { useRequestLog, withRequestId } from './request-log.js';
import { useInputChecks } from './input-checks.js';
import { useSseSingleConnectionRefusal } from './sse-modes.js';
import { createErrorMasking, useDefaultErrorCode } from './mask-errors.js';
import { createCredentialWatch } from './credential-watch.js';
import { useStreamGuards } from './stream-guards.js';
import { useFreshServicesPerEvent } from './event-execution.js';
import { useCsrfPrevention } from './csrf.js';
import { useResponseCache } from './response-cache.js';
import {
  createAutomaticPersistedQueries,
  mayRunUnregistered,
  requirePersisted,
  usePersistedOperations,
} from './persisted-operations.js';
import { createPersistedOperationLookup, type PersistedOnlyFor } from '../services/persisted-operations.js';
import { defaultQueryLimits, useQueryLimits, type QueryLimits } from './limits.js';
import {
  clientAddress,
  createTrafficControl,
  guardPendingConnections,
  DEFAULT_TRAFFIC_LIMITS,
  type TrafficLimits,
} from './traffic.js';
import { attachWebSocket, type ConnectionExtra, type SlowConsumerLimits } from './websocket.js';
import { authenticate, AuthenticationError } from '../services/api-keys.js';
import { ANONYMOUS } from '../domain/access.js';
import { createIdentityTokenVerifier, type IdentityProviderSettings } from '../services/identity-tokens.js';
import { createNotifier, DEFAULT_NOTIFIER_SETTINGS, type NotifierSettings } from '../services/notifier.js';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** Where crossings are published and heard (in-process, or Redis across instances). */
  bus?: EventBus;
  /** The clock; injectable so tests can fix it. */
  now?: () => Date;
  /** Serve GraphiQL and detailed errors. */
  development?: boolean;
  /** Anonymous callers may read the public statistics unless this is set. */
  requireKeyForReads?: boolean;
  /** What one request may ask (default: defaultQueryLimits(development)). */
  queryLimits?: Partial<QueryLimits>;
  /** How much one caller may ask (default: DEFAULT_TRAFFIC_LIMITS). */
  trafficLimits?: Partial<TrafficLimits>;
  /** Callers who may run only registered operations (roles, and ANONYMOUS for callers without a key); default none. */
  persistedOperationsOnlyFor?: PersistedOnlyFor;
  /** How many query answers to keep (0: no cache; default DEFAULT_RESPONSE_CACHE_ENTRIES). */
  responseCacheEntries?: number;
  /** An identity provider whose tokens are accepted beside API keys. */
  identityProvider?: IdentityProviderSettings;
  /** How often the keys of open streams are checked for revocation and expiry (default 2 s). */
  credentialCheckMs?: number;
  /** When a WebSocket client that stops reading is cut off (defaults: DEFAULT_SLOW_CONSUMER_LIMITS). */
  slowConsumerLimits?: Partial<SlowConsumerLimits>;
  /** What the process counts, served at GET /metrics (default: a registry of the app's own). */
  metrics?: Metrics;
  /** Traces each request when set (see startTracing). */
  tracer?: Tracer;
  /** Publications the server started without (their keys), reported on /health. */
  missingSources?: readonly string[];
  /** How notifications are routed and sent; `run: false` keeps the notifier from polling once started (default: it runs). */
  notifications?: { settings?: Partial<NotifierSettings>; run?: boolean };
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, GraphQLContext>;
  /** Listens on the port (0 picks a free one) and resolves with the URL of the GraphQL endpoint. */
  start(port: number, host?: string): Promise<string>;
  /** Stops listening and closes every open connection. */
  stop(): Promise<void>;
}

export function buildApp({
  db,
  logger,
  metrics = createMetrics(),
  bus = createEventBus({ logger, metrics }),
  now = () => new Date(),
  development = false,
  requireKeyForReads = false,
  queryLimits,
  trafficLimits,
  persistedOperationsOnlyFor = new Set(),
  responseCacheEntries,
  identityProvider,
  credentialCheckMs,
  slowConsumerLimits,
  tracer,
  missingSources = [],
  notifications,
}: AppDependencies): App {
  if (db.poolUse)
    metrics.gauge(
      'nmg_database_connections',
      'The PostgreSQL connection pool: connections open (total), idle, and requests waiting for one.',
      db.poolUse,
    );
  const tail = createCrossingLogTail(db, bus, { logger });
  const watchTail = createWatchLogTail(db, bus, { logger });
  const rows = createLiveEventRows(db);
  const notifier = createNotifier({
    db,
    logger,
    metrics,
    settings: { ...DEFAULT_NOTIFIER_SETTINGS, ...notifications?.settings },
  });
  const catalogue = createTargetCatalogue(db);
  const masking = createErrorMasking(logger, development);
  const credentials = createCredentialWatch(db, logger, credentialCheckMs ? { intervalMs: credentialCheckMs } : {});
  const persisted = { registered: createPersistedOperationLookup(db), automatic: createAutomaticPersistedQueries() };
  const verifyIdentityToken = identityProvider && createIdentityTokenVerifier(db, identityProvider);
  const limits = { ...defaultQueryLimits(development), ...queryLimits };
  const traffic = createTrafficControl({ ...DEFAULT_TRAFFIC_LIMITS, ...trafficLimits });
  const addressOf = (request: IncomingMessage | undefined) => clientAddress(request, traffic.limits.trustProxy);
  // Keys expire by the real clock, whatever clock the data is judged by.
  const identify = async (authorization: string | null | undefined, address: string) => {
    try {
      const viewer = await authenticate(db, authorization, new Date(), verifyIdentityToken);
      if (requireKeyForReads && viewer.kind === 'anonymous') {
        throw new AuthenticationError(
          'MISSING',
          'This server needs an API key for every request: send "Authorization: Bearer <key>".',
        );
      }
      return viewer;
    } catch (error) {
      // Failed attempts count against the address, so guessing is as slow as anonymous reading.
      if (error instanceof AuthenticationError) traffic.admitRequest({ viewer: ANONYMOUS, address });
      throw error;
    }
  };
  // For plugins that run before the context is built (the caller is worked out again there).
  const identifyRequest = (request: Request, serverContext: unknown) =>
    identify(request.headers.get('authorization'), addressOf((serverContext as { req?: IncomingMessage }).req));
  const yoga: YogaServerInstance<Record<string, never>, GraphQLContext> = createYoga<
    Record<string, never>,
    GraphQLContext
  >({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: development,
    // GraphiQL from the server's own assets (its scripts, styles and favicon inline), not from
    // unpkg.com: many NHS networks reach no internet. Loaded on first use: the bundle is 9 MB.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    landingPage: false,
    // Yoga's own check answers 200 whatever the database says: it becomes the liveness probe, and
    // /health (useHealthCheck) answers for readiness.
    healthCheckEndpoint: '/health/live',
    logging: {
      debug: (...args) => logger.debug(String(args[0] ?? '')),
      info: (...args) => logger.info(String(args[0] ?? '')),
      warn: (...args) => logger.warn(String(args[0] ?? '')),
      // Yoga logs every error it masks; the masking (createErrorMasking) has logged it already, at
      // the level it deserves (a client's mistake is not the server's fault).
      error: (...args) => {
        if (args[0] instanceof Error) return;
        logger.error(String(args[0] ?? ''), { detail: args.slice(1).map(String) });
      },
    },
    maskedErrors: masking,
    plugins: [
      useRequestLog(logger, metrics),
      useMetricsEndpoint({ metrics, identify: identifyRequest }),
      useExportEndpoint(() => yoga),
      useBoard({ development }),
      useHealthCheck({ db, bus, logger, missingSources }),
      useSseSingleConnectionRefusal(),
      useCsrfPrevention(),
      useInputChecks(),
      usePersistedOperations(
        persisted,
        async (request, serverContext) =>
          persistedOperationsOnlyFor.size === 0 ||
          mayRunUnregistered(persistedOperationsOnlyFor, await identifyRequest(request, serverContext)),
      ),
      ...useQueryLimits(limits),
      useDefaultErrorCode(),
      useFreshServicesPerEvent(metrics),
      useStreamGuards(credentials, traffic, metrics),
      useResponseCache(metrics, responseCacheEntries === undefined ? {} : { maxEntries: responseCacheEntries }),
    ],
    context: async (initial) => {
      const address = addressOf((initial as { req?: IncomingMessage }).req);
      // A WebSocket connection authenticated once, at connection_init; HTTP and SSE requests each time.
      const viewer =
        (initial as { extra?: ConnectionExtra }).extra?.viewer ??
        (await identify(initial.request.headers.get('authorization'), address));
      traffic.admitRequest({ viewer, address });
      requirePersisted(persistedOperationsOnlyFor, viewer, initial.params);
      const renewServices = () =>
        createServices({ db, bus, tail, watchTail, rows, catalogue, now, viewer, metrics, notifier });
      return { db, services: renewServices(), renewServices, requireKeyForReads, address };
    },
  });

  // Timeouts are checked every second, not every 30 s, so that the headers timeout holds.
  // yoga answers every request itself, its failures included: the promise it returns only says when.
  const server: Server = createServer(
    { connectionsCheckingInterval: 1_000 },
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    tracer ? withRequestSpan(tracer, withRequestId(yoga)) : withRequestId(yoga),
  );
  guardPendingConnections(server, traffic.limits);
  const webSocket = attachWebSocket(server, yoga, {
    logger,
    maskError: (error) => masking.maskError(error, masking.errorMessage, development) as GraphQLError,
    authenticate: identify,
    addressOf,
    persisted,
    persistedOperationsOnlyFor,
    credentials,
    traffic,
    maxMessageBytes: limits.maxBodyBytes,
    metrics,
    ...(slowConsumerLimits ? { limits: slowConsumerLimits } : {}),
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return {
    yoga,
    start(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          if (notifications?.run !== false) notifier.start();
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}${yoga.graphqlEndpoint}`);
        });
      });
    },
    async stop() {
      credentials.close();
      traffic.close();
      await webSocket.close();
      await Promise.all([tail.close(), watchTail.close(), notifier.stop()]);
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
