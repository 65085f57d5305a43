import { mkdirSync, realpathSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseLocation } from '../config/env.js';
import { PrismaClient } from './generated/prisma/client.js';
import { acquireDataDirLock } from './data-dir-lock.js';

/** Plain SQL inside one transaction: what migrations and bulk statements need beside Prisma. */
export interface SqlSession {
  exec(script: string): Promise<void>;
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly prisma: PrismaClient;
  /** The driver adapter factory the database is reached through (the schema engine uses it too). */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * One plain SQL read straight through the driver, for hot paths where the Prisma client's query
   * interpretation and row mapping cost more than the statement itself. Values come back as the
   * driver gives them: cast in SQL (`::text`, `::float8`) where the two drivers differ.
   */
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  sqlTransaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** How the connection pool is used (PostgreSQL; the embedded database has none). */
  poolUse?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Called with every SQL statement Prisma sends; tests use it to count queries. */
  onQuery?: (sql: string) => void;
  /** Traces plain SQL reads (Prisma traces its own operations) when set. */
  tracer?: Tracer;
}

/** A plain SQL read, in a span of its own when tracing. */
function traced<Row>(options: OpenDatabaseOptions, text: string, read: () => Promise<Row[]>): Promise<Row[]> {
  options.onQuery?.(text);
  if (!options.tracer) return read();
  return options.tracer.startActiveSpan(
    'db.query',
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': text } },
    async (span) => {
      try {
        return await read();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export async function openDatabase(location: DatabaseLocation, options: OpenDatabaseOptions = {}): Promise<Database> {
  return location.kind === 'postgres' ? openPostgres(location.url, options) : openPGlite(location, options);
}

function createPrisma(adapter: SqlMigrationAwareDriverAdapterFactory, options: OpenDatabaseOptions): PrismaClient {
  if (!options.onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const onQuery = options.onQuery;
  prisma.$on('query', (event) => onQuery(event.query));
  return prisma;
}

async function openPGlite(
  location: Extract<DatabaseLocation, { kind: 'pglite' | 'pglite-memory' }>,
  options: OpenDatabaseOptions,
): Promise<Database> {
  let releaseLock = () => {};
  let pglite: PGlite;
  if (location.kind === 'pglite') {
    mkdirSync(location.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(location.dataDir);
    try {
      // The real path, as the lock has it: a symlink to a directory in use must meet its lock.
      pglite = await PGlite.create(realpathSync(location.dataDir));
    } catch (error) {
      releaseLock();
      throw error;
    }
  } else {
    pglite = await PGlite.create();
  }
  return databaseOnPGlite(pglite, options, releaseLock);
}

/** A Database over a PGlite instance someone has opened; closing it closes the instance. */
export function databaseOnPGlite(
  pglite: PGlite,
  options: OpenDatabaseOptions = {},
  afterClose: () => void = () => {},
): Database {
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = createPrisma(adapterFactory, options);
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    query: <Row>(text: string, params: unknown[] = []) =>
      traced(options, text, async () => (await pglite.query<Row>(text, params)).rows),
    sqlTransaction: (work) =>
      pglite.transaction((tx) =>
        work({
          exec: async (script) => {
            await tx.exec(script);
          },
          query: async <Row>(text: string, params: unknown[] = []) => (await tx.query<Row>(text, params)).rows,
        }),
      ),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      afterClose();
    },
  };
}

/** How long to wait for a connection from the pool, and for one query's answer: a hung server must not hold a request for ever. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;
export const POSTGRES_QUERY_TIMEOUT_MS = 30_000;

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    query_timeout: POSTGRES_QUERY_TIMEOUT_MS,
  });
  // An idle connection the server drops (a restart, a failover) must not crash the process; the
  // pool replaces it on the next query.
  pool.on('error', () => {});
  // Fail at once with the server's own message when it cannot be reached, not at the first query.
  const probe = await pool.connect();
  probe.release();
  return databaseOnPool(pool, options);
}

/** A Database over a pg pool someone has made; closing it ends the pool. */
export function databaseOnPool(pool: pg.Pool, options: OpenDatabaseOptions = {}): Database {
  const adapterFactory = new PrismaPg(pool);
  const prisma = createPrisma(adapterFactory, options);
  return {
    kind: 'postgres',
    prisma,
    adapterFactory,
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    query: <Row>(text: string, params: unknown[] = []) =>
      traced(options, text, async () => (await pool.query(text, params)).rows as Row[]),
    async sqlTransaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          exec: async (script) => {
            await client.query(script);
          },
          query: async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
