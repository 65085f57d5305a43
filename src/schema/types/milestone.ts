import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import type { Prisma } from '../../db/generated/prisma/client.js';
import { toDbDate } from '../../db/dates.js';
import { TargetConnection } from './target.js';
import { EXPECTED_SIZE } from '../query-cost.js';
import { builder } from '../builder.js';

export const MilestoneFilterInput = builder.inputType('MilestoneFilter', {
  description: 'Narrows a list of milestones. Every condition given must hold.',
  fields: (t) => ({
    mandateSlug: t.string({ required: false, description: 'Only milestones of this mandate ("2023").' }),
    dueFrom: t.field({ type: 'Date', required: false, description: 'Only milestones due on or after this date.' }),
    dueTo: t.field({ type: 'Date', required: false, description: 'Only milestones due on or before this date.' }),
    metricCodes: t.stringList({
      required: false,
      description: 'Only milestones that set a target on one of these metrics.',
    }),
    search: t.string({
      required: false,
      description: 'Only milestones whose words contain this text (case-insensitive).',
      validate: z.string().max(200),
    }),
    topLevelOnly: t.boolean({ required: false, description: 'Only milestones not nested under another milestone.' }),
    outsidePriorities: t.boolean({
      required: false,
      description:
        'True: only milestones outside every priority (wider ambitions, financial tests); false: only those under a priority.',
    }),
  }),
});

type MilestoneFilter = typeof MilestoneFilterInput.$inferInput;

export function milestoneWhere(filter: MilestoneFilter | null | undefined): Prisma.MilestoneWhereInput {
  if (!filter) return {};
  return {
    ...(filter.mandateSlug ? { mandate: { slug: filter.mandateSlug } } : {}),
    ...(filter.dueFrom || filter.dueTo
      ? {
          dueBy: {
            ...(filter.dueFrom ? { gte: toDbDate(filter.dueFrom) } : {}),
            ...(filter.dueTo ? { lte: toDbDate(filter.dueTo) } : {}),
          },
        }
      : {}),
    ...(filter.metricCodes ? { targets: { some: { metric: { code: { in: filter.metricCodes } } } } } : {}),
    ...(filter.search ? { title: { contains: filter.search, mode: 'insensitive' as const } } : {}),
    ...(filter.topLevelOnly ? { parentId: null } : {}),
    ...(filter.outsidePriorities === true ? { priorityId: null } : {}),
    ...(filter.outsidePriorities === false ? { priorityId: { not: null } } : {}),
  };
}

export const MilestoneRef = builder.prismaNode('Milestone', {
  description: "A commitment under a mandate, in the mandate's own words, usually with a due date. Milestones nest.",
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key, e.g. "2023/p1/uec-recovery/four-hour-and-category-2".' }),
    title: t.exposeString('title', { description: "The commitment in the mandate's words." }),
    dueBy: t.expose('dueBy', { type: 'Date', nullable: true, description: 'When it is due, where the mandate says.' }),
    ordinal: t.exposeInt('ordinal', { description: 'Position among its siblings, in document order, from 1.' }),
    section: t.exposeString('section', {
      nullable: true,
      description: 'For a milestone outside every priority: the heading it stands under ("Financial tests").',
    }),
    mandate: t.relation('mandate', { description: 'The mandate it belongs to.' }),
    priority: t.relation('priority', {
      nullable: true,
      description: 'The priority it serves; null for wider ambitions and financial tests.',
    }),
    parent: t.relation('parent', { nullable: true, description: 'The milestone it is nested under, if any.' }),
    source: t.relation('source', { description: 'The document its words are taken from.' }),
    targets: t.relatedConnection(
      'targets',
      {
        description: 'The numeric targets it sets, trajectory steps in order.',
        extensions: { [EXPECTED_SIZE]: 3 },
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: [{ metricId: 'asc' }, { step: 'asc' }] }),
      },
      TargetConnection,
    ),
  }),
});

export const MilestoneConnection = builder.connectionObject(
  { type: MilestoneRef, name: 'MilestoneConnection', description: 'A page of milestones.' },
  { name: 'MilestoneEdge', description: 'One item of the page and its cursor.' },
);

// Added after the connection type exists: a milestone's children are milestones.
builder.prismaObjectFields(MilestoneRef, (t) => ({
  milestones: t.relatedConnection(
    'children',
    {
      description: 'The milestones nested under this one, in document order.',
      extensions: { [EXPECTED_SIZE]: 6 },
      cursor: 'id',
      totalCount: true,
      query: () => ({ orderBy: { ordinal: 'asc' } }),
    },
    MilestoneConnection,
  ),
}));

builder.queryFields((t) => ({
  milestones: t.prismaConnection(
    {
      type: 'Milestone',
      description: 'Milestones of every mandate, filtered; ordered by mandate and document order.',
      cursor: 'id',
      args: {
        filter: t.arg({ type: MilestoneFilterInput, required: false, description: 'Which milestones to list.' }),
      },
      totalCount: (_parent, args, context) => context.db.prisma.milestone.count({ where: milestoneWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.db.prisma.milestone.findMany({
          ...query,
          where: milestoneWhere(args.filter),
          orderBy: [{ mandateId: 'asc' }, { id: 'asc' }],
        }),
    },
    MilestoneConnection,
  ),
}));

/** A milestone's row id from a global ID argument; another type's ID is a BAD_USER_INPUT error. */
export function milestoneIdFrom(id: { typename: string; id: string }, argument: string): number {
  if (id.typename !== 'Milestone')
    throw createGraphQLError(`${argument} takes milestones' IDs; one given is a ${id.typename}'s.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return Number(id.id);
}
