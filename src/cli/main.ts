import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError, readEnvironment, type Environment } from '../config/env.js';
import { DatabaseInUseError } from '../db/data-dir-lock.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations, migrationStatus, MigrationHistoryError } from '../db/migrations.js';
import { startTracing } from '../server/tracing.js';
import { awaitBriefing, isWorker, leaveCluster, startWorkers } from '../server/cluster.js';
import type { AppDependencies } from '../server/app.js';
import type { EventBus } from '../events/bus.js';
import type { Metrics } from '../events/metrics.js';
import { createLogger } from '../server/logger.js';
import type { Logger } from '../config/logger.js';
import { ReferenceDataError } from '../ingest/reference-files.js';
import { seedReferenceData, type SeedReport } from '../services/seed.js';
import { IMPORT_FORMATS, type ImportFormat } from '../services/import.js';
import { ImportFailed, runImport } from './import-command.js';
import type { Publication } from '../ingest/publication.js';
import { filesInMirror, mirrorKeeps, PUBLICATIONS } from '../ingest/publications.js';
import { loadReferenceData } from '../services/reference-data.js';
import {
  referenceFolders,
  syncPublications,
  watchPublications,
  type PublicationOrigin,
  type SyncedFile,
} from '../services/publication-sync.js';
import { publicationOrigin } from './publication-origin.js';
import { createProgressBar } from './progress.js';
import { publishRecorded, type RecordMeasurementsResult } from '../services/record-measurements.js';
import { KEYS_HELP, KeysUsageError, runKeys, TERMINAL, type Output } from './keys-command.js';
import { openOperatorChannel, sendOperatorCommand } from './operator-channel.js';

interface Command {
  summary: string;
  help: string;
  options?: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  run(context: {
    env: Environment;
    logger: Logger;
    values: Record<string, unknown>;
    positionals: string[];
  }): Promise<number>;
}

