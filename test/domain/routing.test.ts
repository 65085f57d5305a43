import { describe, expect, it } from 'vitest';
import {
  firstUnmuted,
  inInterval,
  isInhibited,
  matcherProblem,
  matchRoutes,
  routeWith,
  type TimeInterval,
} from '../../src/domain/routing.js';

/** A tree as an operations centre might write it (after Alertmanager's own routing examples). */
const tree = routeWith({
  receivers: ['everyone'],
  groupBy: ['metric'],
  routes: [
    routeWith({
      receivers: ['london-room'],
      matchers: [{ label: 'region', op: '=', value: 'Y56' }],
      continue: true,
      groupWaitMs: 60_000,
    }),
    routeWith({
      receivers: ['ae-team'],
      matchers: [{ label: 'metric', op: '=~', value: 'AE_.*' }],
      routes: [
        routeWith({
          receivers: ['ae-leads'],
          matchers: [{ label: 'state', op: '=', value: 'FIRING' }],
          sendResolved: false,
        }),
      ],
    }),
    routeWith({ receivers: ['never'], matchers: [{ label: 'metric', op: '=~', value: 'AE_4HR' }] }),
  ],
});

describe('routing an event', () => {
  it('walks the tree as Alertmanager does: the first matching child, later siblings only after a continue, the deepest match, settings inherited', () => {
    expect(matchRoutes(tree, { region: 'Y56', metric: 'AE_4HR', state: 'FIRING' })).toEqual([
      expect.objectContaining({ path: '0.0', receivers: ['london-room'], groupBy: ['metric'], groupWaitMs: 60_000 }),
      expect.objectContaining({ path: '0.1.0', receivers: ['ae-leads'], groupBy: ['metric'], sendResolved: false }),
    ]);
    expect(matchRoutes(tree, { region: 'Y61', metric: 'AE_4HR', state: 'RESOLVED' })).toEqual([
      expect.objectContaining({ path: '0.1', receivers: ['ae-team'], sendResolved: true, groupWaitMs: 30_000 }),
    ]);
    // Nothing below matches: the root takes it.
    expect(matchRoutes(tree, { region: 'Y61', metric: 'CANCER_FDS' })).toEqual([
      expect.objectContaining({ path: '0', receivers: ['everyone'] }),
    ]);
    // A regular expression matches the whole value, as in Alertmanager.
    expect(matchRoutes(tree, { metric: 'XAE_4HR' })[0]!.path).toBe('0');
  });

  it('says when a regular expression will not compile', () => {
    expect(matcherProblem({ label: 'metric', op: '=~', value: 'AE_(' })).toMatch(/not a regular expression/);
    expect(matcherProblem({ label: 'metric', op: '=', value: 'AE_(' })).toBeNull();
  });
});

describe('inhibition', () => {
  const rules = [
    {
      sourceMatchers: [
        { label: 'odsCode', op: '=' as const, value: 'X24' },
        { label: 'state', op: '=' as const, value: 'NOT_MEETING' },
      ],
      targetMatchers: [{ label: 'organisationType', op: '=' as const, value: 'ICB' }],
      equal: ['metric', 'period'],
    },
  ];
  const england = {
    odsCode: 'X24',
    state: 'NOT_MEETING',
    organisationType: 'NATIONAL_BODY',
    metric: 'AE_4HR',
    period: '2024-06',
  };
  const icb = { odsCode: 'QWE', state: 'NOT_MEETING', organisationType: 'ICB', metric: 'AE_4HR', period: '2024-06' };

  it("holds an ICB's event back while England misses the same metric in the same period, and not otherwise", () => {
    expect(isInhibited(rules, icb, [england, icb])).toBe(true);
    expect(isInhibited(rules, icb, [{ ...england, period: '2024-05' }])).toBe(false);
    expect(isInhibited(rules, icb, [{ ...england, state: 'MEETING' }])).toBe(false);
    expect(isInhibited(rules, england, [england, icb])).toBe(false);
  });

  it('lets nothing inhibit itself, nor its like, where an event matches both sides of a rule (as Alertmanager)', () => {
    const anyMiss = [
      {
        sourceMatchers: [{ label: 'state', op: '=' as const, value: 'NOT_MEETING' }],
        targetMatchers: [{ label: 'metric', op: '=' as const, value: 'AE_4HR' }],
        equal: ['period'],
      },
    ];
    const otherIcb = { ...icb, odsCode: 'QKK' };
    // Standing as a copy of itself (its series, read back from the database): not held back.
    expect(isInhibited(anyMiss, icb, [{ ...icb }, otherIcb])).toBe(false);
    // A miss on another metric, which the rule's target side does not take, holds it back.
    expect(isInhibited(anyMiss, icb, [{ ...otherIcb, metric: 'CANCER_FDS' }])).toBe(true);
    // An event on the target side only is held back by any standing miss.
    expect(isInhibited(anyMiss, { ...icb, state: 'MEETING' }, [otherIcb])).toBe(true);
  });
});

describe('time intervals, in London time', () => {
  const workingHours: TimeInterval = {
    name: 'working hours',
    weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    times: [{ start: '09:00', end: '17:00' }],
  };
  const weekend: TimeInterval = { name: 'weekend', weekdays: ['saturday', 'sunday'], times: [] };

  it('reads the clock in London, summer time included', () => {
    // 08:30 UTC on Monday 1 July 2024 is 09:30 in London (BST); on Monday 2 December it is 08:30 (GMT).
    expect(inInterval(workingHours, new Date('2024-07-01T08:30:00Z'))).toBe(true);
    expect(inInterval(workingHours, new Date('2024-12-02T08:30:00Z'))).toBe(false);
    expect(inInterval(weekend, new Date('2024-12-07T12:00:00Z'))).toBe(true);
  });

  it('finds when a muted message may go: a Saturday night one on Monday at midnight', () => {
    expect(firstUnmuted([weekend], new Date('2024-12-07T23:10:00Z'))).toEqual(new Date('2024-12-09T00:00:00Z'));
    expect(firstUnmuted([weekend], new Date('2024-12-09T10:00:00Z'))).toEqual(new Date('2024-12-09T10:00:00Z'));
    expect(firstUnmuted([{ name: 'always', weekdays: [], times: [] }], new Date('2024-12-09T10:00:00Z'))).toBeNull();
  });
});
