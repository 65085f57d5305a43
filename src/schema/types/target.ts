import type { Prisma } from '../../db/generated/prisma/client.js';
import { toDbDate } from '../../db/dates.js';
import { EXPECTED_SIZE } from '../query-cost.js';
import { builder } from '../builder.js';
import { ComparatorEnum, OrganisationTypeEnum } from './enums.js';

export const TargetScopeRef = builder.prismaObject('TargetScope', {
  description: 'Whom a target applies to: one organisation, or every organisation of a type.',
  fields: (t) => ({
    organisation: t.relation('organisation', {
      nullable: true,
      description: 'The one organisation it applies to (NHS England for England as a whole).',
    }),
    organisationType: t.expose('organisationType', {
      type: OrganisationTypeEnum,
      nullable: true,
      description: 'The type of organisation it applies to, every one of them.',
    }),
  }),
});

export const TargetScopeConnection = builder.connectionObject(
  {
    type: TargetScopeRef,
    name: 'TargetScopeConnection',
    description: 'A page of the organisations or types a target applies to.',
  },
  { name: 'TargetScopeEdge', description: 'One item of the page and its cursor.' },
);

export const TargetRef = builder.prismaNode('Target', {
  description:
    'A threshold on a metric that a milestone sets, in force over a span of dates. A trajectory is several targets on one milestone and metric, in sequence (76% to March 2024, then 78%).',
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    metric: t.relation('metric', { description: 'The metric the threshold is on.' }),
    comparator: t.expose('comparator', {
      type: ComparatorEnum,
      description: 'Whether the value must be at least or at most the threshold.',
    }),
    value: t.exposeFloat('value', { description: "The threshold, in the metric's unit." }),
    step: t.exposeInt('step', { description: 'Position in its trajectory, from 1.' }),
    inForceFrom: t.expose('inForceFrom', {
      type: 'Date',
      nullable: true,
      description: "First day the target applies (the mandate's start, or the day after the previous step is due).",
    }),
    inForceTo: t.expose('inForceTo', {
      type: 'Date',
      nullable: true,
      description:
        'Last day the target applies; null while it stays in force (the last step of a trajectory, until a later mandate replaces it).',
    }),
    dueBy: t.expose('dueBy', { type: 'Date', nullable: true, description: 'When the threshold is due to be met.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: "Why the target has the dates or value it has, where the milestone's words do not say.",
    }),
    milestone: t.relation('milestone', { description: 'The milestone that sets it.' }),
    source: t.relation('source', { description: 'The document the threshold comes from.' }),
    appliesTo: t.relatedConnection(
      'scopes',
      {
        description: 'Whom it applies to: England (NHS England), every ICB, every trust, or named organisations.',
        extensions: { [EXPECTED_SIZE]: 3 },
        cursor: 'id',
        totalCount: true,
      },
      TargetScopeConnection,
    ),
  }),
});

export const TargetConnection = builder.connectionObject(
  { type: TargetRef, name: 'TargetConnection', description: 'A page of targets.' },
  { name: 'TargetEdge', description: 'One item of the page and its cursor.' },
);

const TargetFilterInput = builder.inputType('TargetFilter', {
  description: 'Narrows a list of targets. Every condition given must hold.',
  fields: (t) => ({
    metricCodes: t.stringList({ required: false, description: 'Only targets on these metrics.' }),
    mandateSlug: t.string({ required: false, description: "Only targets set by this mandate's milestones." }),
    inForceOn: t.field({ type: 'Date', required: false, description: 'Only targets in force on this date.' }),
  }),
});

function targetWhere(filter: typeof TargetFilterInput.$inferInput | null | undefined): Prisma.TargetWhereInput {
  if (!filter) return {};
  const day = toDbDate(filter.inForceOn);
  return {
    ...(filter.metricCodes ? { metric: { code: { in: filter.metricCodes } } } : {}),
    ...(filter.mandateSlug ? { milestone: { mandate: { slug: filter.mandateSlug } } } : {}),
    ...(day
      ? {
          AND: [
            { OR: [{ inForceFrom: null }, { inForceFrom: { lte: day } }] },
            { OR: [{ inForceTo: null }, { inForceTo: { gte: day } }] },
          ],
        }
      : {}),
  };
}

builder.queryFields((t) => ({
  targets: t.prismaConnection(
    {
      type: 'Target',
      description: 'Targets of every mandate, filtered; earliest in force first.',
      cursor: 'id',
      args: { filter: t.arg({ type: TargetFilterInput, required: false, description: 'Which targets to list.' }) },
      totalCount: (_parent, args, context) => context.db.prisma.target.count({ where: targetWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.db.prisma.target.findMany({
          ...query,
          where: targetWhere(args.filter),
          orderBy: [{ inForceFrom: 'asc' }, { id: 'asc' }],
        }),
    },
    TargetConnection,
  ),
}));
