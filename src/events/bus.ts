import { Redis } from 'ioredis';
import type { Logger } from '../server/logger.js';

/** What a crossing carries on the bus: its cursor and what subscribers filter by. */
export interface CrossingEvent {
  sequence: string;
  odsCode: string;
  organisationType: string;
  regionOdsCode: string | null;
  metricCode: string;
  milestoneId: number | null;
  direction: 'BREACHED' | 'RECOVERED';
}

/** A measurement written (not a roll-up): for rooms that watch raw values. */
export interface MeasurementEvent {
  id: number;
  period: string;
  odsCode: string;
  organisationType: string;
  regionOdsCode: string | null;
  metricCode: string;
}

interface Envelope {
  crossings?: CrossingEvent[];
  measurements?: MeasurementEvent[];
}

/** Topics subscribers listen on: every event of a kind, and those of one metric. */
export const ALL_METRICS = '*';
const topic = (kind: 'crossing' | 'measurement', metricCode: string) => `${kind}:${metricCode}`;

export interface EventBus {
  /** Publishes what a committed write produced; call only after the commit. */
  publish(envelope: Envelope): Promise<void>;
  /** Listens synchronously: an event published after this returns reaches the listener. */
  onCrossing(metricCode: string, listener: (event: CrossingEvent) => void): () => void;
  onMeasurement(metricCode: string, listener: (event: MeasurementEvent) => void): () => void;
  /** Resolves once events from other instances can arrive. */
  ready(): Promise<void>;
  /** 'in-process' without Redis; with it, whether events currently reach and come from other instances. */
  status(): 'in-process' | 'connected' | 'disconnected';
  close(): Promise<void>;
}

/**
 * Fan-out by topic inside the process; with Redis, every instance's writes reach every instance:
 * each instance subscribes once, at start, to one channel and redistributes what arrives to its
 * local listeners by topic, so a new subscriber never waits on Redis to start listening. If Redis
 * is unreachable, an instance still delivers its own writes to its own subscribers, and a client
 * that resumes from its cursor on another instance loses nothing (the log is in the database).
 */
export function createEventBus({ redisUrl, logger, channel = 'nhs-mandate-graph:events' }: { redisUrl?: string | undefined; logger: Logger; channel?: string | undefined }): EventBus {
  const local = new EventTarget();
  const deliver = (envelope: Envelope) => {
    for (const crossing of envelope.crossings ?? []) {
      for (const metric of [crossing.metricCode, ALL_METRICS]) local.dispatchEvent(new CustomEvent(topic('crossing', metric), { detail: crossing }));
    }
    for (const measurement of envelope.measurements ?? []) {
      for (const metric of [measurement.metricCode, ALL_METRICS]) local.dispatchEvent(new CustomEvent(topic('measurement', metric), { detail: measurement }));
    }
  };
  const listen = <T>(name: string, listener: (event: T) => void) => {
    const handler = (event: Event) => listener((event as CustomEvent<T>).detail);
    local.addEventListener(name, handler);
    return () => local.removeEventListener(name, handler);
  };

  if (!redisUrl) {
    return {
      publish: async (envelope) => deliver(envelope),
      onCrossing: (metricCode, listener) => listen(topic('crossing', metricCode), listener),
      onMeasurement: (metricCode, listener) => listen(topic('measurement', metricCode), listener),
      ready: async () => {},
      status: () => 'in-process',
      close: async () => {},
    };
  }

  const options = { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    client.on('error', (error: Error) => logger.warn('redis unavailable', { client: name, error: error.message }));
  }
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      deliver(JSON.parse(message) as Envelope);
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
    if (connected) logger.warn('redis connection lost: delivering this instance\'s own events only until it returns');
    connected = false;
  });

  return {
    async publish(envelope) {
      try {
        await publisher.publish(channel, JSON.stringify(envelope));
      } catch (error) {
        logger.warn('redis publish failed: delivering to this instance only', { error: String(error) });
        deliver(envelope);
      }
    },
    onCrossing: (metricCode, listener) => listen(topic('crossing', metricCode), listener),
    onMeasurement: (metricCode, listener) => listen(topic('measurement', metricCode), listener),
    ready: () => subscribed,
    status: () => (connected && publisher.status === 'ready' ? 'connected' : 'disconnected'),
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
