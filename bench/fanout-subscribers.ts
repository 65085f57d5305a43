/**
 * The fan-out benchmark's load generator, in its own process so that it does not share the
 * server's event loop: N graphql-ws clients, one connection and one thresholdCrossed subscription
 * each, that note when every crossing arrives. Driven by its parent over IPC (see fanout.ts).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type SubscriberCommand =
  | {
      type: 'start';
      urls: string[];
      key: string;
      filters: Record<string, unknown>[];
      assignment: number[];
      after: string;
    }
  | { type: 'progress' }
  | { type: 'report' };

export type SubscriberMessage =
  | { type: 'ready'; connected: number; seconds: number }
  | { type: 'progress'; received: number; errors: number }
  | { type: 'report'; received: number[]; duplicates: number; errors: string[]; latenciesMs: number[] };

const SUBSCRIPTION = `subscription($filter: CrossingFilter, $after: String) {
  thresholdCrossed(filter: $filter, after: $after) { cursor occurredAt direction period value threshold organisation { odsCode } metric { code } }
}`;
const CONNECT_AT_ONCE = 250;

const send = (message: SubscriberMessage) => process.send!(message);
const clients: Client[] = [];
const received: number[] = [];
const seen: Set<string>[] = [];
const latenciesMs: number[] = [];
const errors: string[] = [];
let duplicates = 0;

async function start({ urls, key, filters, assignment, after }: Extract<SubscriberCommand, { type: 'start' }>) {
  const started = performance.now();
  for (let first = 0; first < assignment.length; first += CONNECT_AT_ONCE) {
    await Promise.all(
      assignment.slice(first, first + CONNECT_AT_ONCE).map(
        (filterIndex, offset) =>
          new Promise<void>((resolve, reject) => {
            const index = first + offset;
            received[index] = 0;
            seen[index] = new Set();
            const client = createClient({
              url: urls[index % urls.length]!.replace(/^http/, 'ws'),
              webSocketImpl: WebSocket,
              retryAttempts: 0,
              lazy: false,
              connectionParams: { authorization: `Bearer ${key}` },
              on: {
                connected: () => resolve(),
                error: (error) =>
                  reject(error instanceof Error ? error : new Error(`subscriber connection failed: ${String(error)}`)),
              },
            });
            clients.push(client);
            client.subscribe(
              { query: SUBSCRIPTION, variables: { filter: filters[filterIndex], after } },
              {
                next: ({ data, errors: problems }) => {
                  const arrived = performance.timeOrigin + performance.now();
                  if (problems) errors.push(JSON.stringify(problems).slice(0, 300));
                  const crossing = (data as { thresholdCrossed?: { cursor: string; occurredAt: string } } | undefined)
                    ?.thresholdCrossed;
                  if (!crossing) return;
                  if (seen[index]!.has(crossing.cursor)) duplicates += 1;
                  seen[index]!.add(crossing.cursor);
                  received[index]! += 1;
                  latenciesMs.push(arrived - Date.parse(crossing.occurredAt));
                },
                error: (error) =>
                  errors.push(String(error instanceof Error ? error.message : JSON.stringify(error)).slice(0, 300)),
                complete: () => {},
              },
            );
          }),
      ),
    );
  }
  send({ type: 'ready', connected: clients.length, seconds: (performance.now() - started) / 1000 });
}

process.on('message', (command: SubscriberCommand) => {
  if (command.type === 'start')
    start(command).catch((error: unknown) => {
      console.error('subscribers could not connect:', error);
      process.exit(1);
    });
  if (command.type === 'progress')
    send({ type: 'progress', received: received.reduce((sum, count) => sum + count, 0), errors: errors.length });
  // The parent ends this process once it has the report.
  if (command.type === 'report')
    send({ type: 'report', received, duplicates, errors: errors.slice(0, 20), latenciesMs });
});