const ENVIRONMENT_HELP = `Environment:
  DATABASE_URL  pglite:<dir> (embedded, default pglite:./.data/pglite), pglite:memory,
                or a postgresql:// URL
  REDIS_URL     redis:// URL: crossings published through Redis reach every server instance
                (default: in-process only)
  REDIS_CHANNEL the Redis channel instances share (default nhs-mandate-graph:events)
  REQUIRE_KEY_FOR_READS  true: every request needs an API key, reads too (default false)
  PORT          port to listen on (default 4000)
  HOST          interface to listen on (default 0.0.0.0)
  NODE_ENV      production turns GraphiQL and detailed errors off (default development)
  LOG_LEVEL     debug | info | warn | error | silent (default info)
  NHS_DATA_DIR  the mirror of the publishers' files (default ../shared/data beside the checkout;
                none: no mirror); what it does not keep is downloaded from the publishers
                (PUBLICATIONS_DIR, PUBLICATIONS_SINCE, PUBLISHERS_VIA: see docs/operating.md)
  JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL or JWT_JWKS_FILE
                an identity provider whose tokens are accepted beside API keys
  Limits (MAX_QUERY_DEPTH, MAX_QUERY_COST, RATE_LIMIT_PER_MINUTE, …): see docs/security.md`;

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'migrate, seed the reference data and serve the GraphQL API',
    help: `Usage: nhs-mandate-graph serve [--port <n>] [--host <address>] [--no-fixtures] [--watch-publications] [--workers <n>]

Applies any pending migrations, seeds the reference data (both mandates and every organisation;
a no-op when it is already there) and, on a database with no measurements yet, imports NHS
England's monthly A&E files from the mirror (June 2024 to June 2025), or, when the mirror does
not keep them, downloads them from NHS England while already serving; then serves GraphQL at
/graphql and a health check at /health. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port <n>             port to listen on (overrides PORT; default 4000)
  --host <address>       interface to listen on (overrides HOST; default 0.0.0.0)
  --no-fixtures          do not import the mirror's monthly A&E files into an empty database
  --watch-publications   read the publications every PUBLICATIONS_POLL_SECONDS (default 3600;
                         also WATCH_PUBLICATIONS=true) and import new and republished files as
                         \`sync\` does
  --workers <n>          server processes sharing the port (overrides WORKERS; default 1); above
                         1 needs a PostgreSQL DATABASE_URL and REDIS_URL: this process prepares
                         the database, watches the publications and restarts a worker that dies`,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-fixtures': { type: 'boolean' },
      'watch-publications': { type: 'boolean' },
      workers: { type: 'string' },
    },
    async run({ env, logger, values }) {
      const port = values.port === undefined ? env.PORT : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
      const host = typeof values.host === 'string' ? values.host : env.HOST;
      const workers = values.workers === undefined ? env.WORKERS : Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64)
        throw new UsageError(`--workers must be a whole number from 1 to 64, not "${String(values.workers)}"`);
      if (workers > 1 && env.DATABASE_URL.kind !== 'postgres')
        throw new UsageError(
          '--workers above 1 needs a PostgreSQL server (DATABASE_URL=postgresql://…): an embedded database is open in one process only',
        );
      if (workers > 1 && !env.REDIS_URL)
        throw new UsageError(
          '--workers above 1 needs REDIS_URL: crossings written through one worker reach the subscribers of the others through Redis',
        );
      // Taken from the start: a stop signal during migration or seeding lets them finish (an
      // embedded database must be closed cleanly), and one sent the moment the server is up is
      // not lost. A worker also stops when its primary goes.
      const stopSignal = new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
        if (isWorker()) process.once('disconnect', () => resolve('primary gone'));
      });
      if (isWorker()) return serveAsWorker(env, logger, { port, host, stopSignal });
      // The API (its schema, yoga) is loaded only to serve, and meanwhile the database is prepared: the other commands start without it.
      const appModule = workers === 1 ? import('../server/app.js') : null;
      const tracing = await startTracing();
      const db = await openDatabase(env.DATABASE_URL, tracing ? { tracer: tracing.tracer } : {});
      // Where the publications come from, read once for the first import, the watcher and the operator's sync.
      const origin = publicationOrigin(env);
      let missingSources: string[] = [];
      try {
        missingSources = await prepare(db, logger, { fixtures: !values['no-fixtures'], origin });
      } catch (error) {
        await db.close();
        throw error;
      }
      const metrics = await createServerMetrics();
      const bus = await connectBus(env, logger, metrics);
      let serving: { url: string; stop(): Promise<void>; brief(missing: readonly string[]): void };
      if (appModule) {
        const app = (await appModule).buildApp(
          await apiOptions(env, { db, logger, bus, metrics, missingSources, tracing }),
        );
        serving = { url: await app.start(port, host), stop: () => app.stop(), brief: () => {} };
      } else {
        serving = await startWorkers(workers, host, missingSources, logger).catch(async (error: unknown) => {
          await bus.close();
          await db.close();
          throw error;
        });
      }
      const url = serving.url;
      const afterCommit = (result: RecordMeasurementsResult) => publishRecorded(db, bus, metrics, result);
      const watching = Boolean(values['watch-publications'] || env.WATCH_PUBLICATIONS);
      // Downloading the first months can take a while: the server answers meanwhile, and they arrive as a sync's do.
      const toDownload = Object.values(PUBLICATIONS).filter(
        (publication) => missingSources.includes(publication.key) && downloadable(publication, origin.mirror),
      );
      // What arrives from the publishers is no longer missing (on /health too).
      const afterRound = (synced: readonly SyncedFile[]) => {
        for (const file of synced)
          if (file.outcome === 'imported' && missingSources.includes(file.publication))
            missingSources.splice(missingSources.indexOf(file.publication), 1);
        serving.brief(missingSources);
      };
      const watcher = watching
        ? watchPublications(db, logger, {
            ...origin,
            everyMs: env.PUBLICATIONS_POLL_SECONDS * 1_000,
            afterCommit,
            afterRound,
          })
        : toDownload.length > 0
          ? watchPublications(db, logger, { ...origin, everyMs: null, only: toDownload, afterCommit, afterRound })
          : null;
      const operatorChannel =
        env.DATABASE_URL.kind === 'pglite'
          ? await openOperatorChannel(db, env.DATABASE_URL.dataDir, logger, {
              sync: async (out) =>
                reportSync(await syncPublications(db, { ...origin, now: new Date(), afterCommit }), out),
            })
          : null;
      logger.info('serving', { url, database: db.kind, ...(workers > 1 ? { workers } : {}) });
      logger.info('stopping', { signal: await stopSignal });
      await operatorChannel?.close();
      await watcher?.stop();
      await serving.stop();
      await bus.close();
      await db.close();
      await tracing?.shutdown();
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
  import: {
    summary: 'import measurements from published files or a partner CSV',
    help: `Usage: nhs-mandate-graph import <format> <file...> [--endpoint <url> [--key <key>]]

Formats:
  nhse-ae-monthly <file...>   NHS England's monthly A&E provider CSV (MSitAE-MONTH-YEAR periods):
                              AE_4HR, AE_ATTENDANCES, AE_12HR_DTA and EMERGENCY_ADMISSIONS per
                              provider; new providers are created under their region; each file's
                              England total row is checked against the roll-up
  ae-attendances <file>       the long-format 2016-19 file (period, org_code, type, attendances,
                              breaches): AE_4HR and AE_ATTENDANCES per provider and month
  ambsys <file>               NHS England's Ambulance System Indicators CSV: AMB_CAT1_MEAN,
                              AMB_CAT2_MEAN, their 90th centiles and AMB_INCIDENTS per service and
                              month; the services must sum to England's row and every mean be its
                              total over its count
  cwt-provider <file.xlsx...> NHS England's Cancer Waiting Times provider extract (CWT-CRS workbook):
                              CANCER_FDS, CANCER_31D and CANCER_62D per provider and month; a later
                              file's figures for a month revise an earlier (provisional) one
  dm01 <file.xls...>          NHS England's monthly diagnostics (DM01) provider workbook (.xls):
                              DIAG_6WK, DIAG_WAITING_LIST and DIAG_13WK per provider, with each
                              test's figures; the providers must add up to the Total row, each
                              provider's tests to its total, each percentage agree with its counts
  virtual-wards <file.xlsx...> NHS England's monthly virtual ward capacity and occupancy workbook:
                              VIRTUAL_WARD_BEDS and VIRTUAL_WARD_OCCUPANCY as each ICB (and, from
                              April 2025, each lead provider) reports them; England must be the
                              ICBs' sums
  rtt-overview <file.xlsx>    NHS England's RTT overview time series for England: RTT_WAITING_LIST,
                              RTT_18WK, RTT_52WK, RTT_65WK and RTT_78WK by month, from the figures
                              with estimates for missing trusts
  measurements <file.csv>     a partner's long CSV: metric_code,ods_code,period,value,numerator,denominator

Every file is read and checked first; any problem (named with its file and line) writes nothing
and exits 1. Importing the same file twice changes nothing; a revised month revises.
The embedded database can be open in one process only: while a server runs on it, import
through that server with --endpoint.

Options:
  --endpoint <url>    send the files to a running server's importFiles (checked and recorded
                      there as here; publications need an admin key) instead of opening the database
  --key <key>         API key sent as "Authorization: Bearer <key>" with --endpoint`,
    options: { endpoint: { type: 'string' }, key: { type: 'string' } },
    allowPositionals: true,
    async run({ env, values, positionals }) {
      const [format, ...paths] = positionals;
      if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`Name the format: ${IMPORT_FORMATS.join(', ')}${format ? ` (not "${format}")` : ''}.`);
      }
      if (paths.length === 0) throw new UsageError('Name at least one file to import.');
      if (values.key && !values.endpoint) throw new UsageError('--key goes with --endpoint.');
      return runImport({
        format: format as ImportFormat,
        paths,
        env,
        ...(typeof values.endpoint === 'string' ? { endpoint: values.endpoint } : {}),
        ...(typeof values.key === 'string' ? { key: values.key } : {}),
      });
    },
  },
  keys: {
    summary: 'create, list and revoke API keys',
    help: KEYS_HELP,
    options: {
      role: { type: 'string' },
      org: { type: 'string', multiple: true },
      expires: { type: 'string' },
      label: { type: 'string' },
    },
    allowPositionals: true,
    async run({ env, values, positionals }) {
      try {
        return await withDatabase(env, async (db) => {
          const { pending } = await migrationStatus(db);
          if (pending.length > 0)
            throw new UsageError(`The database lacks ${pending.length} migration(s): run \`migrate\` first.`);
          return runKeys(db, positionals, values, new Date());
        });
      } catch (error) {
        if (error instanceof KeysUsageError) throw new UsageError(error.message);
        // A server holds the embedded database: the command goes to it, through the operator's socket.
        if (!(error instanceof DatabaseInUseError) || env.DATABASE_URL.kind !== 'pglite') throw error;
        try {
          return await sendOperatorCommand(
            env.DATABASE_URL.dataDir,
            { command: 'keys', positionals: [...positionals], values },
            TERMINAL,
          );
        } catch (sent) {
          if (sent instanceof KeysUsageError) throw new UsageError(sent.message);
          throw sent;
        }
      }
    },
  },
  sync: {
    summary: 'import new and republished files of the known publications',
    help: `Usage: nhs-mandate-graph sync [--once]

Reads the mirror of the publishers' files (NHS_DATA_DIR, or ../shared/data beside the checkout)
and, for a publication the mirror does not keep, the publisher's own pages (NHS England's monthly
A&E files, from PUBLICATIONS_SINCE; only what is new or changed is downloaded, kept under
PUBLICATIONS_DIR), and imports every file of the known publications (NHS England's monthly A&E
files, the 2016-19 A&E series) that the server has not read with these bytes before, each in its own transaction: a
new month is imported, a republished month revises the values it changes, a file read before is
left alone until its bytes change. A file that fails its checks is refused whole, recorded with
the reason, and not read again until it changes. Prints what it fetched, imported or refused and
what it could not fetch; exits 1 if anything was refused or could not be fetched. Without --once it reads again every PUBLICATIONS_POLL_SECONDS (default
3600) until stopped. While a server holds the embedded database, --once asks that server to run
the sync (its subscribers hear of the crossings at once).

Options:
  --once    read once and stop`,
    options: { once: { type: 'boolean' } },
    async run({ env, logger, values }) {
      try {
        return await syncDatabase(env, logger, Boolean(values.once));
      } catch (error) {
        // A server holds the embedded database: it runs the sync itself, and its subscribers hear of the crossings.
        if (!(error instanceof DatabaseInUseError) || env.DATABASE_URL.kind !== 'pglite') throw error;
        if (!values.once)
          throw new UsageError(
            'A server holds the embedded database: run `sync --once` (the server runs it), or serve with --watch-publications.',
          );
        return sendOperatorCommand(env.DATABASE_URL.dataDir, { command: 'sync' }, TERMINAL);
      }
    },
  },
  seed: {
    summary: 'load the reference data (mandates, metrics, targets, organisations)',
    help: `Usage: nhs-mandate-graph seed

Writes the project's seed (prisma/seed: the 2017-18 and 2023 mandates with every priority,
milestone and target, the metrics, DHSC and NHS England) and, from the mirror's ONS and ODS files,
the 7 regions, 42 ICBs, 106 sub-ICB locations and the NHS trusts. Idempotent: only what differs is written. The database
must be migrated first (\`migrate\`).`,
    async run({ env, logger }) {
      return withDatabase(env, async (db) => {
        const { pending } = await migrationStatus(db);
        if (pending.length > 0)
          throw new UsageError(`The database lacks ${pending.length} migration(s): run \`migrate\` first.`);
        logSeed(logger, await seedReferenceData(db, loadReferenceData(referenceFolders(publicationOrigin(env)))));
        return 0;
      });
    },
  },
};

