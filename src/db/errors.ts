import { DeadlineExceeded } from './deadline.js';

/** Prisma's codes for a database it cannot reach, lost, or waited too long for. */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** What Prisma's driver adapters call the same. */
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Node's socket errors when the server is gone or unreachable. */
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/**
 * pg's own messages for a connection it lost or could not get in time, and the server's for a
 * database closed to connections (ALLOW_CONNECTIONS false answers SQLSTATE 55000, which other,
 * unrelated refusals share).
 */
const DRIVER_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * PostgreSQL's SQLSTATEs for "not now": connection exceptions (class 08), the server shutting down
 * or not yet accepting connections (57P01–57P03, e.g. "database … is not currently accepting
 * connections"), too many connections (53300).
 */
const unavailableState = (state: unknown) =>
  typeof state === 'string' && (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state));

/**
 * Whether an error says the database cannot be used just now (down, restarting, refusing
 * connections, or not answering in time), as opposed to a fault in what was asked of it: the
 * client should retry later, and nothing it sent was at fault. Looks through causes, as Prisma
 * and its driver adapters wrap the driver's error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DeadlineExceeded) return true;
  const { code, meta, message, cause } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: string; code?: unknown; originalCode?: unknown } } };
    message?: unknown;
    cause?: unknown;
  };
  if (
    typeof code === 'string' &&
    (PRISMA_UNAVAILABLE.has(code) || SOCKET_UNAVAILABLE.has(code) || unavailableState(code))
  )
    return true;
  const adapter = meta?.driverAdapterError?.cause;
  if (
    adapter &&
    (ADAPTER_UNAVAILABLE.has(adapter.kind ?? '') ||
      unavailableState(adapter.code) ||
      unavailableState(adapter.originalCode))
  )
    return true;
  if (typeof message === 'string' && DRIVER_UNAVAILABLE.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
