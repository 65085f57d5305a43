import type { InputProblem } from '../../domain/errors.js';
import type { InhibitRule, Matcher, Route, RoutingPolicy, TimeInterval } from '../../domain/routing.js';
import { builder } from '../builder.js';
import { InputErrorRef } from './input-error.js';

/** Seconds as partners write them; milliseconds as the notifier keeps them. */
const toMs = (seconds: number | null | undefined) => (seconds == null ? null : seconds * 1000);
const toSeconds = (ms: number | null) => (ms === null ? null : ms / 1000);

const MatcherOpEnum = builder.enumType('MatcherOp', {
  description: "How a matcher compares a label's value, as Alertmanager's matchers do.",
  values: {
    EQUAL: { value: '=', description: 'Equal to the value.' },
    NOT_EQUAL: { value: '!=', description: 'Not equal to the value.' },
    REGEX: { value: '=~', description: 'Matches the regular expression, whole (anchored).' },
    NOT_REGEX: { value: '!~', description: 'Does not match the regular expression.' },
  } as const,
});

const MatcherRef = builder.objectRef<Matcher>('Matcher').implement({
  description:
    'A condition on one label. The labels: kind (watch, crossing, publication), state (FIRING, RESOLVED, PENDING, ACKNOWLEDGED; MEETING, NOT_MEETING for crossings; IMPORTED, REFUSED, OVERDUE for publication news), direction (BREACHED, RECOVERED), metric, milestone, organisationType, odsCode, region, period, watch (its number), publication (its key, "nhse-ae-monthly"), and a watch’s own labels.',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The label.' }),
    op: t.field({ type: MatcherOpEnum, description: 'How it compares.', resolve: (matcher) => matcher.op }),
    value: t.exposeString('value', { description: 'The value or regular expression.' }),
  }),
});

const MatcherInput = builder.inputType('MatcherInput', {
  description: 'A condition on one label (see `Matcher`).',
  fields: (t) => ({
    label: t.string({ required: true, description: 'The label.' }),
    op: t.field({ type: MatcherOpEnum, required: true, description: 'How it compares.' }),
    value: t.string({ required: true, description: 'The value or regular expression.' }),
  }),
});

const RouteRef = builder.objectRef<Route>('Route');
RouteRef.implement({
  description:
    'One route of a routing tree, as Alertmanager has it: the events it matches go to its receivers, grouped; a setting left null is its parent’s.',
  fields: (t) => ({
    receivers: t.exposeStringList('receivers', { description: 'Receivers, by name.' }),
    matchers: t.field({ type: [MatcherRef], description: 'All must hold.', resolve: (route) => route.matchers }),
    continue: t.exposeBoolean('continue', { description: 'After matching, try its later siblings too.' }),
    groupBy: t.exposeStringList('groupBy', { nullable: true, description: 'The labels its groups are keyed by.' }),
    groupWait: t.int({
      nullable: true,
      description: 'Seconds a new group waits for more events.',
      resolve: (route) => toSeconds(route.groupWaitMs),
    }),
    groupInterval: t.int({
      nullable: true,
      description: 'Seconds between a group’s messages.',
      resolve: (route) => toSeconds(route.groupIntervalMs),
    }),
    repeatInterval: t.int({
      nullable: true,
      description: 'Seconds before a group says again what still stands.',
      resolve: (route) => toSeconds(route.repeatIntervalMs),
    }),
    sendResolved: t.exposeBoolean('sendResolved', { nullable: true, description: 'Whether RESOLVED events are sent.' }),
    muteTimeIntervals: t.exposeStringList('muteTimeIntervals', {
      description: 'Time intervals (by name) when its messages wait.',
    }),
    titleTemplate: t.exposeString('titleTemplate', {
      nullable: true,
      description: 'Its Liquid template of a message’s title (a Teams card’s heading, an email’s subject).',
    }),
    textTemplate: t.exposeString('textTemplate', {
      nullable: true,
      description: 'Its Liquid template of a message’s opening text, above the list of events.',
    }),
    routes: t.field({
      type: [RouteRef],
      description: 'Its child routes, tried in order.',
      resolve: (route) => route.routes,
    }),
  }),
});

interface RouteInputShape {
  receivers?: string[] | null;
  matchers?: { label: string; op: Matcher['op']; value: string }[] | null;
  continue?: boolean | null;
  groupBy?: string[] | null;
  groupWait?: number | null;
  groupInterval?: number | null;
  repeatInterval?: number | null;
  sendResolved?: boolean | null;
  muteTimeIntervals?: string[] | null;
  titleTemplate?: string | null;
  textTemplate?: string | null;
  routes?: RouteInputShape[] | null;
}