/** `sync` against the database itself: once, or on an interval until stopped. */
async function syncDatabase(env: Environment, logger: Logger, once: boolean): Promise<number> {
  return withDatabase(env, async (db) => {
    const { pending } = await migrationStatus(db);
    if (pending.length > 0)
      throw new UsageError(`The database lacks ${pending.length} migration(s): run \`migrate\` first.`);
    if (once) {
      const progress = createProgressBar();
      const synced = await syncPublications(db, { ...publicationOrigin(env, progress), now: new Date() });
      progress.finish();
      return reportSync(synced, TERMINAL);
    }
    const watcher = watchPublications(db, logger, {
      ...publicationOrigin(env),
      everyMs: env.PUBLICATIONS_POLL_SECONDS * 1_000,
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await watcher.stop();
    return 0;
  });
}

/** Says what a sync did; exit code 1 if it refused anything. */
function reportSync(synced: readonly SyncedFile[], out: Output): number {
  for (const file of synced) {
    if (file.fetched) out.log(`fetched ${file.name} (${file.publication}) from ${file.location}`);
    if (file.outcome === 'imported')
      out.log(
        `imported ${file.name} (${file.publication}): ${file.inserted} inserted, ${file.revised} revised, ${file.crossings} crossings`,
      );
    if (file.outcome === 'refused') out.error(`refused ${file.name} (${file.publication}): ${file.reason}`);
    if (file.outcome === 'unavailable')
      out.error(`could not fetch ${file.location} (${file.publication}): ${file.reason}`);
  }
  const read = synced.filter((file) => file.outcome !== 'unavailable');
  const unchanged = read.filter((file) => file.outcome === 'unchanged').length;
  const fetched = synced.filter((file) => file.fetched).length;
  const unavailable = synced.length - read.length;
  out.log(
    `${read.length} files read: ${read.length - unchanged} new or changed, ${unchanged} unchanged${fetched > 0 ? `; ${fetched} fetched from the publishers` : ''}${unavailable > 0 ? `; ${unavailable} could not be fetched` : ''}`,
  );
  return synced.some((file) => file.outcome === 'refused' || file.outcome === 'unavailable') ? 1 : 0;
}

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

/**
 * Migrates, seeds and, on an empty database, imports the monthly A&E files from the mirror of the
 * publishers' files; resolves with the publications it lacked (named in one log line). Without a
 * mirror the monthly files are downloaded once the server is up (they are among those lacked until then).
 */
type Tracing = Awaited<ReturnType<typeof startTracing>>;

/**
 * The event bus, waited for a while: a server serves even if Redis is down at start (its own
 * subscribers are served, others catch up from the log by cursor, and the bus keeps trying).
 */
async function connectBus(env: Environment, logger: Logger, metrics: Metrics): Promise<EventBus> {
  // Loaded to serve only, as are the metrics and the identity provider: the other commands start without them.
  const { createEventBus } = await import('../events/bus.js');
  const bus = createEventBus({ redisUrl: env.REDIS_URL, channel: env.REDIS_CHANNEL, logger, metrics });
  const connected = await Promise.race([
    bus.ready().then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000).unref()),
  ]);
  if (!connected) logger.warn('redis not reachable yet: serving; crossings reach other instances once it is');
  return bus;
}

