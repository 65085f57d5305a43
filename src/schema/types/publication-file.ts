import { builder } from '../builder.js';

const PublicationOutcomeEnum = builder.enumType('PublicationOutcome', {
  description: "What became of a publication's file the server read.",
  values: {
    IMPORTED: { description: 'Its values were recorded (new ones inserted, changed ones revised).' },
    REFUSED: {
      description: 'It failed its checks and nothing of it was written; it is read again only when its bytes change.',
    },
  } as const,
});

export const PublicationFileRef = builder.prismaObject('PublicationFile', {
  description: 'A file of a publication the server has read: where from, its checksum, and what its import did.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The file's name, as the publisher names it." }),
    location: t.exposeString('location', {
      description: "Where it was read: the publisher's URL, or mirror:<folder>/<name> for the local mirror.",
    }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of its bytes, lower-case hex.' }),
    bytes: t.exposeInt('bytes', { description: 'Its size in bytes.' }),
    retrievedAt: t.expose('retrievedAt', { type: 'DateTime', description: 'When the server read it.' }),
    outcome: t.expose('outcome', { type: PublicationOutcomeEnum, description: 'Whether it was imported or refused.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was refused.' }),
    inserted: t.exposeInt('inserted', { description: 'Values it recorded for the first time.' }),
    revised: t.exposeInt('revised', { description: 'Values it revised (a republished month).' }),
    crossings: t.exposeInt('crossings', { description: 'Threshold crossings its import caused.' }),
  }),
});