const RouteInput = builder.inputRef<RouteInputShape>('RouteInput').implement({
  description: 'One route (see `Route`); durations in seconds.',
  fields: (t) => ({
    receivers: t.stringList({ required: false, description: 'Receivers, by name (of the key’s own).' }),
    matchers: t.field({ type: [MatcherInput], required: false, description: 'All must hold.' }),
    continue: t.boolean({
      required: false,
      description: 'After matching, try its later siblings too (default false).',
    }),
    groupBy: t.stringList({
      required: false,
      description: 'The labels its groups are keyed by (default: its parent’s; at the top, watch).',
    }),
    groupWait: t.int({ required: false, description: 'Seconds a new group waits for more events (default 30).' }),
    groupInterval: t.int({ required: false, description: 'Seconds between a group’s messages (default 300).' }),
    repeatInterval: t.int({
      required: false,
      description: 'Seconds before a group says again what still stands (default 86,400).',
    }),
    sendResolved: t.boolean({ required: false, description: 'Whether RESOLVED events are sent (default true).' }),
    muteTimeIntervals: t.stringList({
      required: false,
      description: 'Time intervals (by name) when its messages wait.',
    }),
    titleTemplate: t.string({
      required: false,
      description:
        'A Liquid template of the title of its Teams cards and emails (default: its parent’s, or a headline such as `Watch "ICBs under 78%": 5 firing`). The fields it may read are listed in docs/api.md; values are escaped for each medium.',
    }),
    textTemplate: t.string({
      required: false,
      description:
        'A Liquid template of the opening text of its Teams cards and emails, above the list of events (which every message keeps).',
    }),
    routes: t.field({ type: [RouteInput], required: false, description: 'Child routes, tried in order.' }),
  }),
});

const routeOf = (input: RouteInputShape): Route => ({
  receivers: input.receivers ?? [],
  matchers: input.matchers ?? [],
  continue: input.continue ?? false,
  groupBy: input.groupBy ?? null,
  groupWaitMs: toMs(input.groupWait),
  groupIntervalMs: toMs(input.groupInterval),
  repeatIntervalMs: toMs(input.repeatInterval),
  sendResolved: input.sendResolved ?? null,
  muteTimeIntervals: input.muteTimeIntervals ?? [],
  titleTemplate: input.titleTemplate ?? null,
  textTemplate: input.textTemplate ?? null,
  routes: (input.routes ?? []).map(routeOf),
});

const InhibitRuleRef = builder.objectRef<InhibitRule>('InhibitRule').implement({
  description:
    'Events matching the target matchers are held back while one matching the source matchers stands, the `equal` labels alike.',
  fields: (t) => ({
    sourceMatchers: t.field({
      type: [MatcherRef],
      description: 'What inhibits.',
      resolve: (rule) => rule.sourceMatchers,
    }),
    targetMatchers: t.field({
      type: [MatcherRef],
      description: 'What is held back.',
      resolve: (rule) => rule.targetMatchers,
    }),
    equal: t.exposeStringList('equal', { description: 'Labels the two must share (metric, period).' }),
  }),
});

const InhibitRuleInput = builder.inputType('InhibitRuleInput', {
  description: 'An inhibition rule (see `InhibitRule`).',
  fields: (t) => ({
    sourceMatchers: t.field({ type: [MatcherInput], required: true, description: 'What inhibits.' }),
    targetMatchers: t.field({ type: [MatcherInput], required: true, description: 'What is held back.' }),
    equal: t.stringList({ required: false, description: 'Labels the two must share.' }),
  }),
});

const TimeRangeRef = builder.objectRef<{ start: string; end: string }>('TimeRange').implement({
  description: 'A time of day range in Europe/London, "HH:MM" to "HH:MM" (an end before the start runs past midnight).',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'From.' }),
    end: t.exposeString('end', { description: 'To (not included).' }),
  }),
});

const TimeRangeInput = builder.inputType('TimeRangeInput', {
  description: 'A time of day range in Europe/London.',
  fields: (t) => ({
    start: t.string({ required: true, description: '"HH:MM".' }),
    end: t.string({ required: true, description: '"HH:MM".' }),
  }),
});

const TimeIntervalRef = builder.objectRef<TimeInterval>('TimeInterval').implement({
  description: 'Named times (Europe/London), as Alertmanager’s time_intervals: days of the week and times of day.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, as routes give it.' }),
    weekdays: t.exposeStringList('weekdays', { description: 'monday … sunday; empty: every day.' }),
    times: t.field({
      type: [TimeRangeRef],
      description: 'Times of day; empty: all day.',
      resolve: (interval) => interval.times,
    }),
  }),
});

