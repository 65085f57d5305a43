import { MilestoneConnection } from './milestone.js';
import { EXPECTED_SIZE } from '../query-cost.js';
import { builder } from '../builder.js';

export const PriorityRef = builder.prismaNode('Priority', {
  description: 'A numbered objective inside a mandate, such as "Cutting NHS waiting lists and recovering performance".',
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    ordinal: t.exposeInt('ordinal', { description: 'Its number within the mandate, from 1.' }),
    title: t.exposeString('title', { description: "The priority in the mandate's words." }),
    mandate: t.relation('mandate', { description: 'The mandate it belongs to.' }),
    source: t.relation('source', { description: 'The document its text is taken from.' }),
    milestones: t.relatedConnection(
      'milestones',
      {
        description:
          'The milestones directly under this priority, in document order (each may hold nested milestones).',
        extensions: { [EXPECTED_SIZE]: 20 },
        cursor: 'id',
        totalCount: true,
        query: () => ({ where: { parentId: null }, orderBy: { ordinal: 'asc' } }),
      },
      MilestoneConnection,
    ),
  }),
});

export const PriorityConnection = builder.connectionObject(
  { type: PriorityRef, name: 'PriorityConnection', description: 'A page of priorities.' },
  { name: 'PriorityEdge', description: 'One item of the page and its cursor.' },
);
