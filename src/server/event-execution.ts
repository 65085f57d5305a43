import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import type { Metrics } from '../events/metrics.js';

export const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * The context one event of a subscription is executed with: the subscriber's, with its
 * request-scoped services made anew. A subscription lives for hours; the services' batching caches
 * and their one read of the change counter must live for one event, or an event that selects
 * `organisation { latest standing }` shows the values of when the subscription started.
 */
export function eventContext(args: ExecutionArgs): GraphQLContext {
  const context = args.contextValue as GraphQLContext;
  return { ...context, services: context.renewServices() };
}

/**
 * A subscription's results: each event of the source executed by `run`, one at a time. `endWith`
 * may turn an error of the source into a last result (the stream then ends) instead of throwing it.
 * Ending the results ends the source at once, even while it waits for its next event.
 */
export function mapEvents(
  source: AsyncIterable<unknown>,
  run: (event: unknown) => Promise<unknown>,
  metrics: Metrics,
  endWith: (error: unknown) => ExecutionResult | undefined = () => undefined,
): AsyncIterableIterator<unknown> {
  const events = source[Symbol.asyncIterator]();
  const stopped = metrics.subscriptionStarted();
  let ended = false;
  const iterator: AsyncIterableIterator<unknown> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (ended) return { done: true, value: undefined };
      let step: IteratorResult<unknown>;
      try {
        step = await events.next();
      } catch (error) {
        stopped();
        const last = endWith(error);
        if (!last) throw error;
        ended = true;
        return { done: false, value: last };
      }
      if (step.done) {
        stopped();
        return step;
      }
      const value = await run(step.value);
      metrics.eventDelivered();
      return { done: false, value };
    },
    async return(value?: unknown) {
      stopped();
      ended = true;
      await events.return?.();
      return { done: true, value };
    },
    async throw(error?: unknown) {
      stopped();
      ended = true;
      await events.return?.();
      throw error;
    },
  };
  return iterator;
}

/**
 * For SSE, whose subscriptions run through yoga's subscribe: graphql-js's own subscribe executes
 * every event with the subscription's one context; this one gives each event its own (eventContext).
 */
export function useFreshServicesPerEvent(metrics: Metrics): Plugin<GraphQLContext> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        return mapEvents(
          source,
          async (event) => execute({ ...args, rootValue: event, contextValue: eventContext(args) }),
          metrics,
        );
      });
    },
  };
}
