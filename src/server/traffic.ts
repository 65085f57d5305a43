import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { actorOf, type Viewer } from '../domain/access.js';
import { admit, isFull, type TokenBucket } from '../domain/rate-limit.js';
import { DomainError } from '../domain/errors.js';
import type { Environment } from '../config/env.js';
import { definedOnly } from './limits.js';

/** How much one caller may ask of this instance. 0 turns a limit off. See docs/security.md. */
export interface TrafficLimits {
  /** Requests per minute for one key: HTTP requests, SSE streams opened and WebSocket operations. */
  keyRequestsPerMinute: number;
  /** The same for one client address without a key. */
  anonymousRequestsPerMinute: number;
  /** Open WebSocket connections and SSE streams of one key (of one address without a key). */
  connectionsPerKey: number;
  /** Operations running at once on one WebSocket connection (each subscription is one). */
  subscriptionsPerConnection: number;
  /** Take the client's address from the last X-Forwarded-For entry (set behind one reverse proxy). */
  trustProxy: boolean;
  /** Connections from one address that have not yet sent a whole request (slowloris); more are refused with 429. */
  pendingConnectionsPerAddress: number;
  /** How long a connection may take to send a request's headers before it is closed. */
  headersTimeoutMs: number;
}

export const DEFAULT_TRAFFIC_LIMITS: TrafficLimits = {
  keyRequestsPerMinute: 1_200,
  anonymousRequestsPerMinute: 300,
  connectionsPerKey: 50,
  subscriptionsPerConnection: 100,
  trustProxy: false,
  pendingConnectionsPerAddress: 64,
  headersTimeoutMs: 10_000,
};

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  override readonly http: { status: number; headers: Record<string, string> };
  constructor(
    readonly retryAfterSeconds: number,
    perMinute: number,
    who: string,
  ) {
    super(`Too many requests: ${who} may make ${perMinute} a minute. Retry in ${retryAfterSeconds} s.`);
    this.http = { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } };
  }
}

export class TooManyConnectionsError extends DomainError {
  readonly code = 'TOO_MANY_CONNECTIONS';
  override readonly http = { status: 429 };
  constructor(limit: number, who: string) {
    super(
      `Too many open streams: ${who} may hold ${limit} WebSocket connections and SSE streams at once. Close one, or multiplex subscriptions over one connection.`,
    );
  }
}

export class TooManySubscriptionsError extends DomainError {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';
  constructor(limit: number) {
    super(
      `Too many operations on this connection: at most ${limit} at once. Complete one first, or open another connection.`,
    );
  }
}

/** Who a request is counted against: its key, or its address when it has none. */
export interface Caller {
  viewer: Viewer;
  address: string;
}

const identityOf = ({ viewer, address }: Caller) =>
  viewer.kind === 'anonymous' ? `address:${address}` : actorOf(viewer);
const describe = ({ viewer, address }: Caller) =>
  viewer.kind === 'anonymous' ? `address ${address} without a key` : actorOf(viewer);

/** The client's address, as the connection (or, behind a trusted proxy, the proxy) says. */
export function clientAddress(request: IncomingMessage | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? request?.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)?.trim();
  return last || request?.socket.remoteAddress || 'unknown';
}

/**
 * Counts requests and open streams per caller, on this instance (each instance of a deployment
 * counts its own). Buckets that have refilled are forgotten once a minute, so memory follows the
 * callers of the last minute, not every caller ever seen.
 */
