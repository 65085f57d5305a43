import { describe, expect, it } from 'vitest';
import type { CrossingRoute } from '../../src/domain/crossing-filter.js';
import { createEventBus } from '../../src/events/bus.js';
import { createLogger } from '../../src/server/logger.js';

const crossing: CrossingRoute = {
  sequence: 7n,
  odsCode: 'QKK',
  organisationType: 'ICB',
  regionOdsCode: 'Y56',
  ambulanceService: false,
  metricCode: 'AE_4HR',
  milestoneId: 1,
  direction: 'BREACHED',
};

describe('the event bus', () => {
  it('fans out in-process by metric, and to listeners of every metric', async () => {
    const bus = createEventBus({ logger: createLogger('silent') });
    const fourHour: CrossingRoute[] = [];
    const all: CrossingRoute[] = [];
    const other: CrossingRoute[] = [];
    bus.onCrossing('AE_4HR', (event) => fourHour.push(event));
    bus.onCrossing('*', (event) => all.push(event));
    const stop = bus.onCrossing('DIAG_6WK', (event) => other.push(event));
    await bus.publish({ crossings: [crossing] });
    stop();
    expect([fourHour, all, other]).toEqual([[crossing], [crossing], []]);
  });

  it("still delivers an instance's own events to its own subscribers when Redis cannot be reached", async () => {
    const lines: string[] = [];
    // Nothing listens on port 1: every Redis call fails at once.
    const bus = createEventBus({
      redisUrl: 'redis://127.0.0.1:1',
      logger: createLogger('warn', (line) => lines.push(line)),
    });
    const received: CrossingRoute[] = [];
    bus.onCrossing('AE_4HR', (event) => received.push(event));
    await bus.publish({ crossings: [crossing] });
    expect(received).toEqual([crossing]);
    expect(lines.some((line) => line.includes('delivering to this instance only'))).toBe(true);
    await bus.close();
  });
});
