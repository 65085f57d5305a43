import { z } from 'zod';

/** Where the data lives, parsed from DATABASE_URL. */
export type DatabaseLocation =
  { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' } | { kind: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'pglite:./.data/pglite';

export const databaseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .transform((url, ctx): DatabaseLocation => {
    if (url === 'pglite:memory') return { kind: 'pglite-memory' };
    if (url.startsWith('pglite:')) {
      const dataDir = url.slice('pglite:'.length);
      if (dataDir) return { kind: 'pglite', dataDir };
    }
    if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
    ctx.addIssue({
      code: 'custom',
      message: `DATABASE_URL must be pglite:<dir>, pglite:memory or a postgresql:// URL, not "${url}"`,
    });
    return z.NEVER;
  });

/** A positive whole number, or unset (the built-in default applies). */
const optionalLimit = (name: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ message: `${name} must be a whole number` })
      .int(`${name} must be a whole number`)
      .positive(`${name} must be above 0`)
      .optional(),
  );

/** A whole number, 0 for no limit, or unset (the built-in default applies). */
const optionalLimitOrOff = (name: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ message: `${name} must be a whole number` })
      .int(`${name} must be a whole number`)
      .min(0, `${name} must be 0 (no limit) or more`)
      .optional(),
  );

/** true or false, or unset (the default for the mode applies). */
const optionalSwitch = (name: string) =>
  z
    .preprocess(
      (value) => (value === '' ? undefined : value),
      z.enum(['true', 'false'], { message: `${name} must be true or false` }).optional(),
    )
    .transform((value) => (value === undefined ? undefined : value === 'true'));

const PERSISTED_ONLY_CALLERS = ['ANONYMOUS', 'READER', 'OPS', 'PARTNER', 'ADMIN'] as const;

