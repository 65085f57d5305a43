import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError, readEnvironment, type Environment } from '../config/env.js';
import { DatabaseInUseError } from '../db/data-dir-lock.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations, migrationStatus, MigrationHistoryError } from '../db/migrations.js';
import { buildApp } from '../server/app.js';
import { createLogger, type Logger } from '../server/logger.js';
import { ReferenceDataError } from '../services/reference-data.js';
import { seedReferenceData, type SeedReport } from '../services/seed.js';

interface Command {
  summary: string;
  help: string;
  options?: ParseArgsConfig['options'];
  run(context: { env: Environment; logger: Logger; values: Record<string, unknown>; positionals: string[] }): Promise<number>;
}

const ENVIRONMENT_HELP = `Environment:
  DATABASE_URL  pglite:<dir> (embedded, default pglite:./.data/pglite), pglite:memory,
                or a postgresql:// URL
  PORT          port to listen on (default 4000)
  HOST          interface to listen on (default 0.0.0.0)
  NODE_ENV      production turns GraphiQL and detailed errors off (default development)
  LOG_LEVEL     debug | info | warn | error | silent (default info)`;

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'migrate, seed the reference data and serve the GraphQL API',
    help: `Usage: nhs-mandate-graph serve [--port <n>] [--host <address>]

Applies any pending migrations, seeds the reference data (both mandates and every organisation;
a no-op when it is already there), then serves GraphQL at /graphql and a health check at /health.
Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port <n>          port to listen on (overrides PORT; default 4000)
  --host <address>    interface to listen on (overrides HOST; default 0.0.0.0)`,
    options: { port: { type: 'string' }, host: { type: 'string' } },
    async run({ env, logger, values }) {
      const port = values.port === undefined ? env.PORT : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
      const host = typeof values.host === 'string' ? values.host : env.HOST;
      // Taken from the start: a stop signal during migration or seeding lets them finish (an
      // embedded database must be closed cleanly), and one sent the moment the server is up is
      // not lost.
      const stopSignal = new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      const db = await openDatabase(env.DATABASE_URL);
      try {
        await prepare(db, logger);
      } catch (error) {
        await db.close();
        throw error;
      }
      const app = buildApp({ db, logger, development: env.NODE_ENV !== 'production' });
      const url = await app.start(port, host);
      logger.info('serving', { url, database: db.kind });
      logger.info('stopping', { signal: await stopSignal });
      await app.stop();
      await db.close();
      return 0;
    },
  },
  migrate: {
    summary: 'apply pending database migrations',
    help: `Usage: nhs-mandate-graph migrate [--status]

Applies every migration in prisma/migrations not yet applied, in one transaction, and records
them in _prisma_migrations as Prisma Migrate does (so \`prisma migrate deploy\` can take over).

Options:
  --status    list applied and pending migrations; change nothing`,
    options: { status: { type: 'boolean' } },
    async run({ env, logger, values }) {
      return withDatabase(env, async (db) => {
        if (values.status) {
          const status = await migrationStatus(db);
          for (const name of status.applied) console.log(`applied  ${name}`);
          for (const name of status.pending) console.log(`pending  ${name}`);
          return 0;
        }
        const applied = await applyMigrations(db);
        logger.info(applied.length > 0 ? 'migrations applied' : 'database is up to date', { applied });
        return 0;
      });
    },
  },
  seed: {
    summary: 'load the reference data (mandates, metrics, targets, organisations)',
    help: `Usage: nhs-mandate-graph seed

Writes the reference data shipped in prisma/seed: the 2017-18 and 2023 mandates with every
priority, milestone and target, the metrics, and DHSC, NHS England, the 7 regions, 42 ICBs,
106 sub-ICB locations and the NHS trusts. Idempotent: only what differs is written. The database
must be migrated first (\`migrate\`).`,
    async run({ env, logger }) {
      return withDatabase(env, async (db) => {
        const { pending } = await migrationStatus(db);
        if (pending.length > 0) throw new UsageError(`The database lacks ${pending.length} migration(s): run \`migrate\` first.`);
        logSeed(logger, await seedReferenceData(db));
        return 0;
      });
    },
  },
};

class UsageError extends Error {
  override name = 'UsageError';
}

async function withDatabase(env: Environment, work: (db: Database) => Promise<number>): Promise<number> {
  const db = await openDatabase(env.DATABASE_URL);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function prepare(db: Database, logger: Logger): Promise<void> {
  const applied = await applyMigrations(db);
  if (applied.length > 0) logger.info('migrations applied', { applied });
  logSeed(logger, await seedReferenceData(db));
}

function logSeed(logger: Logger, report: SeedReport): void {
  logger.info(report.created + report.updated > 0 ? 'reference data seeded' : 'reference data already up to date', {
    created: report.created,
    updated: report.updated,
    organisations: report.organisations,
    mandates: report.mandates,
    milestones: report.milestones,
    targets: report.targets,
    trustsLeftOut: report.skippedTrusts.map((trust) => `${trust.odsCode} ${trust.name}: ${trust.reason}`),
  });
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: nhs-mandate-graph <command> [options]   (npm run cli -- <command> [options])

The nhs-mandate-graph server and its tools.

Commands:
${lines.join('\n')}

Run \`nhs-mandate-graph <command> --help\` for a command's options.

${ENVIRONMENT_HELP}`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs<ParseArgsConfig>({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
    if ((values as { help?: boolean }).help) {
      console.log(`${command.help}\n\n${ENVIRONMENT_HELP}`);
      return 0;
    }
    const env = readEnvironment();
    const logger = createLogger(env.LOG_LEVEL);
    return await command.run({ env, logger, values, positionals });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\nRun \`nhs-mandate-graph ${name} --help\` for usage.`);
      return 2;
    }
    if (
      error instanceof ConfigurationError ||
      error instanceof DatabaseInUseError ||
      error instanceof MigrationHistoryError ||
      error instanceof ReferenceDataError
    ) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
