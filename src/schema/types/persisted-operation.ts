import { getOperationAST, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { builder } from '../builder.js';

const PersistedOperationRef = builder.prismaObject('PersistedOperation', {
  description: 'A registered operation: run it by sending its hash instead of its text.',
  fields: (t) => ({
    hash: t.exposeString('hash', {
      description:
        'SHA-256 of the document\'s exact text, lower-case hex: send it as `extensions.persistedQuery.sha256Hash` or as `documentId` ("sha256:<hash>").',
    }),
    document: t.exposeString('document', { description: 'The document, as registered.' }),
    operationNames: t.exposeStringList('operationNames', { description: 'The names of the operations it holds.' }),
    registeredBy: t.exposeString('registeredBy', { description: 'Who registered it first ("key:<prefix>").' }),
    registeredAt: t.expose('registeredAt', { type: 'DateTime', description: 'When it was first registered.' }),
  }),
});

const PersistedOperationConnection = builder.connectionObject(
  {
    type: PersistedOperationRef,
    name: 'PersistedOperationConnection',
    description: 'A page of registered operations, newest first.',
  },
  { name: 'PersistedOperationEdge', description: 'One registered operation and its cursor.' },
);

interface RegistrationShape {
  operations: { hash: string; isNew: boolean }[];
  errors: { index: number; code: string; message: string }[];
}

const RegisteredOperationRef = builder
  .objectRef<{ hash: string; operationNames: string[]; isNew: boolean }>('RegisteredOperation')
  .implement({
    description: 'One document of a registration and the hash to run it by.',
    fields: (t) => ({
      hash: t.exposeString('hash', { description: "SHA-256 of the document's text, lower-case hex." }),
      operationNames: t.exposeStringList('operationNames', { description: 'The names of the operations it holds.' }),
      isNew: t.exposeBoolean('isNew', {
        description: 'False when the same document was registered before (registering is idempotent).',
      }),
    }),
  });

const OperationRegistrationErrorRef = builder
  .objectRef<RegistrationShape['errors'][number]>('OperationRegistrationError')
  .implement({
    description: 'Why a registration was refused: one problem with one document.',
    fields: (t) => ({
      index: t.int({
        nullable: true,
        description: 'The document at fault, from 0; null for a problem with the whole registration.',
        resolve: (error) => (error.index < 0 ? null : error.index),
      }),
      code: t.exposeString('code', {
        description: 'Stable code: INVALID_DOCUMENT, DOCUMENT_TOO_LARGE, NO_DOCUMENTS, TOO_MANY_DOCUMENTS.',
      }),
      message: t.exposeString('message', { description: 'What is wrong, in a sentence.' }),
    }),
  });

const RegisterOperationsPayload = builder.objectRef<RegistrationShape>('RegisterOperationsPayload').implement({
  description: 'What a registration did. A non-empty `errors` means nothing was registered.',
  fields: (t) => ({
    operations: t.field({
      type: [RegisteredOperationRef],
      description: 'The documents, in the order sent, with their hashes.',
      resolve: (payload) => payload.operations as never,
    }),
    errors: t.field({
      type: [OperationRegistrationErrorRef],
      description: 'Every problem found; empty when the documents were registered.',
      resolve: (payload) => payload.errors,
    }),
  }),
});

builder.mutationFields((t) => ({
  registerOperations: t.field({
    type: RegisterOperationsPayload,
    description:
      'Registers GraphQL documents so that they can be run by hash (partners and admins). Each must be valid against this schema (the query limits apply when it runs); one invalid document refuses them all. Where the server runs only registered operations for a role, registering is still allowed.',
    args: {
      documents: t.arg.stringList({
        required: true,
        description: "The documents' text, exactly as they will be hashed (up to 100, each up to 64 KiB).",
      }),
    },
    resolve: (_root, { documents }, context, info) =>
      context.services.persistedOperations.register(documents, (document) => checkDocument(info.schema, document)),
  }),
}));

builder.queryFields((t) => ({
  persistedOperations: t.prismaConnection(
    {
      type: 'PersistedOperation',
      description: 'Every registered operation, newest first (admins only).',
      authScopes: { admin: true },
      cursor: 'id',
      totalCount: (_parent, _args, context) => context.db.prisma.persistedOperation.count(),
      resolve: (query, _parent, _args, context) =>
        context.db.prisma.persistedOperation.findMany({ ...query, orderBy: { id: 'desc' } }),
    },
    PersistedOperationConnection,
  ),
}));

/** Parses and validates a document against the schema. The query limits apply when it runs, as to any document. */
function checkDocument(schema: GraphQLSchema, document: string): { operationNames: string[]; problems: string[] } {
  let parsed;
  try {
    parsed = parse(document);
  } catch (error) {
    return { operationNames: [], problems: [(error as Error).message] };
  }
  const problems = validate(schema, parsed).map((error) => error.message);
  const operations = parsed.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) problems.push('The document holds no operation.');
  if (operations.length > 1 && operations.some((operation) => !operation.name))
    problems.push('A document with several operations must name each.');
  if (operations.length === 1 && !getOperationAST(parsed))
    problems.push("The document's operation cannot be identified.");
  return {
    operationNames: operations.flatMap((operation) => (operation.name ? [operation.name.value] : [])),
    problems,
  };
}
