import { z } from 'zod';

/** Where the data lives, parsed from DATABASE_URL. */
export type DatabaseLocation =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' }
  | { kind: 'postgres'; url: string };

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

const environmentSchema = z.object({
  // An empty variable (DATABASE_URL= in a shell or compose file) means "not set".
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional().default(DEFAULT_DATABASE_URL)).pipe(databaseUrlSchema),
  REDIS_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL').optional()),
  // Instances that should hear each other's events share a channel; separate deployments on one Redis use separate ones.
  REDIS_CHANNEL: z.string().min(1).max(200).default('nhs-mandate-graph:events'),
  REQUIRE_KEY_FOR_READS: z.enum(['true', 'false'], { message: 'REQUIRE_KEY_FOR_READS must be true or false' }).default('false').transform((value) => value === 'true'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Reads the process environment once, at the composition root; nothing else reads process.env. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
