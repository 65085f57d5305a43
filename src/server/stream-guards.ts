import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import { DomainError } from '../domain/errors.js';
import type { CredentialWatch } from './credential-watch.js';
import { domainErrorAnswer } from './mask-errors.js';
import { isAsyncIterable } from './event-execution.js';
import type { Metrics } from '../events/metrics.js';
import type { Caller, TrafficControl } from './traffic.js';

/**
 * For SSE (yoga's own subscribe; graphql-ws connections are guarded in websocket.ts): a stream
 * takes one of its caller's stream slots while it is open, and ends with an UNAUTHENTICATED error
 * once its key stops being valid.
 */
export function useStreamGuards(
  watch: CredentialWatch,
  traffic: TrafficControl,
  metrics: Metrics,
): Plugin<GraphQLContext> {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          if (!isAsyncIterable(result)) return;
          const caller: Caller = { viewer: args.contextValue.services.viewer, address: args.contextValue.address };
          let release: () => void;
          try {
            release = traffic.openStream(caller);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            void result[Symbol.asyncIterator]().return?.();
            setResult({ errors: [domainErrorAnswer(error)] });
            return;
          }
          const uncount = metrics.streamOpened('sse');
          setResult(
            guarded(result, caller, watch, () => {
              release();
              uncount();
            }) as never,
          );
        },
      };
    },
  };
}

function guarded(
  stream: AsyncIterable<unknown>,
  { viewer }: Caller,
  watch: CredentialWatch,
  release: () => void,
): AsyncIterableIterator<unknown> {
  const inner = stream[Symbol.asyncIterator]();
  let reason: string | null = null;
  let ended = false;
  let wake = () => {};
  const unwatch = watch.watch(viewer, (why) => {
    reason = why;
    wake();
  });
  const letGo = () => {
    unwatch();
    release();
  };
  const finish = () => {
    ended = true;
    letGo();
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
        const error = createGraphQLError(
          `This stream ended: ${reason}. Reconnect with a valid key and resume from your last cursor.`,
          { extensions: { code: 'UNAUTHENTICATED' } },
        );
        return { done: false, value: { errors: [error] } };
      }
      if (step.done) letGo();
      return step;
    },
    async return(value?: unknown) {
      await finish();
      return { done: true, value };
    },
  };
  return iterator;
}
