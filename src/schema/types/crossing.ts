import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import type { Crossing } from '../../db/generated/prisma/client.js';
import type { CrossingSelection } from '../../domain/crossing-filter.js';
import { builder } from '../builder.js';
import { TargetStateEnum } from './enums.js';
import { eventScopeFields, normaliseOdsCodes } from './event-scope.js';
import { milestoneIdFrom } from './milestone.js';

export const CrossingDirectionEnum = builder.enumType('CrossingDirection', {
  description: 'Which way a series crossed its threshold.',
  values: {
    BREACHED: { description: 'It now misses the threshold (or its first judged period missed it).' },
    RECOVERED: { description: 'It now meets the threshold again.' },
  } as const,
});

export const CrossingRef = builder.prismaNode('Crossing', {
  description:
    "The event that an organisation's latest state against a target changed. Crossings form an append-only log; a crossing's cursor is its place in it.",
  id: { field: 'sequence' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    cursor: t.string({
      description: 'Its place in the log: pass it as `after` to resume from here.',
      resolve: (crossing) => crossing.sequence.toString(),
    }),
    direction: t.expose('direction', { type: CrossingDirectionEnum, description: 'BREACHED or RECOVERED.' }),
    previousState: t.expose('previousState', {
      type: TargetStateEnum,
      description: 'The state before (MEETING for a series seen for the first time).',
    }),
    organisation: t.relation('organisation', { description: 'Whose value crossed.' }),
    metric: t.relation('metric', { description: 'On which metric.' }),
    target: t.relation('target', { description: 'The trajectory step in force for the period.' }),
    milestone: t.relation('milestone', { nullable: true, description: 'The milestone that set the target.' }),
    period: t.exposeString('period', { description: 'The period whose value crossed ("2025-03").' }),
    value: t.exposeFloat('value', { description: 'The value that crossed.' }),
    threshold: t.exposeFloat('threshold', { description: 'The threshold it crossed.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the write that caused it committed.' }),
  }),
});

export const CrossingConnection = builder.connectionObject(
  { type: CrossingRef, name: 'CrossingConnection', description: 'A page of the crossing log, oldest first.' },
  { name: 'CrossingEdge', description: 'One crossing and its cursor.' },
);

export const CrossingFilterInput = builder.inputType('CrossingFilter', {
  description: "Which crossings to receive. Every list given must contain the crossing's value.",
  fields: (t) => ({
    ...eventScopeFields(t, 'Only organisations of these types (default: ICB, what operations rooms watch).'),
    milestoneIds: t.globalIDList({
      required: false,
      description: "Only crossings of targets these milestones set (milestones' global IDs).",
    }),
    directions: t.field({
      type: [CrossingDirectionEnum],
      required: false,
      description: 'Only BREACHED, or only RECOVERED.',
    }),
  }),
});

type CrossingFilter = typeof CrossingFilterInput.$inferInput;

/** The filter as the services take it: milestone IDs decoded. */
export function crossingSelection(filter: CrossingFilter | null | undefined): CrossingSelection {
  const milestoneIds = filter?.milestoneIds?.map((id) => milestoneIdFrom(id, 'milestoneIds'));
  return {
    odsCodes: normaliseOdsCodes(filter?.odsCodes),
    organisationTypes: filter?.organisationTypes ?? null,
    regionOdsCodes: normaliseOdsCodes(filter?.regionOdsCodes),
    ambulanceServices: filter?.ambulanceServices ?? null,
    metricCodes: filter?.metricCodes ?? null,
    milestoneIds: milestoneIds ?? null,
    directions: filter?.directions ?? null,
  };
}

builder.queryFields((t) => ({
  crossings: t.connection(
    {
      type: CrossingRef,
      description:
        "The crossing log, oldest first, filtered (ICBs unless the filter names other types). `after` takes a crossing's `cursor`; a malformed or unknown cursor is an INVALID_CURSOR error.",
      args: { filter: t.arg({ type: CrossingFilterInput, required: false, description: 'Which crossings to list.' }) },
      resolve: async (_root, args, context, info) => {
        const selection = crossingSelection(args.filter);
        const { crossings } = context.services;
        await crossings.cursor(args.after);
        const query = queryFromInfo({ context, info, path: ['edges', 'node'], typeName: 'Crossing' });
        const connection = await resolveCursorConnection<Promise<Crossing[]>>(
          { args, toCursor: (crossing) => crossing.sequence.toString() },
          (page) => crossings.page(selection, page, query),
        );
        return { ...connection, totalCount: () => crossings.count(selection) };
      },
    },
    CrossingConnection,
  ),
}));

builder.subscriptionType({
  description:
    'Live events, over WebSocket (graphql-ws) or server-sent events. They need an ops, partner or admin key.',
  authScopes: { subscribe: true },
});

builder.subscriptionFields((t) => ({
  thresholdCrossed: t.prismaField({
    type: CrossingRef,
    description:
      'Crossings as they happen, filtered (ICBs unless the filter names other types). With `after` (the cursor of the last crossing seen), first every logged crossing after it that matches, then live, with no gap and no duplicate. A malformed or unknown cursor is an INVALID_CURSOR error; a subscriber that falls too far behind is ended with SUBSCRIBER_TOO_SLOW and resumes from its cursor.',
    args: {
      filter: t.arg({ type: CrossingFilterInput, required: false, description: 'Which crossings to receive.' }),
      after: t.arg.string({
        required: false,
        description: 'The cursor of the last crossing received: resume after it.',
      }),
    },
    subscribe: (_root, args, context) => context.services.crossings.stream(crossingSelection(args.filter), args.after),
    resolve: (query, sequence: bigint, _args, context) => context.services.crossings.load(sequence, query),
  }),
}));