/** The process's metrics registry, for serving. */
async function createServerMetrics(): Promise<Metrics> {
  return (await import('../events/metrics.js')).createMetrics();
}

/** The API's settings from the environment, the same for a single server and for each worker. */
async function apiOptions(
  env: Environment,
  parts: { db: Database; logger: Logger; bus: EventBus; metrics: Metrics; missingSources: string[]; tracing: Tracing },
): Promise<AppDependencies> {
  // Loaded to serve only: the guards' plugins bring graphql and its armour with them.
  const [{ queryLimitsFromEnvironment }, { trafficLimitsFromEnvironment }, { identityProviderFromEnvironment }] =
    await Promise.all([
      import('../server/limits.js'),
      import('../server/traffic.js'),
      import('../services/identity-tokens.js'),
    ]);
  return {
    db: parts.db,
    logger: parts.logger,
    bus: parts.bus,
    metrics: parts.metrics,
    missingSources: parts.missingSources,
    ...(parts.tracing ? { tracer: parts.tracing.tracer } : {}),
    development: env.NODE_ENV !== 'production',
    requireKeyForReads: env.REQUIRE_KEY_FOR_READS,
    queryLimits: queryLimitsFromEnvironment(env),
    trafficLimits: trafficLimitsFromEnvironment(env),
    persistedOperationsOnlyFor: env.PERSISTED_OPERATIONS_ONLY,
    responseCacheEntries: env.RESPONSE_CACHE_ENTRIES,
    identityProvider: identityProviderFromEnvironment(env),
    notifications: {
      settings: {
        allowed: env.NOTIFY_ALLOW_PRIVATE_TARGETS,
        smtp: env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null,
        publicUrl: env.PUBLIC_URL ?? null,
        groupWaitMs: env.NOTIFY_GROUP_WAIT_SECONDS * 1000,
      },
    },
  };
}

