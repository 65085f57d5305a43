/**
 * A key's routing policy, as Prometheus Alertmanager's configuration has it: a tree of routes that
 * match events on their labels and name receivers, each grouping what it takes; inhibition rules
 * that hold events back while a related one stands; and named time intervals (Europe/London) when
 * a route's messages wait. Pure: values in, values out.
 */

/** A label matcher: equal, not equal, matches or does not match a regular expression (anchored, as Alertmanager's). */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** One route; a setting left null is its parent's. */
export interface Route {
  /** The receivers (by name) this route's events go to. */
  receivers: string[];
  /** Every matcher must hold (none: every event). */
  matchers: Matcher[];
  /** After this route matches, try its later siblings too. */
  continue: boolean;
  groupBy: string[] | null;
  groupWaitMs: number | null;
  groupIntervalMs: number | null;
  repeatIntervalMs: number | null;
  sendResolved: boolean | null;
  /** Names of time intervals during which this route's messages wait. */
  muteTimeIntervals: string[];
  /** Liquid templates of a message's title (a card's heading, an email's subject) and its opening text; null: the parent's, or the receiver kind's own. */
  titleTemplate: string | null;
  textTemplate: string | null;
  routes: Route[];
}

/** A route that matches every event and sets nothing, with the given settings over it. */
export function routeWith(settings: Partial<Route>): Route {
  return {
    receivers: [],
    matchers: [],
    continue: false,
    groupBy: null,
    groupWaitMs: null,
    groupIntervalMs: null,
    repeatIntervalMs: null,
    sendResolved: null,
    muteTimeIntervals: [],
    titleTemplate: null,
    textTemplate: null,
    routes: [],
    ...settings,
  };
}

