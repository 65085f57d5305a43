import { resolveCursorConnection } from '@pothos/plugin-relay';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { WatchEvent } from '../../db/generated/prisma/client.js';
import type { InputProblem } from '../../domain/errors.js';
import { conditionSchema, labelsSchema, selectionSchema } from '../../services/watch-definition.js';
import type { WatchInput } from '../../services/watches.js';
import { builder } from '../builder.js';
import { rowIdOf } from '../global-ids.js';
import { OrganisationTypeEnum } from './enums.js';
import { changePayload, InputErrorRef } from './input-error.js';
import { SpcOptionsInput, SpcRuleEnum } from './spc.js';

const WatchStateEnum = builder.enumType('WatchState', {
  description: "Where a watch's series stands, as alerting systems have it.",
  values: {
    INACTIVE: { description: 'The condition does not hold (or has not held since the series began).' },
    PENDING: { description: 'The condition holds, but not yet for `forPeriods` periods running.' },
    FIRING: { description: 'The condition has held for `forPeriods` periods running: the alert is on.' },
    RESOLVED: {
      description:
        'It fired, and the condition has since stopped holding (past the clearing margin, for longer than `keepFiringForPeriods`).',
    },
  } as const,
});

const WatchConditionKindEnum = builder.enumType('WatchConditionKind', {
  description: 'What a watch looks for in each period.',
  values: {
    TARGET: {
      description:
        'The value misses the target in force for the organisation and period (as thresholdCrossed judges it).',
    },
    THRESHOLD: { description: "The value is above, or below, a threshold of the watch's own." },
    SPC: {
      description:
        "The value is special-cause variation of concern (by the metric's polarity; either side on a metric with no better direction), by the rules chosen.",
    },
  } as const,
});

const WatchComparatorEnum = builder.enumType('WatchComparator', {
  description: 'Which side of its threshold a THRESHOLD watch fires on.',
  values: {
    ABOVE: { description: 'Fires while the value is above the threshold.' },
    BELOW: { description: 'Fires while the value is below the threshold.' },
  } as const,
});

const WatchEventKindEnum = builder.enumType('WatchEventKind', {
  description: 'What a watch event records.',
  values: {
    STATE_CHANGED: { description: 'A series moved from one state to another.' },
    ACKNOWLEDGED: { description: 'An operator acknowledged a firing series (see `actor` and `note`).' },
  } as const,
});

const WatchLabelRef = builder.objectRef<{ name: string; value: string }>('WatchLabel').implement({
  description: 'A label of a watch: returned on every event, for routing it (team, severity, channel).',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The label's name (letters, digits and underscores)." }),
    value: t.exposeString('value', { description: 'Its value.' }),
  }),
});

const labelList = (labels: unknown) =>
  Object.entries(labelsSchema.parse(labels)).map(([name, value]) => ({ name, value }));

const WatchSelectionRef = builder.objectRef<ReturnType<typeof selectionSchema.parse>>('WatchSelection').implement({
  description: 'Which organisations a watch covers; every list given must contain the organisation.',
  fields: (t) => ({
    odsCodes: t.exposeStringList('odsCodes', { nullable: true, description: 'Only these organisations.' }),
    organisationTypes: t.field({
      type: [OrganisationTypeEnum],
      nullable: true,
      description: 'Only organisations of these types.',
      resolve: (selection) => selection.organisationTypes as never,
    }),
    regionOdsCodes: t.exposeStringList('regionOdsCodes', {
      nullable: true,
      description: 'Only organisations within these regions.',
    }),
    ambulanceServices: t.exposeBoolean('ambulanceServices', {
      nullable: true,
      description: 'true: only ambulance services; false: only other organisations; null: either.',
    }),
  }),
});

