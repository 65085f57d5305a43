import { createSourceEventStream, execute, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { createRecentMemo, LIVE_EVENT_MEMORY_MS } from '../events/recent-memo.js';
import { eventContext, isAsyncIterable, mapEvents } from './event-execution.js';
import type { Metrics } from '../events/metrics.js';

/** What yoga's envelop pipeline gives one WebSocket operation, and what its result depends on. */
export interface EnvelopedOperation {
  execute(args: ExecutionArgs): unknown;
  subscribe(args: ExecutionArgs): unknown;
  /** Masks a result's errors as yoga masks them on HTTP. */
  mask(result: ExecutionResult): ExecutionResult;
  /**
   * Everything a subscription's result for an event depends on besides the event: the operation's
   * text, name and variables. (Results do not depend on who asks; were they to, the caller's scope
   * would belong here too.)
   */
  operationKey: string;
}

/**
 * Subscriptions whose events are row keys (crossing sequences, measurement ids) are executed once
 * per event and operation, however many connections run the same operation: ten thousand rooms
 * watching the same board cost one execution per crossing, not ten thousand (Hasura calls this
 * multiplexing). Each subscription still has its own source stream, so its filter and its cursor
 * stay its own. Errors that end a stream for a known reason (a subscriber too slow) are sent as a
 * last result with their code rather than closing the socket.
 */
export function createSubscriptionMultiplexer(
  metrics: Metrics,
  { remember = 20_000, maxAgeMs = LIVE_EVENT_MEMORY_MS }: { remember?: number; maxAgeMs?: number } = {},
) {
  const results = createRecentMemo<Promise<unknown>>({ size: remember, maxAgeMs });
  const resultFor = (key: string, execute: () => unknown) => {
    let result = results.get(key);
    if (!result) {
      result = Promise.resolve(execute());
      results.remember(key, result);
    }
    return result;
  };

  return async function subscribe(args: ExecutionArgs): Promise<unknown> {
    const operation = args.rootValue as EnvelopedOperation;
    const source = await createSourceEventStream(args);
    // Refused at the start (a bad cursor, say): yoga's own subscribe reports it, masked and coded as on HTTP.
    if (!isAsyncIterable(source)) return operation.subscribe(args);
    // graphql-js's own execution of one event (what its subscribe does per event), with the event's
    // own services; yoga's execute would start the subscription again.
    const executeEvent = async (event: unknown) =>
      operation.mask(await execute({ ...args, rootValue: event, contextValue: eventContext(args) }));
    return mapEvents(
      source,
      (event) =>
        typeof event === 'bigint' || typeof event === 'number'
          ? resultFor(`${operation.operationKey}|${event}`, () => executeEvent(event))
          : executeEvent(event),
      metrics,
      (error) =>
        error instanceof DomainError
          ? { errors: [new GraphQLError(error.message, { originalError: error, extensions: { code: error.code } })] }
          : undefined,
    );
  };
}
