import { spcChart, type Polarity, type SpcOptions, type SpcRule } from './spc.js';
import { judge, type Threshold } from './target.js';

/**
 * Watches: an operations room's own rules over a series, with pending and hysteresis as alerting
 * systems have them (Prometheus' `for` and `keep_firing_for`, a clearing margin). Pure: a series
 * and a watch in, the state of every period out. The state of a series is its replay from the
 * first period, so a revised or late value is judged as if it had always been there, and a watch
 * made over existing data starts from the state the data puts it in, with no storm of old events.
 */
export type WatchState = 'INACTIVE' | 'PENDING' | 'FIRING' | 'RESOLVED';

/** What a watch looks for in a period. */
export type WatchCondition =
  /** The value misses the target in force for its period. */
  | { kind: 'TARGET' }
  /** The value is above (or below) a threshold of the watch's own; once firing, it resolves only when back past the threshold by the clearing margin. */
  | { kind: 'THRESHOLD'; comparator: 'ABOVE' | 'BELOW'; value: number; clearingMargin: number }
  /** The value is special-cause variation of concern (either side, on a metric with no better direction), by any of the rules given (all when null). */
  | { kind: 'SPC'; rules: readonly SpcRule[] | null; options: SpcOptions };

export interface WatchTiming {
  /** How many consecutive periods the condition must hold before the watch fires (1: at once). */
  forPeriods: number;
  /** How many periods a firing watch keeps firing after the condition stops holding. */
  keepFiringForPeriods: number;
}

export interface WatchPoint {
  period: string;
  value: number;
  /** The target in force for the period, where one applies (a TARGET watch judges by it). */
  target: Threshold | null;
}

export interface WatchStep {
  period: string;
  value: number;
  holds: boolean;
  state: WatchState;
}

export interface WatchEvaluation {
  steps: WatchStep[];
  state: WatchState;
  /** The period the current state began in; null while the series has never left INACTIVE. */
  since: string | null;
}

/** Replays a series (in period order) through a watch: the state after each period, and now. */
export function evaluateWatch(
  points: readonly WatchPoint[],
  condition: WatchCondition,
  timing: WatchTiming,
  polarity: Polarity,
): WatchEvaluation {
  const ordered = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const holds = conditionHolds(ordered, condition, polarity);
  const steps: WatchStep[] = [];
  let state: WatchState = 'INACTIVE';
  let since: string | null = null;
  let held = 0;
  let cleared = 0;
  ordered.forEach((point, index) => {
    const previous = state;
    if (holds[index]) {
      cleared = 0;
      held += 1;
      if (state !== 'FIRING') state = held >= timing.forPeriods ? 'FIRING' : 'PENDING';
    } else {
      held = 0;
      if (state === 'PENDING') state = 'INACTIVE';
      else if (state === 'FIRING') {
        if (!clears(point.value, condition)) cleared = 0;
        else if (++cleared > timing.keepFiringForPeriods) {
          state = 'RESOLVED';
          cleared = 0;
        }
      }
    }
    if (state !== previous) since = point.period;
    steps.push({ period: point.period, value: point.value, holds: holds[index]!, state });
  });
  return { steps, state, since };
}

function conditionHolds(points: readonly WatchPoint[], condition: WatchCondition, polarity: Polarity): boolean[] {
  switch (condition.kind) {
    case 'TARGET':
      return points.map((point) => point.target !== null && judge(point.target, point.value) === 'NOT_MEETING');
    case 'THRESHOLD':
      return points.map((point) =>
        condition.comparator === 'ABOVE' ? point.value > condition.value : point.value < condition.value,
      );
    case 'SPC': {
      const chart = spcChart(points, polarity, condition.options);
      if (chart.points.length === 0) return points.map(() => false);
      return chart.points.map((point) => {
        const concerning =
          polarity === 'NEUTRAL' ? point.variation !== 'COMMON_CAUSE' : point.variation === 'SPECIAL_CAUSE_CONCERNING';
        return concerning && (condition.rules === null || point.rules.some((rule) => condition.rules!.includes(rule)));
      });
    }
  }
}

/** Whether a value no longer holding the condition is far enough back to count towards resolving (the clearing margin). */
function clears(value: number, condition: WatchCondition): boolean {
  if (condition.kind !== 'THRESHOLD') return true;
  return condition.comparator === 'ABOVE'
    ? value <= condition.value - condition.clearingMargin
    : value >= condition.value + condition.clearingMargin;
}

/** A logged watch event with what subscribers are matched by. */
export interface WatchEventRoute {
  sequence: bigint;
  watchId: number;
  /** Who owns the watch ("key:<prefix>"): a subscriber to all its own watches follows those made later too. */
  owner: string;
  /** Logged under a silence: kept in the log, pushed to nobody. */
  silenced: boolean;
}

/** Which watches' events a subscriber receives: some watches, every watch of one owner, or every watch (admins). */
export type WatchFollowing = { watchIds: readonly number[] } | { owner: string } | { everyWatch: true };

/** The topic of every watch event, for subscribers to every watch (admins). */
export const ALL_WATCHES = 'watch:*';

/** The topics a watch event wakes subscribers on: its watch's, its owner's, and every watch's. */
export function watchEventTopics(route: WatchEventRoute): string[] {
  return [`watch:${route.watchId}`, `owner:${route.owner}`, ALL_WATCHES];
}

/** The topics a subscriber listens on. */
export function watchSubscriptionTopics(following: WatchFollowing): string[] {
  if ('watchIds' in following) return following.watchIds.map((id) => `watch:${id}`);
  return 'owner' in following ? [`owner:${following.owner}`] : [ALL_WATCHES];
}

/** Whether a subscriber receives an event: silenced ones reach nobody. */
export function receivesWatchEvent(following: WatchFollowing, route: WatchEventRoute): boolean {
  if (route.silenced) return false;
  if ('watchIds' in following) return following.watchIds.includes(route.watchId);
  return 'owner' in following ? route.owner === following.owner : true;
}

/** Whether a silence covers an organisation: its list names it, or it names none (the whole watch). */
export function silenceCovers(
  silence: { odsCodes: readonly string[]; endsAt: Date },
  odsCode: string,
  at: Date,
): boolean {
  return silence.endsAt > at && (silence.odsCodes.length === 0 || silence.odsCodes.includes(odsCode));
}