/**
 * One of `serve --workers`' processes: the primary has prepared the database and watches the
 * publications; a worker only serves, on the port the workers share.
 */
async function serveAsWorker(
  env: Environment,
  logger: Logger,
  { port, host, stopSignal }: { port: number; host: string; stopSignal: Promise<string> },
): Promise<number> {
  const appModule = import('../server/app.js');
  const missingSources = await awaitBriefing();
  const tracing = await startTracing();
  const db = await openDatabase(env.DATABASE_URL, tracing ? { tracer: tracing.tracer } : {});
  const metrics = await createServerMetrics();
  const bus = await connectBus(env, logger, metrics);
  const app = (await appModule).buildApp(await apiOptions(env, { db, logger, bus, metrics, missingSources, tracing }));
  await app.start(port, host);
  logger.info('stopping', { signal: await stopSignal });
  await app.stop();
  await bus.close();
  await db.close();
  await tracing?.shutdown();
  leaveCluster();
  return 0;
}

async function prepare(
  db: Database,
  logger: Logger,
  { fixtures, origin }: { fixtures: boolean; origin: PublicationOrigin },
): Promise<string[]> {
  const applied = await applyMigrations(db);
  if (applied.length > 0) logger.info('migrations applied', { applied });
  const reference = loadReferenceData(referenceFolders(origin));
  logSeed(logger, await seedReferenceData(db, reference));
  const wantsData = fixtures && (await db.prisma.measurement.count({ take: 1 })) === 0;
  const inMirror = wantsData
    ? FIRST_START_PUBLICATIONS.filter((publication) => filesInMirror(origin.mirror, publication).length > 0)
    : [];
  const missing: Publication[] = [
    ...reference.missing,
    ...(wantsData ? FIRST_START_PUBLICATIONS.filter((publication) => !inMirror.includes(publication)) : []),
  ];
  if (missing.length > 0) {
    logger.warn('publications missing: serving without them', {
      missing: missing.map((publication) => publication.key),
      mirror: origin.mirror ?? 'none',
      ...(missing.some((publication) => downloadable(publication, origin.mirror))
        ? {
            downloading: missing
              .filter((publication) => downloadable(publication, origin.mirror))
              .map((publication) => publication.key),
          }
        : {}),
      how: `set NHS_DATA_DIR to a folder holding the publishers' files in their layout (one folder per publication, as ../shared/data), or run the server beside ../shared/data${
        missing.some((publication) => publication.mirrorOnly)
          ? `; ${missing
              .filter((publication) => publication.mirrorOnly)
              .map((publication) => `${publication.key}: ${publication.mirrorOnly}`)
              .join('; ')}`
          : ''
      }`,
    });
  }
  if (inMirror.length === 0) return missing.map((publication) => publication.key);
  // As a sync does it, month by month, so that a later sync knows these files.
  const synced = await syncPublications(db, { mirror: origin.mirror, now: new Date(), only: inMirror });
  const refused = synced.find((file) => file.outcome === 'refused');
  if (refused)
    throw new ImportFailed(
      `The mirror's file ${refused.name} (${refused.publication}) did not import: ${refused.reason}`,
    );
  logger.info('publications imported from the mirror', {
    files: Object.fromEntries(
      inMirror.map((publication) => [
        publication.key,
        synced.filter((file) => file.publication === publication.key).length,
      ]),
    ),
    values: synced.reduce((sum, file) => sum + file.inserted, 0),
    crossings: synced.reduce((sum, file) => sum + file.crossings, 0),
  });
  return missing.map((publication) => publication.key);
}

/** What a first start imports into an empty database: NHS England's monthly A&E files, the ambulance indicators, the cancer waiting times, the diagnostics waiting times, virtual wards and England's referral-to-treatment waiting list. */
const FIRST_START_PUBLICATIONS: readonly Publication[] = [
  PUBLICATIONS.aeMonthly,
  PUBLICATIONS.ambsys,
  PUBLICATIONS.cwtProvider,
  PUBLICATIONS.dm01,
  PUBLICATIONS.virtualWards,
  PUBLICATIONS.rttOverview,
];

/** Whether a publication the server lacks is fetched from its publisher (the mirror does not keep it). */
function downloadable(publication: Publication, mirror: string | null): boolean {
  return publication.download !== undefined && !mirrorKeeps(mirror, publication);
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
      allowPositionals: command.allowPositionals ?? false,
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
      error instanceof ReferenceDataError ||
      error instanceof ImportFailed
    ) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
