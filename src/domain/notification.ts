/**
 * Notifications as rules: which addresses a receiver may be sent to, when a failed send is tried
 * again, and how a group of events is keyed. Pure: values in, values out.
 */
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a receiver's URL must not reach unless allowed by name: loopback, private,
 * link-local (cloud metadata services live there), carrier-grade NAT, unspecified and multicast
 * ranges, in IPv4 and IPv6 (and IPv4 mapped into IPv6).
 */
const INTERNAL = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/** Whether an address (v4 or v6) is one a receiver may not reach: loopback, private, link-local, … */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
  return INTERNAL.check(address, 'ipv6');
}

/** Host names and addresses a closed network (or a test) allows receivers to reach, internal or over plain HTTP. */
export type TargetAllowance = ReadonlySet<string>;

/** The host of a URL as an allowance names it: lower case, without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[|\]$/g, '');

/**
 * Why a receiver's URL cannot be used, or null: it must be absolute HTTPS with no credentials, and a
 * host that is not an internal address, unless the allowance names it (then plain HTTP is allowed
 * too). A host name's addresses are checked again each time it is sent to.
 */
export function targetUrlProblem(text: string, allowed: TargetAllowance): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'It is not an absolute URL.';
  }
  const host = hostOf(url);
  const isAllowed = allowed.has(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isAllowed))
    return `It must be an https:// URL (not ${url.protocol}//).`;
  if (url.username || url.password) return 'It must not carry a user name or password.';
  if (isIP(host) && isInternalAddress(host) && !isAllowed)
    return `${host} is a loopback, private or link-local address, which receivers may not reach.`;
  if ((host === 'localhost' || host.endsWith('.localhost')) && !isAllowed)
    return `${host} is this machine, which receivers may not reach.`;
  return null;
}

export interface RetryPolicy {
  /** The wait before the second attempt; each later wait doubles. */
  firstDelayMs: number;
  /** The longest wait between attempts. */
  maxDelayMs: number;
  /** How long after it was first due a notification is still tried; then it is kept as failed. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 10_000,
  maxDelayMs: 15 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
};

/**
 * How one attempt ended: the receiver's status, or no answer (a deadline, a reset connection);
 * `final` for a send refused before it left (its URL may not be reached), which no retry mends.
 */
export type AttemptOutcome =
  | { status: number; retryAfter?: string | null }
  | { error: string; final?: boolean }
  /** A message an SMTP server took, with its answer ("250 OK: queued"). */
  | { accepted: string };

/** An attempt as the history keeps it: delivered or not, the receiver's status if it had one, and what went wrong. */
export function attemptRecord(outcome: AttemptOutcome): {
  delivered: boolean;
  status: number | null;
  error: string | null;
} {
  if ('accepted' in outcome) return { delivered: true, status: null, error: null };
  if ('error' in outcome) return { delivered: false, status: null, error: outcome.error };
  const delivered = outcome.status >= 200 && outcome.status < 300;
  return { delivered, status: outcome.status, error: delivered ? null : `HTTP ${outcome.status}` };
}

export type RetryDecision = { kind: 'SENT' } | { kind: 'RETRY'; atMs: number } | { kind: 'FAILED'; reason: string };

/**
 * What follows an attempt: sent on a 2xx (or an SMTP server's acceptance); tried again with exponential back-off and jitter (or
 * when Retry-After says, within the maximum wait) after no answer, a 5xx, a 408 or a 429; failed at
 * once on any other status (the receiver refuses it, and asking again will not change that), and
 * failed when the next try would fall past the maximum age. `random` is in [0, 1).
 */
export function afterAttempt(
  outcome: AttemptOutcome,
  attempt: number,
  { nowMs, firstDueMs }: { nowMs: number; firstDueMs: number },
  policy: RetryPolicy,
  random: number,
): RetryDecision {
  if ('accepted' in outcome || ('status' in outcome && outcome.status >= 200 && outcome.status < 300))
    return { kind: 'SENT' };
  const retriable = 'error' in outcome || outcome.status >= 500 || outcome.status === 408 || outcome.status === 429;
  const described = 'error' in outcome ? outcome.error : `HTTP ${outcome.status}`;
  if ('error' in outcome && outcome.final) return { kind: 'FAILED', reason: described };
  if (!retriable) return { kind: 'FAILED', reason: `${described}: the receiver refused it; not tried again.` };
  const backoff = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 1));
  // Half the wait fixed, half random: receivers recovering from an outage are not hit all at once.
  let delay = backoff / 2 + (backoff / 2) * random;
  const asked = 'status' in outcome ? retryAfterMs(outcome.retryAfter ?? null, nowMs) : null;
  if (asked !== null) delay = Math.min(policy.maxDelayMs, Math.max(delay, asked));
  const atMs = nowMs + delay;
  if (atMs - firstDueMs > policy.maxAgeMs)
    return { kind: 'FAILED', reason: `${described}, still after ${attempt} attempts: kept as failed.` };
  return { kind: 'RETRY', atMs };
}

/** A Retry-After header as milliseconds from now (seconds, or an HTTP date), or null. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** A group's key: its route and the values of the labels it groups by, in a stable order. */
export function groupKeyOf(
  route: string,
  groupBy: readonly string[],
  labels: Readonly<Record<string, string>>,
): string {
  return JSON.stringify([route, ...[...groupBy].sort().map((name) => [name, labels[name] ?? ''])]);
}

/** The labels a group key was made from (see groupKeyOf). */
export function groupLabelsOf(groupKey: string): Record<string, string> {
  const [, ...pairs] = JSON.parse(groupKey) as [string, ...[string, string][]];
  return Object.fromEntries(pairs);
}
