import { PriorityConnection } from './priority.js';
import { EXPECTED_SIZE } from '../query-cost.js';
import { builder } from '../builder.js';
import { MilestoneConnection, MilestoneFilterInput, milestoneWhere } from './milestone.js';

export const MandateRef = builder.prismaNode('Mandate', {
  description: "One set of the government's instructions to NHS England, such as the 2017-18 or the 2023 mandate.",
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Short stable name: "2017-18", "2023".' }),
    title: t.exposeString('title', { description: "The mandate's title." }),
    summary: t.exposeString('summary', { description: 'What the mandate asks, in its own words.' }),
    publishedOn: t.expose('publishedOn', { type: 'Date', description: 'The day it was published.' }),
    inForceFrom: t.expose('inForceFrom', { type: 'Date', description: 'The day it applies from.' }),
    issuedBy: t.relation('issuedBy', {
      description: 'The organisation that issued it (the Department of Health and Social Care).',
    }),
    issuedTo: t.relation('issuedTo', { description: 'The organisation it is addressed to (NHS England).' }),
    source: t.relation('source', { description: "The document the mandate's text is taken from." }),
    priorities: t.relatedConnection(
      'priorities',
      {
        description: "The mandate's numbered priorities, in order.",
        extensions: { [EXPECTED_SIZE]: 5 },
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: { ordinal: 'asc' } }),
      },
      PriorityConnection,
    ),
    milestones: t.relatedConnection(
      'milestones',
      {
        description:
          "The mandate's milestones at every depth, in document order; filter to narrow them (for example `outsidePriorities: true` for the financial tests).",
        cursor: 'id',
        totalCount: true,
        args: {
          filter: t.arg({ type: MilestoneFilterInput, required: false, description: 'Which milestones to list.' }),
        },
        query: (args) => ({ where: milestoneWhere(args.filter), orderBy: [{ priorityId: 'asc' }, { id: 'asc' }] }),
      },
      MilestoneConnection,
    ),
  }),
});

export const MandateConnection = builder.connectionObject(
  { type: MandateRef, name: 'MandateConnection', description: 'A page of mandates.' },
  { name: 'MandateEdge', description: 'One item of the page and its cursor.' },
);

builder.queryFields((t) => ({
  mandates: t.prismaConnection(
    {
      type: 'Mandate',
      description: 'Every mandate, oldest first.',
      cursor: 'id',
      totalCount: (_parent, _args, context) => context.db.prisma.mandate.count(),
      resolve: (query, _parent, _args, context) =>
        context.db.prisma.mandate.findMany({ ...query, orderBy: { publishedOn: 'asc' } }),
    },
    MandateConnection,
  ),
  mandate: t.prismaField({
    type: 'Mandate',
    nullable: true,
    description: 'One mandate by its slug ("2017-18", "2023"); null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The mandate's slug." }) },
    resolve: (query, _parent, args, context) =>
      context.db.prisma.mandate.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
