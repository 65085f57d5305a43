import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, LogLevel } from '../config/logger.js';

/** What every log line written while serving one request carries (its id, as the x-request-id header says). */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** One JSON line per event on stderr, at or above the level asked for; within a request, with its id. */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const threshold = ORDER.indexOf(level);
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER.indexOf(at) < threshold) return;
      const requestId = requestContext.getStore()?.requestId;
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: at,
          message,
          ...(requestId ? { requestId } : {}),
          ...fields,
        }),
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