const environmentSchema = z.object({
  // An empty variable (DATABASE_URL= in a shell or compose file) means "not set".
  DATABASE_URL: z
    .preprocess((value) => (value === '' ? undefined : value), z.string().optional().default(DEFAULT_DATABASE_URL))
    .pipe(databaseUrlSchema),
  REDIS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
      .optional(),
  ),
  // Instances that should hear each other's events share a channel; separate deployments on one Redis use separate ones.
  REDIS_CHANNEL: z.string().min(1).max(200).default('nhs-mandate-graph:events'),
  // The mirror of the publishers' files (their layout: one folder per publication); unset, ../shared/data beside the checkout when it exists; none: no mirror, download from the publishers.
  NHS_DATA_DIR: z.string().min(1).optional(),
  // Where downloaded copies of the publishers' files are kept; unset, beside the embedded database (<dir>.publications) or ./.data/publications.
  PUBLICATIONS_DIR: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  // Fetch the publishers' addresses through this origin, the publisher's host as the first path segment (a caching relay).
  PUBLISHERS_VIA: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^https?$/, message: 'PUBLISHERS_VIA must be an http:// or https:// URL' }).optional(),
  ),
  // The first month fetched from the publishers (YYYY-MM).
  PUBLICATIONS_SINCE: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'PUBLICATIONS_SINCE must be a month, YYYY-MM')
    .default('2023-04'),
  PUBLICATIONS_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'PUBLICATIONS_TIMEOUT_SECONDS must be a number of seconds' })
    .positive('PUBLICATIONS_TIMEOUT_SECONDS must be above 0')
    .default(60),
  PUBLICATIONS_MAX_BYTES: z.coerce
    .number({ message: 'PUBLICATIONS_MAX_BYTES must be a whole number' })
    .int()
    .positive('PUBLICATIONS_MAX_BYTES must be above 0')
    .default(100 * 1024 * 1024),
  // serve --watch-publications, set from the environment; how often a watcher or `sync` reads the publications.
  WATCH_PUBLICATIONS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  PUBLICATIONS_POLL_SECONDS: z.coerce
    .number({ message: 'PUBLICATIONS_POLL_SECONDS must be a whole number of seconds' })
    .int()
    .min(1)
    .default(3_600),
  REQUIRE_KEY_FOR_READS: z
    .enum(['true', 'false'], { message: 'REQUIRE_KEY_FOR_READS must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  MAX_QUERY_DEPTH: optionalLimit('MAX_QUERY_DEPTH'),
  MAX_QUERY_COST: optionalLimit('MAX_QUERY_COST'),
  MAX_ALIASES: optionalLimit('MAX_ALIASES'),
  MAX_TOKENS: optionalLimit('MAX_TOKENS'),
  MAX_DIRECTIVES: optionalLimit('MAX_DIRECTIVES'),
  MAX_BODY_BYTES: optionalLimit('MAX_BODY_BYTES'),
  GRAPHQL_INTROSPECTION: optionalSwitch('GRAPHQL_INTROSPECTION'),
  GRAPHQL_FIELD_SUGGESTIONS: optionalSwitch('GRAPHQL_FIELD_SUGGESTIONS'),
  RATE_LIMIT_PER_MINUTE: optionalLimitOrOff('RATE_LIMIT_PER_MINUTE'),
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: optionalLimitOrOff('ANONYMOUS_RATE_LIMIT_PER_MINUTE'),
  MAX_CONNECTIONS_PER_KEY: optionalLimitOrOff('MAX_CONNECTIONS_PER_KEY'),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: optionalLimitOrOff('MAX_SUBSCRIPTIONS_PER_CONNECTION'),
  TRUST_PROXY: optionalSwitch('TRUST_PROXY'),
  MAX_PENDING_CONNECTIONS_PER_ADDRESS: optionalLimitOrOff('MAX_PENDING_CONNECTIONS_PER_ADDRESS'),
  HTTP_HEADERS_TIMEOUT_MS: optionalLimit('HTTP_HEADERS_TIMEOUT_MS'),
  RESPONSE_CACHE_ENTRIES: optionalLimitOrOff('RESPONSE_CACHE_ENTRIES'),
  // Comma-separated: anonymous, reader, ops, partner, admin.
  PERSISTED_OPERATIONS_ONLY: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const named = value
        .split(',')
        .map((part) => part.trim().toUpperCase())
        .filter(Boolean);
      const unknown = named.filter((part) => !PERSISTED_ONLY_CALLERS.includes(part as never));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `PERSISTED_OPERATIONS_ONLY names callers among anonymous, reader, ops, partner and admin, not ${unknown.join(', ')}`,
        });
      return new Set(named as (typeof PERSISTED_ONLY_CALLERS)[number][]);
    }),
  // An identity provider whose tokens are accepted beside API keys: all of issuer, audience and one JWKS source, or none.
  JWT_ISSUER: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  JWT_AUDIENCE: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  JWT_JWKS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ message: 'JWT_JWKS_URL must be a URL' }).optional(),
  ),
  JWT_JWKS_FILE: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  // The address people reach this server at (https://mandate.example.nhs.uk): notifications link to its board.
  PUBLIC_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^https?$/, message: 'PUBLIC_URL must be an http:// or https:// URL' }).optional(),
  ),
  // Email receivers' server: smtp://user:pass@host:587 (smtps:// for TLS from the start), and the sender.
  SMTP_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^smtps?$/, message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  ),
  SMTP_FROM: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(3).optional()),
  // How long a new group of notifications waits for the rest of its events (the default routing's group wait, Alertmanager's group_wait).
  NOTIFY_GROUP_WAIT_SECONDS: z.coerce
    .number({ message: 'NOTIFY_GROUP_WAIT_SECONDS must be a number of seconds' })
    .int()
    .min(0, 'NOTIFY_GROUP_WAIT_SECONDS cannot be negative')
    .max(86_400, 'NOTIFY_GROUP_WAIT_SECONDS is at most a day (86400)')
    .default(30),
  // Comma-separated host names or addresses that webhook and Teams receivers may reach although internal (and over plain HTTP).
  NOTIFY_ALLOW_PRIVATE_TARGETS: z
    .string()
    .default('')
    .transform(
      (value) =>
        new Set(
          value
            .split(',')
            .map((host) =>
              host
                .trim()
                .toLowerCase()
                .replace(/^\[|\]$/g, ''),
            )
            .filter(Boolean),
        ) as ReadonlySet<string>,
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Server processes sharing the port (Node's cluster): above 1 needs PostgreSQL and Redis.
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

const checkedEnvironmentSchema = environmentSchema.superRefine((env, ctx) => {
  const named = [env.JWT_ISSUER, env.JWT_AUDIENCE, env.JWT_JWKS_URL ?? env.JWT_JWKS_FILE].filter(
    (value) => value !== undefined,
  ).length;
  if (named > 0 && named < 3)
    ctx.addIssue({
      code: 'custom',
      path: ['JWT_ISSUER'],
      message: 'an identity provider needs JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL or JWT_JWKS_FILE',
    });
  if ((env.SMTP_URL === undefined) !== (env.SMTP_FROM === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message: 'email needs both SMTP_URL and SMTP_FROM (the address messages come from), or neither',
    });
  if (env.JWT_JWKS_URL && env.JWT_JWKS_FILE)
    ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'give JWT_JWKS_URL or JWT_JWKS_FILE, not both' });
});

export type Environment = z.infer<typeof environmentSchema>;

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Reads the process environment once, at the composition root; nothing else reads process.env. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = checkedEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
