import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { z } from 'zod';
import { createGraphQLError } from 'graphql-yoga';
import type PrismaTypes from '../db/generated/pothos-prisma-types.js';
import { getDatamodel } from '../db/generated/pothos-prisma-types.js';
import type { GraphQLContext } from './context.js';
import { accessScopes, refusal, type AccessScopes } from './access.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: GraphQLContext;
  AuthScopes: AccessScopes;
  DefaultFieldNullability: false;
  Connection: { totalCount: number | (() => number | Promise<number>) };
  Scalars: {
    Date: { Input: string; Output: string | Date };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: never; Output: unknown };
  };
}>({
  // Scope-auth first, so that a refused field runs nothing (not even its validation or planned query).
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
  scopeAuth: {
    // A subscription is refused when it starts, not event by event once it runs.
    authorizeOnSubscribe: true,
    authScopes: (context) => accessScopes(context.services.viewer, context.requireKeyForReads),
    unauthorizedError: (_parent, context, info) => refusal(context.services.viewer, info.fieldName),
  },
  defaultFieldNullability: false,
  prisma: {
    client: (context) => context.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  errors: { defaultTypes: [] },
  validation: {
    validationError: (result) =>
      createGraphQLError(result.issues.map((issue) => `${issuePath(issue.path)}${issue.message}`).join('; '), {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a global ID, fetchable through `node(id:)`.' },
    idFieldOptions: { description: 'Global ID: opaque, stable, and accepted by `node(id:)`.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when there is none.',
      args: { id: { description: "The global ID, as an object's `id` field gave it." } },
      resolve: (_root, { id }, _context, info, resolveNode) =>
        isNodeType(info.schema, id.typename) ? resolveNode(id) : null,
    },
    nodesQueryOptions: {
      description:
        'Fetches several objects by their global IDs, in the order given; null for each that does not exist.',
      args: {
        ids: {
          description: "The global IDs, as objects' `id` fields gave them.",
          validate: z.array(z.string()).max(100),
        },
      },
      // The resolver Pothos hands this field loads the field's own ids whatever it is given, and throws
      // on an ID of a type that is not a node, so the IDs of node types are loaded here in one batch.
      resolve: async (_root, { ids }, context, info): Promise<unknown[]> => {
        const loadable = ids.map((id) => (isNodeType(info.schema, id.typename) ? id : null));
        return (await resolveNodes(builder, context, info, loadable)).map((node) => node ?? null);
      },
    },
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${id}`).toString('base64'),
    decodeGlobalID: (globalID) => {
      const match = /^([A-Z][A-Za-z]*):(\d{1,15})$/.exec(Buffer.from(globalID, 'base64').toString('utf8'));
      if (!match || globalID.length > 64) {
        throw createGraphQLError(`"${globalID.slice(0, 64)}" is not an ID this API issued.`, {
          extensions: { code: 'INVALID_ID' },
        });
      }
      return { typename: match[1] as string, id: match[2] as string };
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits: whether there are more and the cursors at its ends.',
    },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last item on this page: pass it as `after` for the next page.',
    },
    pageInfoFieldOptions: { description: 'How this page relates to the whole list.' },
    edgesFieldOptions: { description: 'The items on this page, each with its cursor.' },
    cursorFieldOptions: { description: 'Opaque position of this item: pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'Page size from the start (at most 100; default 20).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size from the end (at most 100).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, in the Relay cursor-connection shape.' },
    defaultEdgeTypeOptions: { description: 'One item of a page and its cursor.' },
  },
});

// The partner contract promises totalCount on every list.
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);

builder.queryType({
  description: 'Everything that can be read: mandates and what they ask, organisations and how they are doing.',
  authScopes: { read: true },
});

function issuePath(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  if (!path || path.length === 0) return '';
  return `${path.map((part) => String(typeof part === 'object' ? part.key : part)).join('.')}: `;
}

function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((contract) => contract.name === 'Node');
}
