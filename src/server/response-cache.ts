import { createHash } from 'node:crypto';
import { getOperationAST, print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import type { Metrics } from '../events/metrics.js';
import { actorOf } from '../domain/access.js';

/** How many answers the cache keeps (least recently used go first); 0 turns it off. */
export const DEFAULT_RESPONSE_CACHE_ENTRIES = 1_000;

/**
 * Answers a query from memory when the same operation, with the same variables, was answered for
 * the same caller (every anonymous caller alike; each key on its own) on the same day (standings depend on the targets in force today) and
 * nothing it could depend on has changed since: every request reads the data's change counter
 * (one tiny query, which the rest of the request then shares: see the services' dataVersion) and
 * an answer is served only if it was made at the counter's present value. Any write, by any process, moves the counter, so no answer is ever
 * staler than the request. Only successful queries are kept; mutations, subscriptions and admins'
 * requests (which may read keys and the audit log) are never cached.
 */
export function useResponseCache(
  metrics: Metrics,
  { maxEntries = DEFAULT_RESPONSE_CACHE_ENTRIES }: { maxEntries?: number } = {},
): Plugin<GraphQLContext> {
  if (maxEntries === 0) return {};
  const utf8 = new TextEncoder();
  const answers = new Map<string, { version: string; result: ExecutionResult; bytes: Uint8Array<ArrayBuffer> }>();
  // Answers served from the cache, with their bytes: written out as they are, not serialised or encoded again.
  const served = new WeakMap<object, Uint8Array<ArrayBuffer>>();
  // Yoga parses each distinct document once and hands out the same tree, so its text is printed once.
  const texts = new WeakMap<DocumentNode, string>();
  const textOf = (document: DocumentNode) => texts.get(document) ?? texts.set(document, print(document)).get(document)!;
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      const bytes = served.get(result as object);
      const mediaType = bytes && negotiatedJsonType(request.headers.get('accept'));
      if (!mediaType) return;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(bytes, { status: 200, headers: { 'content-type': `${mediaType}; charset=utf-8` } }),
        mediaType,
      );
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const { viewer, today, dataVersion } = args.contextValue.services;
      if (operation?.operation !== 'query' || (viewer.kind !== 'anonymous' && viewer.role === 'ADMIN')) return;
      // Per caller, not per role: a key's watches (and their events) are its own.
      const audience = actorOf(viewer);
      const key = createHash('sha256')
        .update(
          JSON.stringify([
            audience,
            args.contextValue.requireKeyForReads,
            today(),
            textOf(args.document),
            args.operationName ?? null,
            args.variableValues ?? null,
          ]),
        )
        .digest('base64url');
      const version = await dataVersion();
      const cached = answers.get(key);
      if (cached && cached.version === version) {
        // Most recently used last: the first entry is the one to evict.
        answers.delete(key);
        answers.set(key, cached);
        served.set(cached.result, cached.bytes);
        setResultAndStopExecution(cached.result);
        metrics.responseCache('hit');
        return;
      }
      metrics.responseCache('miss');
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          if (single.errors?.length) return;
          answers.delete(key);
          answers.set(key, { version, result: single, bytes: utf8.encode(JSON.stringify(single)) });
          if (answers.size > maxEntries) answers.delete(answers.keys().next().value!);
        },
      };
    },
  };
}

const JSON_TYPES = ['application/graphql-response+json', 'application/json'] as const;

/**
 * The JSON media type yoga itself would answer a request with, so that a cached answer is labelled
 * as a fresh one would be: the client's most preferred acceptable type, and for a wildcard the last
 * of yoga's (application/json). Undefined when the client accepts neither (yoga then answers 406).
 */
export function negotiatedJsonType(accept: string | null): (typeof JSON_TYPES)[number] | undefined {
  const asked = (accept || '*/*')
    .replace(/\s/g, '')
    .toLowerCase()
    .split(',')
    .flatMap((entry) => {
      const [type, ...parameters] = entry.split(';');
      const charset = parameters.find((parameter) => parameter.startsWith('charset='));
      return type && (!charset || charset === 'charset=utf-8') ? [type] : [];
    });
  const matches = (offered: string, wanted: string) => {
    const [top, sub] = wanted.split('/');
    const [offeredTop, offeredSub] = offered.split('/');
    return (top === '*' || top === offeredTop) && (sub === '*' || sub === offeredSub);
  };
  for (const wanted of asked) {
    const fitting = JSON_TYPES.filter((offered) => matches(offered, wanted));
    if (fitting.length > 0) return fitting.at(-1);
  }
  return undefined;
}