const WatchConditionRef = builder.objectRef<ReturnType<typeof conditionSchema.parse>>('WatchCondition').implement({
  description: 'What a watch looks for in each period.',
  fields: (t) => ({
    kind: t.field({
      type: WatchConditionKindEnum,
      description: 'TARGET, THRESHOLD or SPC.',
      resolve: (condition) => condition.kind,
    }),
    comparator: t.field({
      type: WatchComparatorEnum,
      nullable: true,
      description: 'THRESHOLD: the side it fires on.',
      resolve: (condition) => (condition.kind === 'THRESHOLD' ? condition.comparator : null),
    }),
    threshold: t.float({
      nullable: true,
      description: "THRESHOLD: the threshold, in the metric's unit.",
      resolve: (condition) => (condition.kind === 'THRESHOLD' ? condition.value : null),
    }),
    clearingMargin: t.float({
      nullable: true,
      description: 'THRESHOLD: how far back past the threshold a value must be to count towards resolving.',
      resolve: (condition) => (condition.kind === 'THRESHOLD' ? condition.clearingMargin : null),
    }),
    spcRules: t.field({
      type: [SpcRuleEnum],
      nullable: true,
      description: 'SPC: the rules that count; null: all of them.',
      resolve: (condition) => (condition.kind === 'SPC' ? condition.rules : null),
    }),
    shiftPoints: t.int({
      nullable: true,
      description: 'SPC: the run length of a shift (null: 7).',
      resolve: (condition) => (condition.kind === 'SPC' ? (condition.options.shiftPoints ?? null) : null),
    }),
    trendPoints: t.int({
      nullable: true,
      description: 'SPC: the run length of a trend (null: 7).',
      resolve: (condition) => (condition.kind === 'SPC' ? (condition.options.trendPoints ?? null) : null),
    }),
    fixAfterPoints: t.int({
      nullable: true,
      description: "SPC: the baseline's length (null: every point).",
      resolve: (condition) => (condition.kind === 'SPC' ? (condition.options.fixAfterPoints ?? null) : null),
    }),
    rebaseAt: t.stringList({
      nullable: true,
      description: 'SPC: periods from which the limits are recalculated.',
      resolve: (condition) => (condition.kind === 'SPC' ? (condition.options.rebaseAt ?? null) : null),
    }),
  }),
});

const WatchAcknowledgementRef = builder
  .objectRef<{ by: string; at: Date; note: string | null }>('WatchAcknowledgement')
  .implement({
    description: 'Who acknowledged a firing series, when and why.',
    fields: (t) => ({
      by: t.exposeString('by', {
        description: 'The key ("key:<prefix>") or identity ("jwt:<subject>") that acknowledged it.',
      }),
      at: t.expose('at', { type: 'DateTime', description: 'When.' }),
      note: t.exposeString('note', { nullable: true, description: 'The note left with it.' }),
    }),
  });

const WatchSeriesRef = builder.prismaObject('WatchSeries', {
  description: "One organisation's series under a watch: its state, kept in the database and advanced by every write.",
  fields: (t) => ({
    organisation: t.relation('organisation', { description: 'Whose series.' }),
    state: t.expose('state', { type: WatchStateEnum, description: 'Where it stands.' }),
    since: t.exposeString('since', {
      nullable: true,
      description: 'The period its state began in; null while it has never left INACTIVE.',
    }),
    period: t.exposeString('period', { description: 'The latest period judged.' }),
    value: t.exposeFloat('value', { description: "The latest period's value." }),
    acknowledgement: t.field({
      type: WatchAcknowledgementRef,
      nullable: true,
      description: 'Who acknowledged the current firing; null when nobody has (or it is not firing).',
      resolve: (series) =>
        series.acknowledgedBy && series.acknowledgedAt
          ? { by: series.acknowledgedBy, at: series.acknowledgedAt, note: series.acknowledgementNote }
          : null,
    }),
  }),
});

