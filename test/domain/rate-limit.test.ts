import { describe, expect, it } from 'vitest';
import { admit, isFull, type TokenBucket } from '../../src/domain/rate-limit.js';

function spend(times: number, perMinute: number, now: number, start?: TokenBucket) {
  let bucket = start;
  let admitted = 0;
  let last;
  for (let i = 0; i < times; i += 1) {
    last = admit(bucket, perMinute, now);
    bucket = last.bucket;
    if (last.admitted) admitted += 1;
  }
  return { admitted, bucket: bucket!, last: last };
}

describe('token bucket', () => {
  it('admits a full minute at once, then refuses, saying when the next token comes', () => {
    const { admitted, last } = spend(61, 60, 0);
    expect(admitted).toBe(60);
    expect(last).toMatchObject({ admitted: false, retryAfterMs: 1_000 });
  });

  it('earns tokens back evenly, never beyond the minute', () => {
    const { bucket } = spend(60, 60, 0);
    expect(admit(bucket, 60, 500).admitted).toBe(false);
    expect(admit(bucket, 60, 1_000).admitted).toBe(true);
    expect(spend(100, 60, 3_600_000, bucket).admitted).toBe(60);
  });

  it('tells when a bucket is full again and can be forgotten', () => {
    const { bucket } = spend(30, 60, 0);
    expect(isFull(bucket, 60, 29_999)).toBe(false);
    expect(isFull(bucket, 60, 30_000)).toBe(true);
  });

  it('never goes back in time when the clock does', () => {
    const { bucket } = spend(60, 60, 10_000);
    expect(admit(bucket, 60, 0)).toMatchObject({ admitted: false });
  });
});
