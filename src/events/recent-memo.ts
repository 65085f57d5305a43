/**
 * What the process remembers of recent live events (their rows, their executed results): at most
 * `size` entries, none older than `maxAgeMs`, the oldest forgotten first as new ones come. Live
 * events are asked for in a burst just after they happen, by every subscriber at once; keeping them
 * longer only grows the heap of a server that runs for weeks. A subscriber that asks later (one
 * resuming from an old cursor) is answered from the database again, never wrongly.
 */
export function createRecentMemo<Value>({
  size,
  maxAgeMs,
  now = Date.now,
}: {
  size: number;
  maxAgeMs: number;
  now?: () => number;
}) {
  const entries = new Map<string, { value: Value; rememberedAt: number }>();
  const forgetOld = () => {
    const oldest = now() - maxAgeMs;
    // Insertion order is age order, so the first entry that is young enough ends the sweep.
    for (const [key, entry] of entries) {
      if (entries.size <= size && entry.rememberedAt >= oldest) break;
      entries.delete(key);
    }
  };
  return {
    get: (key: string): Value | undefined => entries.get(key)?.value,
    has: (key: string): boolean => entries.has(key),
    remember(key: string, value: Value): void {
      entries.delete(key);
      entries.set(key, { value, rememberedAt: now() });
      forgetOld();
    },
    forget: (key: string): void => void entries.delete(key),
    get size(): number {
      return entries.size;
    },
  };
}

/** How long live events' rows and results are kept for the subscribers that receive them. */
export const LIVE_EVENT_MEMORY_MS = 60_000;
