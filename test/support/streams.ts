import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received {
  events: Record<string, any>[];
  errors: unknown[];
  /** Resolves once `count` events have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Record<string, any>[]>;
  close(): void;
}

function collector(close: () => void): Received & { push(event: Record<string, any>): void } {
  const events: Record<string, any>[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  return {
    events,
    errors,
    push(event) {
      events.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `expected ${count} events, got ${events.length}: ${JSON.stringify(events)} errors: ${JSON.stringify(errors)}`,
          );
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 200));
        });
      }
      return events.slice(0, count);
    },
    close,
  };
}

/** A subscription over server-sent events (yoga's SSE, what a browser's fetch would do). */
export async function subscribeSse(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<Received> {
  const controller = new AbortController();
  const received = collector(() => controller.abort());
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const payload = JSON.parse(data.slice(6));
        if (payload.errors) received.errors.push(...payload.errors);
        if (payload.data) received.push(payload.data);
      }
    }
  })().catch(() => {});
  return received;
}

/** A graphql-ws client on the server's WebSocket endpoint, sending the key (if any) in connection_init. */
export function wsClient(httpUrl: string, key?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(key ? { connectionParams: { authorization: `Bearer ${key}` } } : {}),
  });
}

export function subscribeWs(client: Client, query: string, variables: Record<string, unknown> = {}): Received {
  let unsubscribe = () => {};
  const received = collector(() => unsubscribe());
  unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (payload) => {
        if (payload.errors) received.errors.push(...payload.errors);
        if (payload.data) received.push(payload.data as Record<string, any>);
      },
      error: (error) => received.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => {},
    },
  );
  return received;
}

/** A bare graphql-transport-ws socket, for tests that send what a client library never would. */
export interface RawSocket {
  socket: WebSocket;
  /** Every message the server sent, parsed. */
  messages: Record<string, any>[];
  /** Resolves once the socket is open. */
  opened: Promise<void>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Sends connection_init (with the key, if any) and resolves on connection_ack. */
  init(key?: string): Promise<void>;
  /** Resolves with the first message of `type` (for operation `id`, if given). */
  next(type: string, id?: string, timeoutMs?: number): Promise<Record<string, any>>;
}

export function rawSocket(httpUrl: string, protocol = 'graphql-transport-ws'): RawSocket {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), protocol);
  const messages: Record<string, any>[] = [];
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => {
    try {
      messages.push(JSON.parse(data.toString()));
    } catch {
      messages.push({ raw: data.toString() });
    }
  });
  const send = (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  const next = async (type: string, id?: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((message) => message.type === type && (id === undefined || message.id === id));
      if (found) return found;
      if (Date.now() > deadline || socket.readyState === WebSocket.CLOSED)
        throw new Error(`no ${type} message${id ? ` for ${id}` : ''}: ${JSON.stringify(messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    socket,
    messages,
    opened,
    closed,
    send,
    next,
    async init(key) {
      await opened;
      send({ type: 'connection_init', payload: key ? { authorization: `Bearer ${key}` } : {} });
      await next('connection_ack');
    },
  };
}
