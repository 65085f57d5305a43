import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/access.js';
import { writeAudit, type AuditedAction } from './audit.js';
import { DomainError } from '../domain/errors.js';

/** At most this many documents in one registration, each at most MAX_DOCUMENT_BYTES. */
export const MAX_DOCUMENTS_PER_REGISTRATION = 100;
export const MAX_DOCUMENT_BYTES = 64 * 1024;

export class PersistedOperationNotFoundError extends DomainError {
  readonly code = 'PERSISTED_OPERATION_NOT_FOUND';
  override readonly http = { status: 400 };
  constructor(hash: string) {
    super(
      `No operation is registered with hash ${hash.slice(0, 64)}: register it with registerOperations, or send the document itself.`,
    );
  }
}

/**
 * An unknown hash from a caller who may send documents in full: Apollo's automatic persisted
 * queries, whose link then sends the document with its hash (code and message as Apollo's).
 */
export class PersistedQueryNotFoundError extends DomainError {
  readonly code = 'PERSISTED_QUERY_NOT_FOUND';
  override readonly http = { status: 400 };
  constructor() {
    super('PersistedQueryNotFound');
  }
}

export class PersistedOperationMismatchError extends DomainError {
  readonly code = 'PERSISTED_OPERATION_MISMATCH';
  override readonly http = { status: 400 };
  constructor() {
    super('The document sent is not the one the hash sent with it names (the SHA-256 of its exact text).');
  }
}

export class PersistedOperationRequiredError extends DomainError {
  readonly code = 'PERSISTED_OPERATION_REQUIRED';
  override readonly http = { status: 403 };
  constructor(who: string) {
    super(
      `This server runs only registered operations for ${who}: register the document with registerOperations, then send its hash (extensions.persistedQuery.sha256Hash or documentId).`,
    );
  }
}

/** Which callers may send only registered operations: roles, and 'ANONYMOUS' for callers without a key. */
export type PersistedOnlyFor = ReadonlySet<Role | 'ANONYMOUS'>;

/** The hash a document is registered and asked for under: SHA-256 of its exact text, lower-case hex. */
export function operationHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** A hash as clients send it: bare hex (Apollo's sha256Hash) or `sha256:<hex>` (documentId, and codegen's client preset). */
export function normaliseHash(sent: string): string | null {
  const hex = sent.startsWith('sha256:') ? sent.slice('sha256:'.length) : sent;
  return /^[0-9a-fA-F]{64}$/.test(hex) ? hex.toLowerCase() : null;
}

export interface DocumentProblem {
  index: number;
  code: string;
  message: string;
}

export interface RegisteredOperation {
  hash: string;
  operationNames: string[];
  registeredBy: string;
  registeredAt: Date;
  /** False when the document was registered before (by anyone): registering is idempotent. */
  isNew: boolean;
}

/**
 * Registers documents, all or none: each is checked by `check` (parsed and validated against the
 * schema and the query limits, by the caller that has the schema) and any problem refuses them all.
 * Audited either way.
 */
export async function registerOperations(
  db: Database,
  documents: readonly string[],
  {
    audit,
    check,
  }: { audit: AuditedAction; check: (document: string) => { operationNames: string[]; problems: string[] } },
): Promise<{ operations: RegisteredOperation[]; errors: DocumentProblem[] }> {
  const errors: DocumentProblem[] = [];
  if (documents.length === 0) errors.push({ index: -1, code: 'NO_DOCUMENTS', message: 'Send at least one document.' });
  if (documents.length > MAX_DOCUMENTS_PER_REGISTRATION) {
    errors.push({
      index: -1,
      code: 'TOO_MANY_DOCUMENTS',
      message: `At most ${MAX_DOCUMENTS_PER_REGISTRATION} documents in one registration; this has ${documents.length}.`,
    });
  }
  const checked =
    errors.length > 0
      ? []
      : documents.map((document, index) => {
          if (Buffer.byteLength(document) > MAX_DOCUMENT_BYTES) {
            errors.push({
              index,
              code: 'DOCUMENT_TOO_LARGE',
              message: `A document may be at most ${MAX_DOCUMENT_BYTES} bytes.`,
            });
            return null;
          }
          const { operationNames, problems } = check(document);
          for (const message of problems) errors.push({ index, code: 'INVALID_DOCUMENT', message });
          return { hash: operationHash(document), document, operationNames };
        });
  if (errors.length > 0) {
    await writeAudit(db.prisma, audit, {
      rows: 0,
      succeeded: false,
      detail: { documents: documents.length, errors: errors.slice(0, 20) },
    });
    return { operations: [], errors };
  }
  const valid = checked.filter((entry) => entry !== null);
  const operations = await db.prisma.$transaction(async (tx) => {
    const before = new Set(
      (
        await tx.persistedOperation.findMany({
          where: { hash: { in: valid.map(({ hash }) => hash) } },
          select: { hash: true },
        })
      ).map(({ hash }) => hash),
    );
    await tx.persistedOperation.createMany({
      data: valid.filter(({ hash }) => !before.has(hash)).map((entry) => ({ ...entry, registeredBy: audit.actor })),
      skipDuplicates: true,
    });
    const rows = await tx.persistedOperation.findMany({ where: { hash: { in: valid.map(({ hash }) => hash) } } });
    const byHash = new Map(rows.map((row) => [row.hash, row]));
    const registered = valid.map(({ hash }) => {
      const row = byHash.get(hash)!;
      return {
        hash,
        operationNames: row.operationNames,
        registeredBy: row.registeredBy,
        registeredAt: row.registeredAt,
        isNew: !before.has(hash),
      };
    });
    const added = registered.filter(({ isNew }) => isNew);
    await writeAudit(tx, audit, {
      rows: added.length,
      succeeded: true,
      detail: { documents: documents.length, hashes: added.map(({ hash }) => hash) },
    });
    return registered;
  });
  return { operations, errors: [] };
}

/**
 * Finds registered documents by hash, remembering them: a registered document never changes (its
 * hash is its text), so the cache needs no invalidation, only a bound.
 */
export function createPersistedOperationLookup(db: Database, { size = 1_000 }: { size?: number } = {}) {
  const cache = new Map<string, string>();
  return async (hash: string): Promise<string | null> => {
    const cached = cache.get(hash);
    if (cached !== undefined) return cached;
    const row = await db.prisma.persistedOperation.findUnique({ where: { hash }, select: { document: true } });
    if (!row) return null;
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(hash, row.document);
    return row.document;
  };
}
