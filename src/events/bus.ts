import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from '../config/logger.js';
import type { Metrics } from './metrics.js';
import type { CrossingRoute } from '../domain/crossing-filter.js';
import type { WatchEventRoute } from '../domain/watch.js';

/** A measurement written (not a roll-up): for rooms that watch raw values. */
export interface MeasurementEvent {
  id: number;
  period: string;
  odsCode: string;
  organisationType: string;
  regionOdsCode: string | null;
  ambulanceService: boolean;
  metricCode: string;
}

interface Envelope {
  /** Crossings as the log routes them (see appendCrossings): the same object in-process, JSON through Redis. */
  crossings?: CrossingRoute[];
  measurements?: MeasurementEvent[];
  /** Watch events as their log routes them (see appendWatchEvents). */
  watchEvents?: WatchEventRoute[];
  /** Set by the publishing instance: which envelope this is (see publish). */
  id?: string;
  /** When the publishing instance published it (epoch ms), right after its commit. */
  publishedAt?: number;
}

/** Topics subscribers listen on: every event of a kind, and those of one metric. */
export const ALL_METRICS = '*';
const WATCH_EVENTS = 'watch-event';
const topic = (kind: 'crossing' | 'measurement', metricCode: string) => `${kind}:${metricCode}`;

export interface EventBus {
  /** Publishes what a committed write produced; call only after the commit. */
  publish(envelope: Envelope): Promise<void>;
  /** Listens synchronously: an event published after this returns reaches the listener. */
  onCrossing(metricCode: string, listener: (route: CrossingRoute) => void): () => void;
  onMeasurement(metricCode: string, listener: (event: MeasurementEvent) => void): () => void;
  /** Every watch event any instance logged (each process's watch log tail sorts them out). */
  onWatchEvent(listener: (route: WatchEventRoute) => void): () => void;
  /** Resolves once events from other instances can arrive. */
  ready(): Promise<void>;
  /** 'in-process' without Redis; with it, whether events currently reach and come from other instances. */
  status(): 'in-process' | 'connected' | 'disconnected';
  /** As status, but asks Redis (a ping, with the command deadline): a hung Redis is disconnected. */
  check(): Promise<'in-process' | 'connected' | 'disconnected'>;
  close(): Promise<void>;
}

/**
 * Fan-out by topic inside the process; with Redis, every instance's writes reach every instance:
 * each instance subscribes once, at start, to one channel and redistributes what arrives to its
 * local listeners by topic, so a new subscriber never waits on Redis to start listening. If Redis
 * is unreachable, an instance still delivers its own writes to its own subscribers, and a client
 * that resumes from its cursor on another instance loses nothing (the log is in the database).
 */
