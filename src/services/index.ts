import type { Database } from '../db/database.js';
import { actorOf, mayWriteFor, type Viewer } from '../domain/access.js';
import { AuthenticationError, ForbiddenError } from './api-keys.js';
import type { CrossingLogTail } from '../events/crossing-log.js';
import { endableStream } from '../events/log-tail.js';
import type { LiveEventRows } from '../events/shared-rows.js';
import type { EventBus } from '../events/bus.js';
import { createCrossingService } from './crossing-service.js';
import { createWatchService } from './watches.js';
import type { Notifier } from './notifier.js';
import { createReceiverService } from './receivers.js';
import { createRoutingPolicyService } from './routing-policy.js';
import type { WatchLogTail } from '../events/watch-log.js';
import { measurementStream, type MeasurementSelection } from '../events/measurement-stream.js';
import { createMetricCoverage } from './metric-coverage.js';
import { createRankingService } from './ranking.js';
import { publishRecorded, recordMeasurements, type RecordMeasurementsInput } from './record-measurements.js';
import type { Metrics } from '../events/metrics.js';
import { importFiles, importFormat, type ImportFile, type ImportFormat } from './import.js';
import { createStandingService } from './standing.js';
import { createStatisticsService } from './statistics.js';
import { breakdownCategories, breakdownValues } from './breakdowns.js';
import { createSpcService } from './spc.js';
import { createScorecardService } from './scorecard.js';
import type { TargetCatalogue } from './target-catalogue.js';
import { dataVersion } from '../db/data-version.js';
import { registerOperations } from './persisted-operations.js';
import { createTargetAdministration } from './targets.js';
import { createMandateAdministration } from './mandate-administration.js';
import { checkSelectionCodes } from './selection-codes.js';
import { createKeyAdministration } from './api-keys.js';
import type { AuditedAction } from './audit.js';

export interface ServiceDependencies {
  db: Database;
  bus: EventBus;
  tail: CrossingLogTail;
  /** The watch event log's end, kept in memory for the process. */
  watchTail: WatchLogTail;
  /** Rows of live events, shared by the process's subscribers. */
  rows: LiveEventRows;
  /** Metrics and targets, held for the process and reloaded when the data changes. */
  catalogue: TargetCatalogue;
  /** The clock, passed in so that tests can fix it. */
  now: () => Date;
  /** Who is asking (see authenticate). */
  viewer: Viewer;
  /** What the process counts (imports, crossings published). */
  metrics: Metrics;
  /** Routes events to receivers and sends them (one per process). */
  notifier: Notifier;
}

/** Who a write is audited as; the schema lets only keys with the right role reach a write. */
function auditedAs(viewer: Viewer, action: string): AuditedAction {
  if (viewer.kind === 'anonymous')
    throw new AuthenticationError('MISSING', `${action} needs an API key with the right role.`);
  return { actor: actorOf(viewer), role: viewer.role, action };
}

/** The use-cases for one request: their batching caches live as long as the request. */
export function createServices({
  db,
  bus,
  tail,
  watchTail,
  rows,
  catalogue,
  now,
  viewer,
  metrics,
  notifier,
}: ServiceDependencies) {
  const today = () => now().toISOString().slice(0, 10);
  let version: Promise<string> | null = null;
  // Read at most once per request, by whichever needs it first (the response cache, the catalogue).
  const requestDataVersion = () => (version ??= dataVersion(db));
  const standings = createStandingService(db, catalogue, requestDataVersion, today);
  const spc = createSpcService(standings);
  return {
    viewer,
    /** The day standings are judged on (the targets in force then). */
    today,
    dataVersion: requestDataVersion,
    standings,
    ranking: createRankingService(db, standings),
    spc,
    scorecard: createScorecardService({ db, standings, spc }),
    statistics: createStatisticsService(db, standings),
    breakdowns: {
      values: (organisationId: number, metricCode: string, options: Parameters<typeof breakdownValues>[3]) =>
        breakdownValues(db, organisationId, metricCode, options),
      categories: (metricId: number) => breakdownCategories(db, metricId),
    },
    metricCoverage: createMetricCoverage(db),
    measurements: {
      async record(input: RecordMeasurementsInput) {
        // The schema lets only partners and admins this far; a partner writes only for its own organisations.
        const result = await recordMeasurements(db, input, {
          today: today(),
          now: now(),
          audit: auditedAs(viewer, 'recordMeasurements'),
          mayWriteFor: (organisation) => mayWriteFor(viewer, organisation),
        });
        if (result.errors.length === 0) await publishRecorded(db, bus, metrics, result);
        return result;
      },
      /** Imports published files or a partner CSV as the CLI does, publishing what it wrote. */
      async import(format: ImportFormat, files: readonly ImportFile[]) {
        const audit = auditedAs(viewer, `import ${format}`);
        // Publications create the providers they name: only admins may add organisations.
        if (importFormat(format).providerSource !== null && audit.role !== 'ADMIN')
          throw new ForbiddenError(`Only an admin key may import ${format} files: they add organisations.`);
        const report = await importFiles(db, format, files, {
          now: now(),
          actor: { actor: audit.actor, role: audit.role },
          mayWriteFor: (organisation) => mayWriteFor(viewer, organisation),
          afterCommit: (result) => publishRecorded(db, bus, metrics, result),
        });
        metrics.imported(format, report);
        return report;
      },
    },
    targets: createTargetAdministration(db, (action) => auditedAs(viewer, action)),
    mandates: createMandateAdministration(db, (action) => auditedAs(viewer, action)),
    // Keys expire by the real clock, whatever clock the data is judged by.
    apiKeys: createKeyAdministration(
      db,
      () => new Date(),
      (action) => auditedAs(viewer, action),
    ),
    persistedOperations: {
      register(documents: readonly string[], check: Parameters<typeof registerOperations>[2]['check']) {
        return registerOperations(db, documents, { audit: auditedAs(viewer, 'registerOperations'), check });
      },
    },
    async measurementStream(selection: MeasurementSelection) {
      await checkSelectionCodes(db, selection);
      return endableStream((signal) => measurementStream(bus, selection, signal));
    },
    /** A recorded value as subscribers receive it: read once per process. */
    loadRecordedMeasurement: (id: number, query: object) => rows.measurement(id, query),
    crossings: createCrossingService(db, tail, rows),
    receivers: createReceiverService({ db, notifier, viewer, audit: (action) => auditedAs(viewer, action) }),
    routingPolicy: createRoutingPolicyService({
      db,
      owner: actorOf(viewer),
      isAdmin: viewer.kind !== 'anonymous' && viewer.role === 'ADMIN',
      audit: (action) => auditedAs(viewer, action),
    }),
    watches: createWatchService({
      db,
      bus,
      tail: watchTail,
      rows,
      viewer,
      now,
      audit: (action) => auditedAs(viewer, action),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
