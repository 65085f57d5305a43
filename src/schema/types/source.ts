import { z } from 'zod';
import { builder } from '../builder.js';

builder.prismaNode('Source', {
  description: 'A published document or data file that seeded facts come from.',
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key of the source, e.g. "nhsconfed-2023-mandate-briefing".' }),
    title: t.exposeString('title', { description: 'Title of the document or file.' }),
    publisher: t.exposeString('publisher', { description: 'Who published it.' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it was published, where known.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Where it can be read, where known.' }),
    licence: t.exposeString('licence', { nullable: true, description: 'The licence it is used under.' }),
    files: t.relation('files', {
      description:
        'For a publication: the files of it the server has read, oldest first, with their checksums and what became of each.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

builder.queryField('source', (t) =>
  t.prismaField({
    type: 'Source',
    nullable: true,
    description:
      'A source by its key ("nhse-ae-monthly" for NHS England\'s monthly A&E files), with the files of it the server has read; null when there is none.',
    args: { key: t.arg.string({ required: true, description: "The source's key.", validate: z.string().max(100) }) },
    resolve: (query, _root, { key }, context) => context.db.prisma.source.findUnique({ ...query, where: { key } }),
  }),
);
