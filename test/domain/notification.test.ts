import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  groupKeyOf,
  groupLabelsOf,
  isInternalAddress,
  retryAfterMs,
  targetUrlProblem,
  type RetryPolicy,
} from '../../src/domain/notification.js';

describe('where receivers may be sent', () => {
  it('knows the internal addresses, IPv4 mapped into IPv6 included', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.8',
      '172.16.4.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isInternalAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '2a00:1450:4009::200e', '::ffff:51.140.0.1'])
      expect(isInternalAddress(address), address).toBe(false);
    expect(isInternalAddress('not an address')).toBe(true);
  });

  it('takes https:// URLs to public hosts, and plain or internal ones only for hosts the server allows', () => {
    const none = new Set<string>();
    expect(targetUrlProblem('https://prod-12.uksouth.logic.azure.com/workflows/abc?sig=x', none)).toBeNull();
    expect(targetUrlProblem('http://hooks.example.org/', none)).toMatch(/must be an https:\/\/ URL/);
    expect(targetUrlProblem('ftp://hooks.example.org/', none)).toMatch(/must be an https:\/\/ URL/);
    expect(targetUrlProblem('https://user:pass@hooks.example.org/', none)).toMatch(/user name or password/);
    expect(targetUrlProblem('https://192.168.0.10/', none)).toMatch(/private or link-local/);
    expect(targetUrlProblem('https://[fe80::1]/', none)).toMatch(/private or link-local/);
    expect(targetUrlProblem('https://api.localhost/', none)).toMatch(/this machine/);
    expect(targetUrlProblem('hooks.example.org', none)).toMatch(/not an absolute URL/);
    const allowed = new Set(['127.0.0.1', 'receiver.internal']);
    expect(targetUrlProblem('http://127.0.0.1:8080/x', allowed)).toBeNull();
    expect(targetUrlProblem('http://receiver.internal/x', allowed)).toBeNull();
  });
});

describe('trying again', () => {
  const policy: RetryPolicy = { firstDelayMs: 1_000, maxDelayMs: 8_000, maxAgeMs: 60_000 };
  const at = { nowMs: 100_000, firstDueMs: 100_000 };

  it('is done on a 2xx, fails at once on a refusing 4xx, and retries after no answer, a 5xx, a 408 or a 429', () => {
    expect(afterAttempt({ status: 204 }, 1, at, policy, 0.5)).toEqual({ kind: 'SENT' });
    expect(afterAttempt({ status: 404 }, 1, at, policy, 0.5)).toMatchObject({ kind: 'FAILED' });
    expect(afterAttempt({ status: 410 }, 1, at, policy, 0.5)).toMatchObject({ kind: 'FAILED' });
    for (const outcome of [{ status: 500 }, { status: 503 }, { status: 408 }, { status: 429 }, { error: 'ECONNRESET' }])
      expect(afterAttempt(outcome, 1, at, policy, 0.5).kind).toBe('RETRY');
    expect(afterAttempt({ error: 'refused before sending', final: true }, 1, at, policy, 0.5)).toMatchObject({
      kind: 'FAILED',
      reason: 'refused before sending',
    });
  });

  it('waits twice as long each time, half of it at random, up to the longest wait', () => {
    const wait = (attempt: number, random: number) => {
      const decision = afterAttempt({ status: 500 }, attempt, at, policy, random);
      return decision.kind === 'RETRY' ? decision.atMs - at.nowMs : null;
    };
    expect([1, 2, 3, 4, 5].map((attempt) => wait(attempt, 0))).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect([1, 2, 3, 4, 5].map((attempt) => wait(attempt, 0.999_999))).toEqual(
      [1_000, 2_000, 4_000, 8_000, 8_000].map((ms) => expect.closeTo(ms, 0)),
    );
  });

  it('waits as long as Retry-After asks (seconds or a date), within the longest wait', () => {
    const decision = afterAttempt({ status: 429, retryAfter: '5' }, 1, at, policy, 0);
    expect(decision).toEqual({ kind: 'RETRY', atMs: at.nowMs + 5_000 });
    expect(afterAttempt({ status: 429, retryAfter: '3600' }, 1, at, policy, 0)).toEqual({
      kind: 'RETRY',
      atMs: at.nowMs + 8_000,
    });
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('gives up when the next try would fall past the maximum age', () => {
    expect(afterAttempt({ status: 500 }, 9, { nowMs: 159_000, firstDueMs: 100_000 }, policy, 0.5)).toMatchObject({
      kind: 'FAILED',
      reason: 'HTTP 500, still after 9 attempts: kept as failed.',
    });
  });
});

describe('groups', () => {
  it('are keyed by their route and the values of their group-by labels, whatever their order', () => {
    const key = groupKeyOf('default', ['watch', 'metric'], { metric: 'AE_4HR', watch: '3', region: 'Y56' });
    expect(key).toBe(groupKeyOf('default', ['metric', 'watch'], { watch: '3', metric: 'AE_4HR' }));
    expect(groupLabelsOf(key)).toEqual({ metric: 'AE_4HR', watch: '3' });
    expect(groupKeyOf('default', ['watch'], { watch: '4' })).not.toBe(groupKeyOf('default', ['watch'], { watch: '3' }));
  });
});