export function createTrafficControl(limits: TrafficLimits, clock: () => number = Date.now) {
  const buckets = new Map<string, TokenBucket>();
  const openStreams = new Map<string, number>();
  const sweep = setInterval(() => {
    const now = clock();
    for (const [identity, bucket] of buckets) {
      const perMinute = identity.startsWith('address:')
        ? limits.anonymousRequestsPerMinute
        : limits.keyRequestsPerMinute;
      if (isFull(bucket, perMinute, now)) buckets.delete(identity);
    }
  }, 60_000);
  sweep.unref();
  return {
    limits,
    /** Counts one request; throws RateLimitedError when the caller has none left. */
    admitRequest(caller: Caller): void {
      const perMinute =
        caller.viewer.kind === 'anonymous' ? limits.anonymousRequestsPerMinute : limits.keyRequestsPerMinute;
      if (perMinute === 0) return;
      const identity = identityOf(caller);
      const admission = admit(buckets.get(identity), perMinute, clock());
      buckets.set(identity, admission.bucket);
      if (!admission.admitted)
        throw new RateLimitedError(Math.ceil(admission.retryAfterMs / 1_000), perMinute, describe(caller));
    },
    /** Holds one of the caller's stream slots until the returned release is called; throws TooManyConnectionsError when none is free. */
    openStream(caller: Caller): () => void {
      const identity = identityOf(caller);
      const open = openStreams.get(identity) ?? 0;
      if (limits.connectionsPerKey > 0 && open >= limits.connectionsPerKey)
        throw new TooManyConnectionsError(limits.connectionsPerKey, describe(caller));
      openStreams.set(identity, open + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (openStreams.get(identity) ?? 1) - 1;
        if (left > 0) openStreams.set(identity, left);
        else openStreams.delete(identity);
      };
    },
    /** Refuses an operation beyond the per-connection limit (`running` counts it). */
    checkSubscriptions(running: number): void {
      if (limits.subscriptionsPerConnection > 0 && running > limits.subscriptionsPerConnection)
        throw new TooManySubscriptionsError(limits.subscriptionsPerConnection);
    },
    close: () => clearInterval(sweep),
  };
}

export type TrafficControl = ReturnType<typeof createTrafficControl>;

/** The limits the environment sets (RATE_LIMIT_PER_MINUTE, …); those unset keep their defaults. */
export function trafficLimitsFromEnvironment(env: Environment): Partial<TrafficLimits> {
  return definedOnly({
    keyRequestsPerMinute: env.RATE_LIMIT_PER_MINUTE,
    anonymousRequestsPerMinute: env.ANONYMOUS_RATE_LIMIT_PER_MINUTE,
    connectionsPerKey: env.MAX_CONNECTIONS_PER_KEY,
    subscriptionsPerConnection: env.MAX_SUBSCRIPTIONS_PER_CONNECTION,
    trustProxy: env.TRUST_PROXY,
    pendingConnectionsPerAddress: env.MAX_PENDING_CONNECTIONS_PER_ADDRESS,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
  });
}

const REFUSAL = 'Too many connections from this address are still sending a request.\n';
const REFUSED = `HTTP/1.1 429 Too Many Requests\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(REFUSAL)}\r\nconnection: close\r\n\r\n${REFUSAL}`;

/**
 * Bounds connections that have not yet sent a whole request (a slowloris client sends a header
 * line every few seconds to hold sockets open): in time, by the headers timeout, and per address,
 * by refusing more than `pendingConnectionsPerAddress` at once with 429. A connection stops
 * counting once its first request (or WebSocket upgrade) has arrived. The address is the socket's:
 * behind a proxy, set the limit to 0 and let the proxy bound it.
 */
export function guardPendingConnections(
  server: Server,
  {
    pendingConnectionsPerAddress,
    headersTimeoutMs,
  }: Pick<TrafficLimits, 'pendingConnectionsPerAddress' | 'headersTimeoutMs'>,
): void {
  server.headersTimeout = headersTimeoutMs;
  const pending = new Map<string, number>();
  const settlers = new WeakMap<Socket, () => void>();
  server.on('connection', (socket: Socket) => {
    if (pendingConnectionsPerAddress === 0) return;
    const address = socket.remoteAddress ?? 'unknown';
    const count = pending.get(address) ?? 0;
    if (count >= pendingConnectionsPerAddress) {
      socket.end(REFUSED);
      socket.destroySoon();
      return;
    }
    pending.set(address, count + 1);
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      const left = (pending.get(address) ?? 1) - 1;
      if (left > 0) pending.set(address, left);
      else pending.delete(address);
    };
    settlers.set(socket, settle);
    socket.once('close', settle);
  });
  const arrived = (request: IncomingMessage) => settlers.get(request.socket)?.();
  server.on('request', arrived);
  server.on('upgrade', arrived);
}
