import { describe, expect, it } from 'vitest';
import { createRecentMemo } from '../../src/events/recent-memo.js';

describe('what the process remembers of recent events', () => {
  it('keeps at most its size, forgetting the oldest first', () => {
    const memo = createRecentMemo<number>({ size: 3, maxAgeMs: 60_000, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd']) memo.remember(key, key.charCodeAt(0));
    expect(memo.size).toBe(3);
    expect(memo.has('a')).toBe(false);
    expect(memo.get('d')).toBe(100);
  });

  it('forgets what is older than its age as new events come, and keeps what is recent', () => {
    let clock = 0;
    const memo = createRecentMemo<string>({ size: 100, maxAgeMs: 1_000, now: () => clock });
    memo.remember('early', 'x');
    clock = 600;
    memo.remember('middle', 'y');
    clock = 1_200;
    memo.remember('late', 'z');
    expect([memo.has('early'), memo.has('middle'), memo.has('late')]).toEqual([false, true, true]);
    clock = 5_000;
    memo.remember('latest', 'w');
    expect(memo.size).toBe(1);
  });

  it('counts a remembered key again as new, and forgets one on request', () => {
    let clock = 0;
    const memo = createRecentMemo<number>({ size: 100, maxAgeMs: 1_000, now: () => clock });
    memo.remember('a', 1);
    memo.remember('b', 2);
    clock = 900;
    memo.remember('a', 3);
    clock = 1_500;
    memo.remember('c', 4);
    expect([memo.get('a'), memo.has('b'), memo.get('c')]).toEqual([3, false, 4]);
    memo.forget('a');
    expect(memo.has('a')).toBe(false);
  });
});
