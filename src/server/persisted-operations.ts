import { Kind, parse } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { Viewer } from '../domain/access.js';
import {
  MAX_DOCUMENT_BYTES,
  normaliseHash,
  operationHash,
  PersistedQueryNotFoundError,
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

/** Where the documents of hashes come from: the registry, and the documents Apollo's link sent with their hash lately. */
export interface PersistedDocuments {
  registered: (hash: string) => Promise<string | null>;
  automatic: AutomaticPersistedQueries;
}

/** Whether the caller may send documents in full, asked only when a hash is unknown (it may authenticate). */
export type UnregisteredAllowed = () => boolean | Promise<boolean>;

/**
 * The params to run: the registered (or lately sent) document put in place of a hash. A document
 * sent with its hash runs if the hash is its own, and is remembered for the next time the hash
 * comes alone, as Apollo's automatic persisted queries expect. An unknown hash is refused with
 * Apollo's PERSISTED_QUERY_NOT_FOUND for callers who may send the document (its link then does),
 * and PERSISTED_OPERATION_NOT_FOUND for those held to registered operations.
 */
export async function resolvePersisted<P extends OperationParams>(
  params: P,
  documents: PersistedDocuments,
  unregisteredAllowed: UnregisteredAllowed,
): Promise<P> {
  const persistedQuery = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const sent = persistedQuery?.sha256Hash ?? params.documentId;
  if (sent === undefined || sent === null) return params;
  const hash = typeof sent === 'string' ? normaliseHash(sent) : null;
  if (!hash) throw new PersistedOperationNotFoundError(String(sent));
  if (params.query) {
    if (operationHash(params.query) !== hash) throw new PersistedOperationMismatchError();
    const sentInFull = { ...params };
    if ((await documents.registered(hash)) !== null) fromRegistry.add(sentInFull);
    // Whether this caller may run it at all is requirePersisted's to say, as for any document.
    else documents.automatic.remember(hash, params.query);
    return sentInFull;
  }
  const registered = await documents.registered(hash);
  const document = registered ?? documents.automatic.get(hash);
  if (document === undefined || document === null)
    throw (await unregisteredAllowed())
      ? new PersistedQueryNotFoundError()
      : new PersistedOperationNotFoundError(String(sent));
  const resolved = { ...params, query: document };
  if (registered !== null) fromRegistry.add(resolved);
  return resolved;
}

/**
 * Documents sent in full with their hash (Apollo's automatic persisted queries), kept in memory per
 * process, the least recently used forgotten first. They are never taken for registered ones.
 */
export function createAutomaticPersistedQueries({
  entries = 1_000,
  maxBytes = 8 * 1024 * 1024,
}: { entries?: number; maxBytes?: number } = {}) {
  const documents = new Map<string, string>();
  let bytes = 0;
  return {
    get(hash: string): string | undefined {
      const document = documents.get(hash);
      if (document !== undefined) {
        documents.delete(hash);
        documents.set(hash, document);
      }
      return document;
    },
    remember(hash: string, document: string): void {
      if (documents.has(hash) || document.length > MAX_DOCUMENT_BYTES) return;
      documents.set(hash, document);
      bytes += document.length;
      while (documents.size > entries || bytes > maxBytes) {
        const [oldest, text] = documents.entries().next().value!;
        documents.delete(oldest);
        bytes -= text.length;
      }
    },
  };
}
export type AutomaticPersistedQueries = ReturnType<typeof createAutomaticPersistedQueries>;

/** Whether a caller may send documents in full rather than only hashes of registered ones. */
export function mayRunUnregistered(onlyFor: PersistedOnlyFor, viewer: Viewer): boolean {
  return !onlyFor.has(viewer.kind === 'anonymous' ? 'ANONYMOUS' : viewer.role);
}

/** Refuses a document sent in full by a caller who may run only registered ones; registering is always allowed. */
export function requirePersisted(onlyFor: PersistedOnlyFor, viewer: Viewer, params: OperationParams): void {
  if (mayRunUnregistered(onlyFor, viewer) || fromRegistry.has(params) || onlyRegisters(params.query)) return;
  throw new PersistedOperationRequiredError(
    viewer.kind === 'anonymous' ? 'callers without a key' : `the ${viewer.role.toLowerCase()} role`,
  );
}

function onlyRegisters(query: string | null | undefined): boolean {
  if (!query) return false;
  try {
    return parse(query).definitions.every(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION &&
        definition.operation === 'mutation' &&
        definition.selectionSet.selections.every(
          (selection) =>
            selection.kind === Kind.FIELD &&
            (selection.name.value === 'registerOperations' || selection.name.value === '__typename'),
        ),
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
export function usePersistedOperations(
  documents: PersistedDocuments,
  unregisteredAllowed: (request: Request, serverContext: unknown) => Promise<boolean>,
): Plugin {
  const asExtension = (params: GraphQLParams & { documentId?: unknown }): GraphQLParams => {
    if (!('documentId' in params)) return params;
    const { documentId, ...rest } = params;
    return { ...rest, extensions: { ...rest.extensions, persistedQuery: { version: 1, sha256Hash: documentId } } };
  };
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult, setRequestParserResult }) {
          setRequestParserResult(
            Array.isArray(requestParserResult)
              ? requestParserResult.map(asExtension)
              : asExtension(requestParserResult),
          );
        },
      };
    },
    async onParams({ params, request, context, setParams }) {
      const resolved = await resolvePersisted(params as OperationParams, documents, () =>
        unregisteredAllowed(request, context),
      );
      if (resolved !== params) setParams(resolved as never);
    },
  };
}