const WatchSilenceRef = builder.prismaObject('WatchSilence', {
  description:
    "A silence: while it lasts, the watch's events (for the organisations it names, or all) are logged, marked silenced, and not pushed.",
  fields: (t) => ({
    silenceId: t.exposeInt('id', { description: 'Its number (what endSilence takes).' }),
    odsCodes: t.exposeStringList('odsCodes', {
      description: "The organisations it covers; empty: all of the watch's.",
    }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: 'When it ends (or ended).' }),
    reason: t.exposeString('reason', { description: 'Why.' }),
    createdBy: t.exposeString('createdBy', { description: 'Who set it ("key:<prefix>").' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was set.' }),
  }),
});

export const WatchRef = builder.prismaNode('Watch', {
  description:
    "An operations room's own rule: a metric, a selection of organisations and a condition, with pending (`forPeriods`) and hysteresis (`keepFiringForPeriods`, a clearing margin) as alerting systems have them. Owned by the key that made it; admins see every watch.",
  id: { field: 'id' },
  nullable: true,
  authScopes: { subscribe: true },
  // Another key's watch is as if it did not exist.
  findUnique: (id, context) => ({ id: Number(id), ...context.services.watches.visible }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    owner: t.exposeString('owner', {
      description: 'The key ("key:<prefix>") or identity ("jwt:<subject>") that owns it.',
    }),
    metric: t.relation('metric', { description: 'The metric watched.' }),
    selection: t.field({
      type: WatchSelectionRef,
      description: 'Which organisations it covers.',
      resolve: (watch) => selectionSchema.parse(watch.selection),
    }),
    condition: t.field({
      type: WatchConditionRef,
      description: 'What it looks for.',
      resolve: (watch) => conditionSchema.parse(watch.condition),
    }),
    forPeriods: t.exposeInt('forPeriods', {
      description: 'How many periods running the condition must hold before it fires.',
    }),
    keepFiringForPeriods: t.exposeInt('keepFiringForPeriods', {
      description: 'How many periods it keeps firing after the condition stops holding.',
    }),
    labels: t.field({
      type: [WatchLabelRef],
      description: 'Its labels, returned on every event.',
      resolve: (watch) => labelList(watch.labels),
    }),
    series: t.relation('series', {
      description: 'Its series with data, in ODS code order; `states` keeps only those in these states.',
      args: {
        states: t.arg({
          type: [WatchStateEnum],
          required: false,
          description: 'Only series in these states (FIRING, say).',
        }),
      },
      query: (args) => ({
        where: args.states ? { state: { in: args.states } } : {},
        orderBy: { organisation: { odsCode: 'asc' } },
      }),
    }),
    silences: t.relation('silences', {
      description: 'Its silences still in force, soonest to end first.',
      query: () => ({ where: { endsAt: { gt: new Date() } }, orderBy: { endsAt: 'asc' } }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When its definition last changed (its series were judged afresh then).',
    }),
  }),
});

export const WatchEventRef = builder.prismaNode('WatchEvent', {
  description:
    "A change in a watch's series (or an acknowledgement of one). Watch events form an append-only log; an event's cursor is its place in it.",
  id: { field: 'sequence' },
  nullable: true,
  authScopes: { subscribe: true },
  findUnique: (id, context) => ({ sequence: BigInt(id), watch: context.services.watches.visible }),
  fields: (t) => ({
    cursor: t.string({
      description: 'Its place in the log: pass it as `after` to resume from here.',
      resolve: (event) => event.sequence.toString(),
    }),
    kind: t.expose('kind', { type: WatchEventKindEnum, description: 'STATE_CHANGED or ACKNOWLEDGED.' }),
    watch: t.relation('watch', { description: 'The watch.' }),
    organisation: t.relation('organisation', { description: 'Whose series.' }),
    metric: t.relation('metric', { description: 'The metric watched.' }),
    milestone: t.relation('milestone', {
      nullable: true,
      description:
        'The mandate milestone whose target on the metric is in force for the organisation and period: what is at stake. Null where none applies.',
    }),
    fromState: t.expose('fromState', { type: WatchStateEnum, description: 'The state before.' }),
    toState: t.expose('toState', { type: WatchStateEnum, description: 'The state now.' }),
    period: t.exposeString('period', { description: 'The period the new state began in ("2025-03").' }),
    value: t.exposeFloat('value', { description: "That period's value." }),
    labels: t.field({
      type: [WatchLabelRef],
      description: "The watch's labels when the event was logged.",
      resolve: (event) => labelList(event.labels),
    }),
    silenced: t.exposeBoolean('silenced', { description: 'Whether a silence covered it: logged, not pushed.' }),
    actor: t.exposeString('actor', { nullable: true, description: 'ACKNOWLEDGED: who acknowledged.' }),
    note: t.exposeString('note', { nullable: true, description: 'ACKNOWLEDGED: the note left.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the write that caused it committed.' }),
  }),
});

const WatchEventConnection = builder.connectionObject(
  { type: WatchEventRef, name: 'WatchEventConnection', description: 'A page of the watch event log, oldest first.' },
  { name: 'WatchEventEdge', description: 'One watch event and its cursor.' },
);

const WatchSelectionInput = builder.inputType('WatchSelectionInput', {
  description:
    'Which organisations a watch covers. Every list given must contain the organisation; naming nothing (no ODS codes, types or ambulance services) covers the ICBs.',
  fields: (t) => ({
    odsCodes: t.stringList({ required: false, description: 'Only these organisations.' }),
    organisationTypes: t.field({
      type: [OrganisationTypeEnum],
      required: false,
      description: 'Only organisations of these types.',
    }),
    regionOdsCodes: t.stringList({ required: false, description: 'Only organisations within these regions.' }),
    ambulanceServices: t.boolean({
      required: false,
      description: 'true: only ambulance services; false: only other organisations.',
    }),
  }),
});

const WatchThresholdInput = builder.inputType('WatchThresholdInput', {
  description: "A threshold of the watch's own.",
  fields: (t) => ({
    comparator: t.field({
      type: WatchComparatorEnum,
      required: true,
      description: 'Fire while the value is ABOVE or BELOW it.',
    }),
    value: t.float({ required: true, description: "The threshold, in the metric's unit." }),
    clearingMargin: t.float({
      required: false,
      description:
        'Once firing, a value counts towards resolving only when this far back past the threshold (default 0): no flapping at the line.',
    }),
  }),
});

const WatchSpcInput = builder.inputType('WatchSpcInput', {
  description: 'Which special-cause signals count, and how the chart is drawn.',
  fields: (t) => ({
    rules: t.field({ type: [SpcRuleEnum], required: false, description: 'The rules that count (default: all four).' }),
    options: t.field({
      type: SpcOptionsInput,
      required: false,
      description: 'Run lengths, baseline and rebases (NHS defaults when left out).',
    }),
  }),
});

const WatchConditionInput = builder.inputType('WatchConditionInput', {
  description: 'What a watch looks for: its kind, with `threshold` for THRESHOLD and (optionally) `spc` for SPC.',
  fields: (t) => ({
    kind: t.field({ type: WatchConditionKindEnum, required: true, description: 'TARGET, THRESHOLD or SPC.' }),
    threshold: t.field({ type: WatchThresholdInput, required: false, description: 'THRESHOLD only: the threshold.' }),
    spc: t.field({ type: WatchSpcInput, required: false, description: 'SPC only: the rules and chart options.' }),
  }),
});

const WatchLabelInput = builder.inputType('WatchLabelInput', {
  description: 'A label, returned on every event of the watch.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Letters, digits and underscores, not starting with a digit (at most 63).',
    }),
    value: t.string({ required: true, description: 'At most 500 characters.' }),
  }),
});

const watchFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  name: t.string({ required, description: 'Its name (at most 200 characters).' }),
  metricCode: t.string({ required, description: 'The metric watched ("AE_4HR"): any metric.' }),
  selection: t.field({
    type: WatchSelectionInput,
    required: false,
    description: 'Which organisations (default: the ICBs).',
  }),
  condition: t.field({ type: WatchConditionInput, required, description: 'What it looks for.' }),
  forPeriods: t.int({
    required: false,
    description: 'Pending: how many periods running the condition must hold before it fires (1 to 24; default 1).',
  }),
  keepFiringForPeriods: t.int({
    required: false,
    description: 'How many periods it keeps firing once the condition stops holding (0 to 24; default 0).',
  }),
  labels: t.field({
    type: [WatchLabelInput],
    required: false,
    description: 'Labels returned on every event (at most 20).',
  }),
});

const CreateWatchInput = builder.inputType('CreateWatchInput', {
  description: 'A new watch.',
  fields: (t) => watchFields(t, true),
});

const UpdateWatchInput = builder.inputType('UpdateWatchInput', {
  description:
    'Changes to a watch: a field left out stays as it is. The series are judged afresh, quietly (no events for the history).',
  fields: (t) => watchFields(t, false),
});

const SilenceWatchInput = builder.inputType('SilenceWatchInput', {
  description: 'A silence on a watch.',
  fields: (t) => ({
    watchId: t.globalID({ required: true, description: 'The watch (its global ID).' }),
    odsCodes: t.stringList({ required: false, description: 'Only these of its organisations (default: all).' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: 'When it ends (at most 90 days ahead).' }),
    reason: t.string({ required: true, description: 'Why (1 to 500 characters): whoever looks next should know.' }),
  }),
});

