import type { Database } from '../db/database.js';
import type { Viewer } from '../domain/access.js';
import { invalidKeys } from '../services/api-keys.js';
import type { Logger } from '../config/logger.js';

/**
 * Ends what is open with a key once the key is revoked or expires, or with an identity provider's
 * token once it expires: open WebSocket connections and SSE streams. Keys in use are checked together every `intervalMs` (one query, only while
 * anything is open), so an end comes within seconds, not at the next event.
 */
export function createCredentialWatch(
  db: Database,
  logger: Logger,
  { intervalMs = 2_000 }: { intervalMs?: number } = {},
) {
  const enders = new Map<number, Set<(reason: string) => void>>();
  const check = async () => {
    if (enders.size === 0) return;
    try {
      for (const [keyId, reason] of await invalidKeys(db, [...enders.keys()], new Date())) {
        for (const end of enders.get(keyId) ?? []) end(reason);
        enders.delete(keyId);
      }
    } catch (error) {
      logger.warn('could not check the keys of open streams', { error: String(error) });
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    /** Calls `end` with the reason once the viewer's credentials stop being valid; returns the way to stop watching. */
    watch(viewer: Viewer, end: (reason: string) => void): () => void {
      if (viewer.kind === 'token') return endAtExpiry(viewer.expiresAt, end);
      if (viewer.kind !== 'key') return () => {};
      let ends = enders.get(viewer.keyId);
      if (!ends) enders.set(viewer.keyId, (ends = new Set()));
      ends.add(end);
      return () => {
        const current = enders.get(viewer.keyId);
        current?.delete(end);
        if (current?.size === 0) enders.delete(viewer.keyId);
      };
    },
    close: () => clearInterval(timer),
  };
}

export type CredentialWatch = ReturnType<typeof createCredentialWatch>;

/** The longest a timer may wait; a token living longer is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A token cannot be revoked here, only outlived: its stream ends when it expires. */
function endAtExpiry(expiresAt: Date | null, end: (reason: string) => void): () => void {
  if (!expiresAt) return () => {};
  let timer: NodeJS.Timeout;
  const wait = () => {
    const left = expiresAt.getTime() - Date.now();
    timer =
      left > MAX_TIMER_MS
        ? setTimeout(wait, MAX_TIMER_MS)
        : setTimeout(() => end('the token expired'), Math.max(0, left));
    timer.unref();
  };
  wait();
  return () => clearTimeout(timer);
}