export interface InhibitRule {
  /** The events that inhibit (England missing its target, say). */
  sourceMatchers: Matcher[];
  /** The events held back while a source stands (the ICBs on the same metric). */
  targetMatchers: Matcher[];
  /** Labels whose values the two must share (metric, period). */
  equal: string[];
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface TimeInterval {
  name: string;
  /** Days it covers (none: every day). */
  weekdays: Weekday[];
  /** Times of day it covers, "HH:MM" to "HH:MM" in Europe/London (none: all day). */
  times: { start: string; end: string }[];
}

export interface RoutingPolicy {
  route: Route;
  inhibitRules: InhibitRule[];
  timeIntervals: TimeInterval[];
}

/** The settings of a route as an event finds it, its parents' filled in. */
export interface MatchedRoute {
  /** Where it is in the tree ("0", "0.1"): part of its groups' keys. */
  path: string;
  receivers: string[];
  groupBy: string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  sendResolved: boolean;
  muteTimeIntervals: string[];
  titleTemplate: string | null;
  textTemplate: string | null;
}

/** Defaults that suit monthly data: a file's events gather for 30 s; a group speaks at most every 5 minutes, and repeats daily. */
export const ROUTE_DEFAULTS = {
  groupBy: ['watch'],
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 24 * 60 * 60_000,
  sendResolved: true,
} as const;

export type Labels = Readonly<Record<string, string>>;

const anchored = new Map<string, RegExp>();
function regexOf(pattern: string): RegExp {
  let compiled = anchored.get(pattern);
  if (!compiled) {
    compiled = new RegExp(`^(?:${pattern})$`);
    anchored.set(pattern, compiled);
  }
  return compiled;
}

/** Why a matcher's regular expression will not compile, or null. */
export function matcherProblem(matcher: Matcher): string | null {
  if (matcher.op !== '=~' && matcher.op !== '!~') return null;
  try {
    regexOf(matcher.value);
    return null;
  } catch (error) {
    return `"${matcher.value}" is not a regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function matches(matcher: Matcher, labels: Labels): boolean {
  const value = labels[matcher.label] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return regexOf(matcher.value).test(value);
    case '!~':
      return !regexOf(matcher.value).test(value);
  }
}

const allMatch = (matchers: readonly Matcher[], labels: Labels) =>
  matchers.every((matcher) => matches(matcher, labels));

/**
 * The routes an event takes (a setting no route gives is the server's default), as Alertmanager walks its tree: from the root (which takes every
 * event), into the first child that matches, and on to its later siblings only while the matching
 * child says `continue`; a route whose children all pass the event by takes it itself.
 */
export function matchRoutes(
  root: Route,
  labels: Labels,
  defaults: Omit<MatchedRoute, 'path' | 'receivers' | 'muteTimeIntervals' | 'titleTemplate' | 'textTemplate'> = {
    ...ROUTE_DEFAULTS,
    groupBy: [...ROUTE_DEFAULTS.groupBy],
  },
): MatchedRoute[] {
  const resolved = (route: Route, parent: MatchedRoute | null, path: string): MatchedRoute => ({
    path,
    receivers: route.receivers,
    groupBy: route.groupBy ?? parent?.groupBy ?? defaults.groupBy,
    groupWaitMs: route.groupWaitMs ?? parent?.groupWaitMs ?? defaults.groupWaitMs,
    groupIntervalMs: route.groupIntervalMs ?? parent?.groupIntervalMs ?? defaults.groupIntervalMs,
    repeatIntervalMs: route.repeatIntervalMs ?? parent?.repeatIntervalMs ?? defaults.repeatIntervalMs,
    sendResolved: route.sendResolved ?? parent?.sendResolved ?? defaults.sendResolved,
    muteTimeIntervals: route.muteTimeIntervals.length > 0 ? route.muteTimeIntervals : (parent?.muteTimeIntervals ?? []),
    titleTemplate: route.titleTemplate ?? parent?.titleTemplate ?? null,
    textTemplate: route.textTemplate ?? parent?.textTemplate ?? null,
  });
  const walk = (route: Route, settings: MatchedRoute): MatchedRoute[] => {
    const taken: MatchedRoute[] = [];
    for (const [index, child] of route.routes.entries()) {
      if (!allMatch(child.matchers, labels)) continue;
      taken.push(...walk(child, resolved(child, settings, `${settings.path}.${index}`)));
      if (!child.continue) break;
    }
    return taken.length > 0 ? taken : [settings];
  };
  return walk(root, resolved(root, null, '0'));
}

/**
 * Whether the routes down to `path` ask for an event whose label has a value by name: a matcher on
 * that label which the value meets (PENDING watch events go only where a route asks for them).
 */
export function asksFor(root: Route, path: string, label: string, value: string): boolean {
  let route: Route | undefined = root;
  const along: Route[] = [root];
  for (const index of path.split('.').slice(1)) {
    route = route?.routes[Number(index)];
    if (route) along.push(route);
  }
  return along.some((step) =>
    step.matchers.some((matcher) => matcher.label === label && matches(matcher, { [label]: value })),
  );
}

/**
 * Whether an event is held back by a rule, given the events and series that stand (sources). As in
 * Alertmanager, an event that matches both sides of a rule is not held back by a source that
 * does too (so that nothing inhibits itself, nor its like).
 */
export function isInhibited(rules: readonly InhibitRule[], target: Labels, standing: readonly Labels[]): boolean {
  return rules.some((rule) => {
    if (!allMatch(rule.targetMatchers, target)) return false;
    const targetIsSource = allMatch(rule.sourceMatchers, target);
    return standing.some(
      (source) =>
        allMatch(rule.sourceMatchers, source) &&
        !(targetIsSource && allMatch(rule.targetMatchers, source)) &&
        rule.equal.every((label) => (source[label] ?? '') === (target[label] ?? '')),
    );
  });
}

export const WEEKDAYS: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The weekday and minute of the day an instant is in London (summer time included). */
export function londonTime(at: Date): { weekday: Weekday; minute: number } {
  const parts = Object.fromEntries(LONDON.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    weekday: parts.weekday!.toLowerCase() as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether an instant falls in a time interval (London time; an end at or before the start runs past midnight). */
export function inInterval(interval: TimeInterval, at: Date): boolean {
  const { weekday, minute } = londonTime(at);
  if (interval.weekdays.length > 0 && !interval.weekdays.includes(weekday)) return false;
  if (interval.times.length === 0) return true;
  return interval.times.some(({ start, end }) => {
    const [from, to] = [minuteOf(start), minuteOf(end)];
    return from < to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}

/**
 * The first instant from `at` at which none of the intervals holds, to the minute (searched a
 * week and a day ahead; an interval that never ends gives null: its messages wait for ever).
 */
export function firstUnmuted(intervals: readonly TimeInterval[], at: Date): Date | null {
  const muted = (instant: Date) => intervals.some((interval) => inInterval(interval, instant));
  if (!muted(at)) return at;
  const start = Math.ceil(at.getTime() / 60_000) * 60_000;
  for (let minute = 0; minute <= 8 * 24 * 60; minute += 1) {
    const instant = new Date(start + minute * 60_000);
    if (!muted(instant)) return instant;
  }
  return null;
}
