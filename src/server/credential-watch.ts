import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import type { Viewer } from '../domain/access.js';
import type { GraphQLContext } from '../schema/context.js';
import { invalidKeys } from '../services/api-keys.js';
import type { Logger } from './logger.js';

/**
 * Ends what is open with a key once the key is revoked or expires: open WebSocket connections and
 * SSE streams. Keys in use are checked together every `intervalMs` (one query, only while
 * anything is open), so an end comes within seconds, not at the next event.
 */
export function createCredentialWatch(db: Database, logger: Logger, { intervalMs = 2_000 }: { intervalMs?: number } = {}) {
  const enders = new Map<number, Set<(reason: string) => void>>();
  const check = async () => {
    if (enders.size === 0) return;
    try {
      for (const [keyId, reason] of await invalidKeys(db, [...enders.keys()], new Date())) {
        for (const end of enders.get(keyId) ?? []) end(reason);
        enders.delete(keyId);
      }
    } catch (error) {
      logger.warn('could not check the keys of open streams', { error: String(error) });
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    /** Calls `end` with the reason once the viewer's key stops being valid; returns the way to stop watching. */
    watch(viewer: Viewer, end: (reason: string) => void): () => void {
      if (viewer.kind !== 'key') return () => {};
      let ends = enders.get(viewer.keyId);
      if (!ends) enders.set(viewer.keyId, (ends = new Set()));
      ends.add(end);
      return () => {
        const current = enders.get(viewer.keyId);
        current?.delete(end);
        if (current?.size === 0) enders.delete(viewer.keyId);
      };
    },
    close: () => clearInterval(timer),
  };
}

export type CredentialWatch = ReturnType<typeof createCredentialWatch>;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** For SSE (yoga's own subscribe): a stream whose key stops being valid ends with an UNAUTHENTICATED error. */
export function useCredentialWatch(watch: CredentialWatch): Plugin<GraphQLContext> {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          if (!isAsyncIterable(result)) return;
          setResult(endedOnRevocation(result, args.contextValue.services.viewer, watch) as never);
        },
      };
    },
  };
}

function endedOnRevocation(stream: AsyncIterable<unknown>, viewer: Viewer, watch: CredentialWatch): AsyncIterableIterator<unknown> {
  const inner = stream[Symbol.asyncIterator]();
  let reason: string | null = null;
  let ended = false;
  let wake = () => {};
  const unwatch = watch.watch(viewer, (why) => {
    reason = why;
    wake();
  });
  const finish = () => {
    ended = true;
    unwatch();
    return inner.return?.();
  };
  const iterator: AsyncIterableIterator<unknown> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (ended) return { done: true, value: undefined };
      const revoked = new Promise<'revoked'>((resolve) => {
        wake = () => resolve('revoked');
        if (reason) resolve('revoked');
      });
      const step = await Promise.race([inner.next(), revoked]);
      if (step === 'revoked') {
        void finish();
        const error = createGraphQLError(`This stream ended: ${reason}. Reconnect with a valid key and resume from your last cursor.`, { extensions: { code: 'UNAUTHENTICATED' } });
        return { done: false, value: { errors: [error] } };
      }
      if (step.done) unwatch();
      return step;
    },
    async return(value?: unknown) {
      await finish();
      return { done: true, value };
    },
  };
  return iterator;
}