const AcknowledgeWatchInput = builder.inputType('AcknowledgeWatchInput', {
  description: 'An acknowledgement of a firing series.',
  fields: (t) => ({
    watchId: t.globalID({ required: true, description: 'The watch (its global ID).' }),
    odsCode: t.string({ required: true, description: 'The organisation whose series fires.' }),
    note: t.string({ required: false, description: 'What is being done about it (at most 2,000 characters).' }),
  }),
});

const WatchPayload = changePayload<{ watch: unknown; errors: InputProblem[] }>(
  'WatchPayload',
  'watch',
  'watch',
  WatchRef,
);
const SilencePayload = changePayload<{ silence: unknown; errors: InputProblem[] }>(
  'WatchSilencePayload',
  'silence',
  'silence',
  WatchSilenceRef,
);
const AcknowledgePayload = changePayload<{ series: unknown; errors: InputProblem[] }>(
  'AcknowledgeWatchPayload',
  'series',
  'series',
  WatchSeriesRef,
);

const DeleteWatchPayload = builder
  .objectRef<{ deleted: boolean; errors: InputProblem[] }>('DeleteWatchPayload')
  .implement({
    description: 'Whether the watch was deleted.',
    fields: (t) => ({
      deleted: t.exposeBoolean('deleted', {
        description: 'True when it is gone, with its series, silences and events.',
      }),
      errors: t.field({
        type: [InputErrorRef],
        description: 'Why not, when it was not.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

type WatchInputArgs = Partial<typeof CreateWatchInput.$inferInput>;

/** The input as the service takes it. */
function watchInput(input: WatchInputArgs): Partial<WatchInput> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null));
}

const watchIdsOf = (ids: readonly { typename: string; id: string }[] | null | undefined) =>
  ids?.map((id) => rowIdOf(id, WatchRef.name) ?? -1) ?? null;

builder.queryFields((t) => ({
  watches: t.prismaField({
    type: [WatchRef],
    description:
      "The caller's watches, oldest first; an admin's: every watch, or one owner's. Needs an ops, partner or admin key.",
    authScopes: { subscribe: true },
    args: {
      owner: t.arg.string({ required: false, description: 'Admins only: the watches of this owner ("key:<prefix>").' }),
    },
    resolve: (query, _root, args, context) => context.services.watches.list(args.owner, query),
  }),
  watchEvents: t.connection(
    {
      type: WatchEventRef,
      description:
        "The watch event log, oldest first, silenced events included (marked): the caller's watches (an admin's: every watch) or those named. `after` takes an event's `cursor`; a malformed or unknown cursor is an INVALID_CURSOR error; another key's watch is a WATCH_OF_ANOTHER_KEY error.",
      authScopes: { subscribe: true },
      args: {
        watchIds: t.arg.globalIDList({ required: false, description: 'Only these watches (their global IDs).' }),
      },
      resolve: async (_root, args, context, info) => {
        const { watches } = context.services;
        const followed = await watches.events.following(watchIdsOf(args.watchIds));
        await watches.events.cursor(args.after);
        const query = queryFromInfo({ context, info, path: ['edges', 'node'], typeName: 'WatchEvent' });
        const connection = await resolveCursorConnection<Promise<WatchEvent[]>>(
          { args, toCursor: (event) => event.sequence.toString() },
          (page) => watches.events.page(followed, page, query),
        );
        return { ...connection, totalCount: () => watches.events.count(followed) };
      },
    },
    WatchEventConnection,
  ),
}));

builder.mutationFields((t) => ({
  createWatch: t.field({
    type: WatchPayload,
    description:
      "Makes a watch owned by the caller's key (ops, partner or admin). The history is judged at once: the watch starts from the states its series are in, with no events for the past. Refused, with nothing written: an unknown metric or organisation, a bad timing or label, an SPC watch on series too short for limits, more than the limits per key.",
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { input: t.arg({ type: CreateWatchInput, required: true, description: 'The watch.' }) },
    resolve: (_root, { input }, context) => context.services.watches.create(watchInput(input) as WatchInput),
  }),
  updateWatch: t.field({
    type: WatchPayload,
    description:
      'Changes a watch (its owner or an admin). Its series are judged afresh under the new definition, quietly.',
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: {
      id: t.arg.globalID({ required: true, description: 'The watch (its global ID).' }),
      input: t.arg({ type: UpdateWatchInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { id, input }, context) =>
      context.services.watches.update(rowIdOf(id, WatchRef.name), watchInput(input)),
  }),
  deleteWatch: t.field({
    type: DeleteWatchPayload,
    description:
      'Deletes a watch (its owner or an admin), with its series, silences and events. Subscribers to it receive nothing more.',
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true, description: 'The watch (its global ID).' }) },
    resolve: (_root, { id }, context) => context.services.watches.delete(rowIdOf(id, WatchRef.name)),
  }),
  silenceWatch: t.field({
    type: SilencePayload,
    description:
      'Silences a watch, or some of its organisations, until a time (its owner or an admin; audited): events are still logged, marked silenced, and not pushed.',
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { input: t.arg({ type: SilenceWatchInput, required: true, description: 'The silence.' }) },
    resolve: (_root, { input }, context) =>
      context.services.watches.silence({
        watchId: rowIdOf(input.watchId, WatchRef.name),
        odsCodes: input.odsCodes ?? null,
        endsAt: input.endsAt,
        reason: input.reason,
      }),
  }),
  endSilence: t.field({
    type: SilencePayload,
    description: "Ends a silence now (the watch's owner or an admin; audited).",
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { silenceId: t.arg.int({ required: true, description: "The silence's number (`silenceId`)." }) },
    resolve: (_root, { silenceId }, context) => context.services.watches.endSilence(silenceId),
  }),
  acknowledgeWatch: t.field({
    type: AcknowledgePayload,
    description:
      "Acknowledges a firing series (the watch's owner or an admin; audited): kept on the series until it stops firing, and logged as an ACKNOWLEDGED event, so that everyone following the watch sees who did and when.",
    // Ops keys make watches too, where other writes need a partner or admin key.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { input: t.arg({ type: AcknowledgeWatchInput, required: true, description: 'The acknowledgement.' }) },
    resolve: (_root, { input }, context) =>
      context.services.watches.acknowledge({
        watchId: rowIdOf(input.watchId, WatchRef.name),
        odsCode: input.odsCode,
        note: input.note ?? null,
      }),
  }),
}));

builder.subscriptionFields((t) => ({
  watchEvents: t.prismaField({
    type: WatchEventRef,
    description:
      "Events of the caller's watches (or those named) as they happen, silenced ones left out. With `after` (the cursor of the last event seen), first every logged event after it, then live, with no gap and no duplicate, on every instance. A malformed or unknown cursor is an INVALID_CURSOR error; another key's watch, WATCH_OF_ANOTHER_KEY; a subscriber that falls too far behind is ended with SUBSCRIBER_TOO_SLOW and resumes from its cursor.",
    args: {
      watchIds: t.arg.globalIDList({
        required: false,
        description:
          'Only these watches (their global IDs; at most 100); default: every watch the caller owns, those it makes later included.',
      }),
      after: t.arg.string({ required: false, description: 'The cursor of the last event received: resume after it.' }),
    },
    subscribe: (_root, args, context) => context.services.watches.events.stream(watchIdsOf(args.watchIds), args.after),
    resolve: (query, sequence: bigint, _args, context) => context.services.watches.events.load(sequence, query),
  }),
}));
