import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import {
  BoardCrossingsDocument,
  BoardWatchEventsDocument,
  BoardWatchLogEndDocument,
  type BoardWatchEventsSubscription,
  type CrossingFilter,
} from '../../schema/generated/graphql.js';
import { crossingEntry, request, type FeedEntry } from './api.js';

/**
 * One stream that survives drops: it subscribes with the cursor of the last event it passed on,
 * and again with the new last cursor after every reconnection, and passes on only events after
 * that cursor. So an event written while the connection was down arrives once, when it returns.
 */
function resumable<Data, Variables extends { after?: string | null }>(
  client: ReturnType<typeof createClient>,
  document: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'after'>,
  after: string | null,
  entryOf: (data: Data) => FeedEntry,
  onEntry: (entry: FeedEntry) => void,
  onError: (message: string) => void,
) {
  let last = after;
  let unsubscribe = () => {};
  const subscribe = () => {
    unsubscribe();
    unsubscribe = client.subscribe<Data>(
      { query: print(document), variables: { ...variables, after: last } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) onError(errors[0]!.message);
          if (!data) return;
          const entry = entryOf(data);
          if (last !== null && BigInt(entry.cursor) <= BigInt(last)) return;
          last = entry.cursor;
          onEntry(entry);
        },
        error: (error) =>
          onError(
            Array.isArray(error)
              ? String(error[0]?.message ?? error[0])
              : error instanceof Error
                ? error.message
                : 'the connection failed',
          ),
        complete: () => {},
      },
    );
  };
  subscribe();
  return { resubscribe: subscribe, stop: () => unsubscribe() };
}

function watchEntry({ watchEvents: event }: BoardWatchEventsSubscription): FeedEntry {
  const what =
    event.kind === 'ACKNOWLEDGED'
      ? `acknowledged by ${event.actor ?? 'an operator'}`
      : `is ${event.toState.toLowerCase()} since ${event.period} (${Math.round(event.value * 10) / 10})`;
  const milestone = event.milestone ? ` Milestone at stake: ${event.milestone.title}` : '';
  return {
    cursor: event.cursor,
    odsCode: event.organisation.odsCode,
    tone: event.toState,
    text: `Watch "${event.watch.name}": ${event.organisation.name} ${what}.${milestone}`,
  };
}

/**
 * Follows the crossings of a view (and, with a key, its watches' events) over graphql-ws, saying
 * whether it is live or reconnecting, or why not (live events need an ops key or better; without
 * one the board still shows the data, refreshed every minute). Returns how to stop.
 */
export function followLive({
  filter,
  after,
  key,
  status,
  onEntry,
}: {
  filter: CrossingFilter;
  after: string | null;
  key: string | null;
  status: (text: string, reconnecting: boolean) => void;
  onEntry: (entry: FeedEntry) => void;
}): () => void {
  let dropped = false;
  const streams: { resubscribe: () => void; stop: () => void }[] = [];
  const client = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    connectionParams: () => (key ? { authorization: `Bearer ${key}` } : {}),
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5_000))),
    on: {
      connected: () => {
        status('Live', false);
        if (dropped) for (const stream of streams) stream.resubscribe();
        dropped = false;
      },
      closed: () => {
        dropped = true;
        status('Reconnecting…', true);
      },
    },
  });
  // A stream that starts before anything was logged resumes from the log's start.
  const refused = (message: string) => status(`Not live: ${message}`, false);
  streams.push(
    resumable(
      client,
      BoardCrossingsDocument,
      { filter },
      after ?? '0',
      (data) => crossingEntry(data.thresholdCrossed),
      onEntry,
      refused,
    ),
  );
  if (key) {
    void request(BoardWatchLogEndDocument, {})
      .then((end) =>
        streams.push(
          resumable(
            client,
            BoardWatchEventsDocument,
            {},
            end.watchEvents.edges.at(-1)?.cursor ?? '0',
            watchEntry,
            onEntry,
            refused,
          ),
        ),
      )
      .catch(() => {});
  }
  return () => {
    for (const stream of streams) stream.stop();
    void client.dispose();
  };
}