const TimeIntervalInput = builder.inputType('TimeIntervalInput', {
  description: 'Named times (see `TimeInterval`).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name.' }),
    weekdays: t.stringList({ required: false, description: 'monday … sunday; none: every day.' }),
    times: t.field({ type: [TimeRangeInput], required: false, description: 'Times of day; none: all day.' }),
  }),
});

const RoutingPolicyRef = builder.objectRef<RoutingPolicy>('RoutingPolicy').implement({
  description: "A key's routing of its notifications: a route tree, inhibition rules and time intervals.",
  fields: (t) => ({
    route: t.field({
      type: RouteRef,
      description: 'The root route: it takes every event its children pass by.',
      resolve: (policy) => policy.route,
    }),
    inhibitRules: t.field({
      type: [InhibitRuleRef],
      description: 'Inhibition rules.',
      resolve: (policy) => policy.inhibitRules,
    }),
    timeIntervals: t.field({
      type: [TimeIntervalRef],
      description: 'Named times.',
      resolve: (policy) => policy.timeIntervals,
    }),
  }),
});

const RoutingPolicyInput = builder.inputType('RoutingPolicyInput', {
  description: 'A routing policy (see `RoutingPolicy`).',
  fields: (t) => ({
    route: t.field({ type: RouteInput, required: true, description: 'The root route.' }),
    inhibitRules: t.field({ type: [InhibitRuleInput], required: false, description: 'Inhibition rules.' }),
    timeIntervals: t.field({ type: [TimeIntervalInput], required: false, description: 'Named times.' }),
  }),
});

const RoutingPolicyPayload = builder
  .objectRef<{ policy: RoutingPolicy | null; errors: InputProblem[] }>('RoutingPolicyPayload')
  .implement({
    description: 'What setRoutingPolicy did. A non-empty `errors` means nothing changed.',
    fields: (t) => ({
      policy: t.field({
        type: RoutingPolicyRef,
        nullable: true,
        description: 'The policy now in force; null when refused.',
        resolve: (p) => p.policy,
      }),
      errors: t.field({
        type: [InputErrorRef],
        description:
          'Every problem (INVALID_POLICY, UNKNOWN_RECEIVER, UNKNOWN_TIME_INTERVAL, INVALID_MATCHER, INVALID_INTERVALS, DUPLICATE_NAME, TOO_MANY_ROUTES).',
        resolve: (p) => p.errors,
      }),
    }),
  });

builder.queryFields((t) => ({
  routingPolicy: t.field({
    type: RoutingPolicyRef,
    nullable: true,
    description:
      "The caller's routing policy; null when it has the default (its watches' FIRING and RESOLVED events on all its receivers, one group per watch). Admins may name another key's owner.",
    authScopes: { subscribe: true },
    args: { owner: t.arg.string({ required: false, description: 'Admins only: this owner’s ("key:<prefix>").' }) },
    resolve: (_root, args, context) => context.services.routingPolicy.get(args.owner),
  }),
}));

builder.mutationFields((t) => ({
  setRoutingPolicy: t.field({
    type: RoutingPolicyPayload,
    description:
      "Sets the caller's routing policy (an admin: any owner's), in place of the default; audited. Refused whole, nothing changed: a receiver the key lacks, an unknown time interval, a regular expression that does not compile, a repeatInterval shorter than its groupInterval.",
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: {
      input: t.arg({ type: RoutingPolicyInput, required: true, description: 'The policy.' }),
      owner: t.arg.string({ required: false, description: 'Admins only: whose.' }),
    },
    resolve: (_root, { input, owner }, context) =>
      context.services.routingPolicy.set(
        {
          route: routeOf(input.route),
          inhibitRules: (input.inhibitRules ?? []).map((rule) => ({ ...rule, equal: rule.equal ?? [] })),
          timeIntervals: (input.timeIntervals ?? []).map((interval) => ({
            name: interval.name,
            weekdays: interval.weekdays ?? [],
            times: interval.times ?? [],
          })),
        },
        owner,
      ),
  }),
  clearRoutingPolicy: t.boolean({
    description:
      "Goes back to the default routing (the caller's; an admin: any owner's); audited. True when there was a policy.",
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { owner: t.arg.string({ required: false, description: 'Admins only: whose.' }) },
    resolve: (_root, { owner }, context) => context.services.routingPolicy.clear(owner),
  }),
}));