export function createEventBus({
  redisUrl,
  logger,
  channel = 'nhs-mandate-graph:events',
  commandTimeout = REDIS_COMMAND_TIMEOUT_MS,
  outageSummaryMs = REDIS_OUTAGE_SUMMARY_MS,
  metrics,
}: {
  redisUrl?: string | undefined;
  logger: Logger;
  channel?: string | undefined;
  /** How long a Redis command may take (default REDIS_COMMAND_TIMEOUT_MS). */
  commandTimeout?: number;
  /** While Redis stays unreachable, how often to log a summary (default REDIS_OUTAGE_SUMMARY_MS). */
  outageSummaryMs?: number;
  /** Where the commit-to-delivery lag of crossings is counted. */
  metrics?: Metrics | undefined;
}): EventBus {
  const local = new EventTarget();
  const deliver = (envelope: Envelope) => {
    const { publishedAt } = envelope;
    if (metrics && publishedAt !== undefined) envelope.crossings?.forEach(() => metrics.crossingDelivered(publishedAt));
    for (const crossing of envelope.crossings ?? []) {
      for (const metric of [crossing.metricCode, ALL_METRICS])
        local.dispatchEvent(new CustomEvent(topic('crossing', metric), { detail: crossing }));
    }
    for (const measurement of envelope.measurements ?? []) {
      for (const metric of [measurement.metricCode, ALL_METRICS])
        local.dispatchEvent(new CustomEvent(topic('measurement', metric), { detail: measurement }));
    }
    for (const event of envelope.watchEvents ?? [])
      local.dispatchEvent(new CustomEvent(WATCH_EVENTS, { detail: event }));
  };
  const listen = <T>(name: string, listener: (event: T) => void) => {
    const handler = (event: Event) => listener((event as CustomEvent<T>).detail);
    local.addEventListener(name, handler);
    return () => local.removeEventListener(name, handler);
  };

  if (!redisUrl) {
    return {
      publish: async (envelope) => deliver({ ...envelope, publishedAt: Date.now() }),
      onCrossing: (metricCode, listener) => listen(topic('crossing', metricCode), listener),
      onMeasurement: (metricCode, listener) => listen(topic('measurement', metricCode), listener),
      onWatchEvent: (listener) => listen(WATCH_EVENTS, listener),
      ready: async () => {},
      status: () => 'in-process',
      check: async () => 'in-process',
      close: async () => {},
    };
  }

  // A hung Redis (a black-holed network: connected, answering nothing) must hold no write's answer:
  // every command has a deadline; a crossing that does not reach Redis in time is delivered here,
  // and other instances' log tails find it in the database within a second.
  const options = { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: false, commandTimeout };
  // Loaded only with Redis configured: every command line process that opens no bus starts without it.
  const { Redis } = createRequire(import.meta.url)('ioredis') as { Redis: typeof RedisClient };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true, commandTimeout: undefined });
  const health = {
    publisher: reachability('publisher', logger, outageSummaryMs),
    subscriber: reachability('subscriber', logger, outageSummaryMs),
    publishing: reachability('publishing', logger, outageSummaryMs),
  };
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    client.on('error', (error: Error) => health[name].failed(error));
    client.on('ready', () => health[name].recovered());
  }
  // Envelopes this instance delivered itself because Redis did not take them in time: if Redis
  // passes them on after all, they are not delivered twice.
  const origin = randomUUID();
  let published = 0;
  const deliveredHere = new Set<string>();
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const envelope = fromWire(message);
      if (envelope.id !== undefined && deliveredHere.delete(envelope.id)) return;
      deliver(envelope);
    } catch (error) {
      logger.error('unreadable event from redis', { error: String(error) });
    }
  });
  // Subscribed again on every (re)connection, and counted as connected only once Redis has confirmed
  // it, so that `status` never claims a subscription that is not there yet.
  let connected = false;
  let markSubscribed!: () => void;
  const subscribed = new Promise<void>((resolve) => {
    markSubscribed = resolve;
  });
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        if (!connected) logger.info('redis connected: events reach every instance', { channel });
        connected = true;
        markSubscribed();
      },
      (error: Error) => logger.warn('redis subscribe failed', { error: error.message }),
    );
  });
  subscriber.on('close', () => {
    if (connected) logger.warn("redis connection lost: delivering this instance's own events only until it returns");
    connected = false;
  });
  const status = () => (connected && publisher.status === 'ready' ? 'connected' : 'disconnected');

  return {
    async publish(envelope) {
      const id = `${origin}:${(published += 1)}`;
      try {
        await publisher.publish(channel, toWire({ ...envelope, id, publishedAt: Date.now() }));
        health.publishing.recovered();
      } catch (error) {
        health.publishing.failed(error as Error, 'redis publish failed: delivering to this instance only');
        deliveredHere.add(id);
        // Bounded: an envelope Redis never passes on is forgotten after enough others.
        if (deliveredHere.size > 10_000) deliveredHere.delete(deliveredHere.values().next().value!);
        deliver({ ...envelope, publishedAt: Date.now() });
      }
    },
    onCrossing: (metricCode, listener) => listen(topic('crossing', metricCode), listener),
    onMeasurement: (metricCode, listener) => listen(topic('measurement', metricCode), listener),
    onWatchEvent: (listener) => listen(WATCH_EVENTS, listener),
    ready: () => subscribed,
    status,
    async check() {
      if (status() !== 'connected') return 'disconnected';
      try {
        await publisher.ping();
        return 'connected';
      } catch (error) {
        health.publisher.failed(error as Error);
        return 'disconnected';
      }
    },
    async close() {
      for (const tracker of Object.values(health)) tracker.close();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

/** An envelope as Redis carries it: JSON, with logs' sequences (bigints) as strings. */
function toWire(envelope: Envelope): string {
  return JSON.stringify(envelope, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

function fromWire(message: string): Envelope {
  const envelope = JSON.parse(message) as Envelope;
  for (const route of [...(envelope.crossings ?? []), ...(envelope.watchEvents ?? [])])
    route.sequence = BigInt(route.sequence);
  return envelope;
}

/** How long a Redis command may take before the bus stops waiting for it. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** While Redis stays unreachable, how often a summary is logged. */
export const REDIS_OUTAGE_SUMMARY_MS = 60_000;

/**
 * Logs a Redis client's reachability (or whether publishing works) once per change (lost, back) and, while it stays lost, a
 * summary every REDIS_OUTAGE_SUMMARY_MS, rather than a line for every failed reconnection.
 */
function reachability(client: 'publisher' | 'subscriber' | 'publishing', logger: Logger, summaryMs: number) {
  let down: { since: number; failures: number; lastError: string; timer: NodeJS.Timeout } | null = null;
  return {
    failed(error: Error, message = 'redis unavailable') {
      if (down) {
        down.failures += 1;
        down.lastError = error.message;
        return;
      }
      logger.warn(message, { client, error: error.message });
      const timer = setInterval(() => {
        if (down)
          logger.warn('redis still unavailable', {
            client,
            forSeconds: Math.round((Date.now() - down.since) / 1000),
            failures: down.failures,
            lastError: down.lastError,
          });
      }, summaryMs);
      timer.unref();
      down = { since: Date.now(), failures: 1, lastError: error.message, timer };
    },
    recovered() {
      if (!down) return;
      clearInterval(down.timer);
      logger.info('redis reachable again', {
        client,
        afterSeconds: Math.round((Date.now() - down.since) / 1000),
        failures: down.failures,
      });
      down = null;
    },
    close() {
      if (down) clearInterval(down.timer);
      down = null;
    },
  };
}
