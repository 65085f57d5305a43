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
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true, description: 'When it was published, where known.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where it can be read, where known.' }),
    licence: t.exposeString('licence', { nullable: true, description: 'The licence it is used under.' }),
  }),
});
