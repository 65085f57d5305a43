import { createHash } from 'node:crypto';
import { getOperationAST, print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';

/** How many answers the cache keeps (least recently used go first); 0 turns it off. */
export const DEFAULT_RESPONSE_CACHE_ENTRIES = 1_000;

/**
 * Answers a query from memory when the same operation, with the same variables, was answered for
 * a caller of the same role on the same day (standings depend on the targets in force today) and
 * nothing it could depend on has changed since: every request reads the data's change counter
 * (one tiny query, which the rest of the request then shares: see the services' dataVersion) and
 * an answer is served only if it was made at the counter's present value. Any write, by any process, moves the counter, so no answer is ever
 * staler than the request. Only successful queries are kept; mutations, subscriptions and admins'
 * requests (which may read keys and the audit log) are never cached.
 */
export function useResponseCache({ maxEntries = DEFAULT_RESPONSE_CACHE_ENTRIES }: { maxEntries?: number } = {}): Plugin<GraphQLContext> {
  if (maxEntries === 0) return {};
  const utf8 = new TextEncoder();
  const answers = new Map<string, { version: string; result: ExecutionResult; bytes: Uint8Array<ArrayBuffer> }>();
  // Answers served from the cache, with their bytes: written out as they are, not serialised or encoded again.
  const served = new WeakMap<object, Uint8Array<ArrayBuffer>>();
  // Yoga parses each distinct document once and hands out the same tree, so its text is printed once.
  const texts = new WeakMap<DocumentNode, string>();
  const textOf = (document: DocumentNode) => texts.get(document) ?? texts.set(document, print(document)).get(document)!;
  return {
    onResultProcess({ result, acceptableMediaTypes, setResultProcessor }) {
      const bytes = served.get(result as object);
      const mediaType = acceptableMediaTypes.find((type) => type === 'application/graphql-response+json' || type === 'application/json');
      if (bytes === undefined || !mediaType) return;
      setResultProcessor((_result, fetchAPI, accepted) => new fetchAPI.Response(bytes, { status: 200, headers: { 'content-type': `${accepted}; charset=utf-8` } }), mediaType);
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const { viewer, today, dataVersion } = args.contextValue.services;
      if (operation?.operation !== 'query' || (viewer.kind !== 'anonymous' && viewer.role === 'ADMIN')) return;
      const audience = viewer.kind === 'anonymous' ? 'ANONYMOUS' : viewer.role;
      const key = createHash('sha256')
        .update(JSON.stringify([audience, args.contextValue.requireKeyForReads, today(), textOf(args.document), args.operationName ?? null, args.variableValues ?? null]))
        .digest('base64url');
      const version = await dataVersion();
      const cached = answers.get(key);
      if (cached && cached.version === version) {
        // Most recently used last: the first entry is the one to evict.
        answers.delete(key);
        answers.set(key, cached);
        served.set(cached.result, cached.bytes);
        setResultAndStopExecution(cached.result);
        return;
      }
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
