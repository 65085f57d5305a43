/**
 * A token bucket: a caller may spend up to `perMinute` requests at once, and earns them back
 * evenly over a minute. Pure: the caller keeps the buckets and passes the clock.
 */
export interface TokenBucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms since the epoch). */
  at: number;
}

export type Admission =
  { admitted: true; bucket: TokenBucket } | { admitted: false; bucket: TokenBucket; retryAfterMs: number };

export function admit(bucket: TokenBucket | undefined, perMinute: number, now: number): Admission {
  const refillPerMs = perMinute / 60_000;
  // A clock that steps back earns nothing and must not earn the same time twice later.
  const at = Math.max(now, bucket?.at ?? now);
  const tokens = bucket ? Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) * refillPerMs) : perMinute;
  if (tokens >= 1) return { admitted: true, bucket: { tokens: tokens - 1, at } };
  return { admitted: false, bucket: { tokens, at }, retryAfterMs: Math.ceil((1 - tokens) / refillPerMs) };
}

/** A bucket that has refilled completely holds nothing worth remembering. */
export function isFull(bucket: TokenBucket, perMinute: number, now: number): boolean {
  return bucket.tokens + (now - bucket.at) * (perMinute / 60_000) >= perMinute;
}
