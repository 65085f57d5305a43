import { Kind, parse } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { Viewer } from '../domain/access.js';
import {
  normaliseHash,
  PersistedOperationMismatchError,
  PersistedOperationNotFoundError,
  PersistedOperationRequiredError,
  type PersistedOnlyFor,
} from '../services/persisted-operations.js';

/** What a client sends: a document, or the hash of a registered one (Apollo's extension or the GraphQL-over-HTTP documentId). */
export interface OperationParams {
  query?: string | null;
  extensions?: Record<string, unknown> | null;
  documentId?: unknown;
}

/** Params whose document came from the registry (set by resolvePersisted, read by requirePersisted). */
const fromRegistry = new WeakSet<object>();

/** The params to run: the registered document put in place of a hash; a hash that is not registered is refused. */
export async function resolvePersisted<P extends OperationParams>(params: P, lookup: (hash: string) => Promise<string | null>): Promise<P> {
  const persistedQuery = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const sent = persistedQuery?.sha256Hash ?? params.documentId;
  if (sent === undefined || sent === null) return params;
  const hash = typeof sent === 'string' ? normaliseHash(sent) : null;
  const document = hash ? await lookup(hash) : null;
  if (!document) throw new PersistedOperationNotFoundError(String(sent));
  if (params.query && params.query !== document) throw new PersistedOperationMismatchError();
  const resolved = { ...params, query: document };
  fromRegistry.add(resolved);
  return resolved;
}

/** Refuses a document sent in full by a caller who may run only registered ones; registering is always allowed. */
export function requirePersisted(onlyFor: PersistedOnlyFor, viewer: Viewer, params: OperationParams): void {
  const who = viewer.kind === 'anonymous' ? 'ANONYMOUS' : viewer.role;
  if (!onlyFor.has(who) || fromRegistry.has(params) || onlyRegisters(params.query)) return;
  throw new PersistedOperationRequiredError(viewer.kind === 'anonymous' ? 'callers without a key' : `the ${viewer.role.toLowerCase()} role`);
}

function onlyRegisters(query: string | null | undefined): boolean {
  if (!query) return false;
  try {
    return parse(query).definitions.every(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION &&
        definition.operation === 'mutation' &&
        definition.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && (selection.name.value === 'registerOperations' || selection.name.value === '__typename')),
    );
  } catch {
    return false;
  }
}

/**
 * For HTTP and SSE: a hash in the request's params is replaced by its registered document before
 * anything parses it. A GraphQL-over-HTTP `documentId` is taken as Apollo's extension (yoga
 * refuses parameters it does not know).
 */
export function usePersistedOperations(lookup: (hash: string) => Promise<string | null>): Plugin {
  const asExtension = (params: GraphQLParams & { documentId?: unknown }): GraphQLParams => {
    if (!('documentId' in params)) return params;
    const { documentId, ...rest } = params;
    return { ...rest, extensions: { ...rest.extensions, persistedQuery: { version: 1, sha256Hash: documentId } } };
  };
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult, setRequestParserResult }) {
          setRequestParserResult(Array.isArray(requestParserResult) ? requestParserResult.map(asExtension) : asExtension(requestParserResult));
        },
      };
    },
    async onParams({ params, setParams }) {
      const resolved = await resolvePersisted(params as OperationParams, lookup);
      if (resolved !== params) setParams(resolved as never);
    },
  };
}
