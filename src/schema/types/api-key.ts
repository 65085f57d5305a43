import type { ApiKeySummary } from '../../services/api-keys.js';
import { builder } from '../builder.js';
import { RoleEnum } from './audit.js';
import { InputErrorRef } from './input-error.js';
import type { InputProblem } from '../../domain/errors.js';

const ApiKeyRef = builder.objectRef<ApiKeySummary>('ApiKey').implement({
  description: 'An API key as admins see it: never the key itself, which is shown once, when it is made.',
  fields: (t) => ({
    keyId: t.exposeInt('id', {
      description: 'Its number (what `keys revoke` and revokeApiKey take, as does its prefix).',
    }),
    prefix: t.exposeString('prefix', {
      description:
        'The public part of the key (nmgk_<prefix>_…), by which logs and the audit log name it ("key:<prefix>").',
    }),
    role: t.expose('role', { type: RoleEnum, description: 'What it may do.' }),
    label: t.exposeString('label', { nullable: true, description: 'What it is for, as given when it was made.' }),
    organisations: t.exposeStringList('organisations', {
      description: 'ODS codes of the organisations a partner key answers for.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made.' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working; null: never.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null: it was not.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'About when it was last used (to the minute).',
    }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: true, description: 'What it may do.' }),
    organisations: t.stringList({
      required: false,
      description: 'For a partner key: the ODS codes of the organisations it answers for (and those under them).',
    }),
    expiresAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'When it stops working; never when left out.',
    }),
    label: t.string({ required: false, description: 'What it is for (at most 200 characters).' }),
  }),
});

const CreateApiKeyPayload = builder
  .objectRef<{ key: string | null; apiKey: ApiKeySummary | null; errors: InputProblem[] }>('CreateApiKeyPayload')
  .implement({
    description: 'The key made, shown this once, or why none was.',
    fields: (t) => ({
      key: t.exposeString('key', {
        nullable: true,
        description: 'The key itself: give it to its holder now; it is not stored and cannot be shown again.',
      }),
      apiKey: t.field({
        type: ApiKeyRef,
        nullable: true,
        description: 'The key as it will be listed.',
        resolve: (payload) => payload.apiKey,
      }),
      errors: t.field({
        type: [InputErrorRef],
        description: 'Why no key was made; empty when one was.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

const RevokeApiKeyPayload = builder
  .objectRef<{ apiKey: ApiKeySummary | null; errors: InputProblem[] }>('RevokeApiKeyPayload')
  .implement({
    description: 'The key revoked, or why it was not.',
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKeyRef,
        nullable: true,
        description: 'The key, now revoked: its open streams end within seconds.',
        resolve: (payload) => payload.apiKey,
      }),
      errors: t.field({
        type: [InputErrorRef],
        description: 'Why it was not revoked; empty when it was.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

builder.queryFields((t) => ({
  apiKeys: t.field({
    type: [ApiKeyRef],
    description: 'Every API key, oldest first, revoked ones included (admins only).',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => context.services.apiKeys.list(),
  }),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description: "Makes an API key (admins only), as `keys create` does on the server's machine; audited.",
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'The key to make.' }) },
    resolve: (_root, { input }, context) => context.services.apiKeys.create(input),
  }),
  revokeApiKey: t.field({
    type: RevokeApiKeyPayload,
    description:
      'Revokes an API key by its number or prefix (admins only); its open streams end within seconds; audited.',
    authScopes: { admin: true },
    args: { key: t.arg.string({ required: true, description: "The key's number or prefix, as apiKeys lists them." }) },
    resolve: (_root, { key }, context) => context.services.apiKeys.revoke(key),
  }),
}));
