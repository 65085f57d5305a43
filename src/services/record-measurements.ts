import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import {
  checkMeasurement,
  type CheckedMeasurement,
  type MeasurementClaim,
  type MeasurementProblem,
  type MetricRules,
} from '../domain/measurement.js';
import { sameMeasurement } from '../domain/roll-up.js';
import { rolledUpValues } from './roll-up-sums.js';
import { writeAudit, type AuditedAction } from './audit.js';
import type { OrganisationPlace } from '../domain/access.js';
import { evaluateTargets, type ChangedMeasurement } from './evaluate-targets.js';
import { evaluateWatches } from './evaluate-watches.js';
import type { WatchEventRoute } from '../domain/watch.js';
import type { LoggedCrossing } from '../events/crossing-log.js';
import type { EventBus } from '../events/bus.js';
import type { Metrics } from '../events/metrics.js';
import { measurementEvents } from '../events/measurement-stream.js';

type Tx = Prisma.TransactionClient;

/** The most rows one call may carry. */
export const MAX_BATCH_ROWS = 10_000;

export interface RecordMeasurementsInput {
  /** Where the values come from; a claim's own `source` (an imported file's name) overrides it. */
  source: string;
  measurements: readonly (MeasurementClaim & { source?: string })[];
}

export interface RecordMeasurementsResult {
  inserted: number;
  revised: number;
  unchanged: number;
  /** Derived measurements (ICB, region, England) created or changed by this write. */
  rollUpsRecomputed: number;
  /** Crossings the write appended to the log, in sequence order: to publish once it has committed. */
  crossings: LoggedCrossing[];
  /** Watch events the write appended to their log, in sequence order: to publish once it has committed. */
  watchEvents: WatchEventRoute[];
  /** IDs of the reported (not derived) measurements the write inserted or revised: to publish once it has committed. */
  recorded: number[];
  /** Non-empty means nothing was written. */
  errors: MeasurementProblem[];
}

export interface RecordOptions {
  /** Today (ISO date): periods after it are refused. */
  today: string;
  /** The time recorded against every row written. */
  now: Date;
  /**
   * Runs inside the transaction after the write and its roll-ups, before commit; problems it
   * returns undo the whole write (an import's check of the published England total, say).
   */
  verify?: (tx: Tx) => Promise<MeasurementProblem[]>;
  /** Runs inside the transaction before anything is read (an import creating the providers it found). */
  prepare?: (tx: Tx) => Promise<void>;
  /** Whose write this is, for the audit log (every write, refused or not, leaves an entry). */
  audit: AuditedAction;
  /** Whether the writer may record values for an organisation; rows for others are refused (FORBIDDEN_ORGANISATION). Absent: anywhere. */
  mayWriteFor?: (organisation: OrganisationPlace) => boolean;
  /**
   * The most rows accepted; an importer, which already holds the whole file set in memory,
   * raises it to keep a multi-file import in one transaction. Default MAX_BATCH_ROWS.
   */
  maxRows?: number;
}

const sourceSchema = z
  .string()
  .trim()
  .min(1, 'source must name where the values come from')
  .max(500, 'source is at most 500 characters');

/** Thrown inside the transaction to undo it; carries the problems back out. */
class Rejected extends Error {
  constructor(readonly problems: MeasurementProblem[]) {
    super('write rejected');
  }
}

const problemsOnly = (errors: MeasurementProblem[]): RecordMeasurementsResult => ({
  inserted: 0,
  revised: 0,
  unchanged: 0,
  rollUpsRecomputed: 0,
  crossings: [],
  watchEvents: [],
  recorded: [],
  errors,
});

const changedMeasurement = (row: Upsert): ChangedMeasurement => ({
  metricId: row.metricId,
  organisationId: row.organisationId,
  period: row.measurement.period.label,
  periodEnd: row.measurement.period.end,
  value: row.measurement.value,
});

/**
 * Records a batch of measurements, all or nothing: every row is checked first (unknown codes,
 * periods, impossible values, duplicates, roll-up levels); a batch with any problem writes nothing
 * and returns every problem with its row's index. Otherwise, in one transaction: new values are
 * inserted, changed ones revised (the old value kept in the history), identical ones left alone,
 * and the ICB, region and England roll-ups they feed recomputed.
 */
export async function recordMeasurements(
  db: Database,
  input: RecordMeasurementsInput,
  options: RecordOptions,
): Promise<RecordMeasurementsResult> {
  const result = await attemptWrite(db, input, options);
  // A successful write audited itself in its transaction; a refused one is audited now, with nothing written.
  if (result.errors.length > 0) {
    await writeAudit(db.prisma, options.audit, {
      rows: 0,
      succeeded: false,
      detail: {
        rowsSent: input.measurements.length,
        problems: result.errors.length,
        firstProblem: result.errors[0]!.code,
      },
    });
  }
  return result;
}

/**
 * Tells subscribers what a committed write recorded; call only after the commit, so that a refused
 * or rolled-back write publishes nothing. Crossings and watch events go first, with nothing to read: operations
 * rooms wait on them.
 */
export async function publishRecorded(
  db: Database,
  bus: EventBus,
  metrics: Metrics,
  result: RecordMeasurementsResult,
): Promise<void> {
  if (result.crossings.length > 0 || result.watchEvents.length > 0) {
    await bus.publish({ crossings: result.crossings.map(({ route }) => route), watchEvents: result.watchEvents });
    metrics.crossingsPublished(result.crossings.length);
  }
  const measurements = await measurementEvents(db, result.recorded);
  if (measurements.length > 0) await bus.publish({ measurements });
}

async function attemptWrite(
  db: Database,
  input: RecordMeasurementsInput,
  options: RecordOptions,
): Promise<RecordMeasurementsResult> {
  const source = sourceSchema.safeParse(input.source);
  if (!source.success)
    return problemsOnly([
      { index: null, field: 'source', code: 'INVALID_SOURCE', message: source.error.issues[0]!.message },
    ]);
  const maxRows = options.maxRows ?? MAX_BATCH_ROWS;
  if (input.measurements.length > maxRows) {
    return problemsOnly([
      {
        index: null,
        field: 'measurements',
        code: 'BATCH_TOO_LARGE',
        message: `A batch holds at most ${maxRows} rows, not ${input.measurements.length}: split it.`,
      },
    ]);
  }
  try {
    return await db.prisma.$transaction(
      async (tx) => {
        await options.prepare?.(tx);
        const checked = await checkBatch(tx, input.measurements, options.today, options.mayWriteFor);
        if (checked.problems.length > 0) throw new Rejected(checked.problems);
        const { changed, changedIds, ...counts } = await write(tx, checked.rows, source.data, options.now);
        const rollUps = await recomputeRollUps(tx, checked.rows, source.data, options.now);
        const changedRows = [...changed, ...rollUps.changed].map(changedMeasurement);
        // Watches before targets: appending crossings stays the write's last step, so their time is the commit's.
        const watchEvents = await evaluateWatches(tx, changedRows, options.now);
        const crossings = await evaluateTargets(tx, changedRows, options.now);
        const problems = (await options.verify?.(tx)) ?? [];
        if (problems.length > 0) throw new Rejected(problems);
        await writeAudit(tx, options.audit, {
          rows: counts.inserted + counts.revised,
          succeeded: true,
          detail: {
            source: source.data,
            ...counts,
            rollUpsRecomputed: rollUps.recomputed,
            crossings: crossings.length,
            watchEvents: watchEvents.length,
          },
        });
        return {
          ...counts,
          rollUpsRecomputed: rollUps.recomputed,
          crossings,
          watchEvents,
          recorded: changedIds,
          errors: [],
        };
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof Rejected) return problemsOnly(error.problems);
    throw error;
  }
}

interface ResolvedRow {
  index: number;
  source: string | undefined;
  metric: MetricRules & { id: number; rollUpToIcb: boolean };
  organisationId: number;
  measurement: CheckedMeasurement;
}

async function checkBatch(
  tx: Tx,
  claims: RecordMeasurementsInput['measurements'],
  today: string,
  mayWriteFor: RecordOptions['mayWriteFor'],
): Promise<{ rows: ResolvedRow[]; problems: MeasurementProblem[] }> {
  const metrics = new Map(
    (await tx.metric.findMany({ where: { code: { in: [...new Set(claims.map((claim) => claim.metricCode))] } } })).map(
      (metric) => [metric.code, metric],
    ),
  );
  const organisations = new Map(
    (
      await tx.organisation.findMany({
        where: { odsCode: { in: [...new Set(claims.map((claim) => claim.odsCode))] } },
        select: { id: true, odsCode: true, type: true, parentId: true, icbId: true, regionId: true },
      })
    ).map((organisation) => [organisation.odsCode, organisation]),
  );
  const problems: MeasurementProblem[] = [];
  const rows: ResolvedRow[] = [];
  const firstIndex = new Map<string, number>();
  claims.forEach((claim, index) => {
    const metric = metrics.get(claim.metricCode);
    const organisation = organisations.get(claim.odsCode);
    if (!metric)
      problems.push({
        index,
        field: 'metricCode',
        code: 'UNKNOWN_METRIC',
        message: `There is no metric with code "${claim.metricCode}".`,
      });
    if (!organisation)
      problems.push({
        index,
        field: 'odsCode',
        code: 'UNKNOWN_ORGANISATION',
        message: `There is no organisation with ODS code "${claim.odsCode}".`,
      });
    else if (mayWriteFor && !mayWriteFor(organisation)) {
      problems.push({
        index,
        field: 'odsCode',
        code: 'FORBIDDEN_ORGANISATION',
        message: `This key may not record values for ${claim.odsCode}: only for the organisations it answers for and those under them.`,
      });
    }
    const key = `${claim.metricCode}\u0000${claim.odsCode}\u0000${claim.period}`;
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) {
      problems.push({
        index,
        field: null,
        code: 'DUPLICATE_ROW',
        message: `Row ${index} repeats row ${earlier} (${claim.metricCode}, ${claim.odsCode}, ${claim.period}).`,
      });
      return;
    }
    firstIndex.set(key, index);
    if (!metric || !organisation) return;
    const result = checkMeasurement(claim, metric, organisation.type, today);
    if (!result.ok) problems.push(...result.problems.map((problem) => ({ ...problem, index })));
    else
      rows.push({
        index,
        source: claim.source,
        metric,
        organisationId: organisation.id,
        measurement: result.measurement,
      });
  });
  return { rows, problems };
}

interface ExistingRow {
  id: number;
  metricId: number;
  organisationId: number;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  derived: boolean;
  source: string;
  revision: number;
  recordedAt: Date;
}

const keyOf = (metricId: number, organisationId: number, period: string) => `${metricId}:${organisationId}:${period}`;

/** The current rows for a set of (metric, organisation, period) keys, in one query. */
async function existingRows(
  tx: Tx,
  keys: readonly { metricId: number; organisationId: number; period: string }[],
): Promise<Map<string, ExistingRow>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<ExistingRow[]>(
    `SELECT m."id", m."metricId", m."organisationId", m."period", m."value", m."numerator", m."denominator", m."derived", m."source", m."revision", m."recordedAt"
       FROM "Measurement" m
       JOIN unnest($1::int[], $2::int[], $3::text[]) AS k("metricId", "organisationId", "period")
         ON m."metricId" = k."metricId" AND m."organisationId" = k."organisationId" AND m."period" = k."period"`,
    keys.map((key) => key.metricId),
    keys.map((key) => key.organisationId),
    keys.map((key) => key.period),
  );
  return new Map(rows.map((row) => [keyOf(row.metricId, row.organisationId, row.period), row]));
}

interface Upsert {
  metricId: number;
  organisationId: number;
  measurement: CheckedMeasurement;
  derived: boolean;
  source: string;
}

/** Inserts what is new and revises what changed; returns the counts. */
async function upsert(
  tx: Tx,
  upserts: readonly Upsert[],
  now: Date,
): Promise<{ inserted: number; revised: number; unchanged: number; changed: Upsert[]; changedIds: number[] }> {
  const existing = await existingRows(
    tx,
    upserts.map((row) => ({
      metricId: row.metricId,
      organisationId: row.organisationId,
      period: row.measurement.period.label,
    })),
  );
  const inserts: Upsert[] = [];
  const revisions: { current: ExistingRow; next: Upsert }[] = [];
  let unchanged = 0;
  for (const row of upserts) {
    const current = existing.get(keyOf(row.metricId, row.organisationId, row.measurement.period.label));
    if (!current) {
      inserts.push(row);
    } else if (sameMeasurement(current, row.measurement)) {
      unchanged += 1;
    } else {
      revisions.push({ current, next: row });
    }
  }
  const insertedIds = await insertMeasurements(tx, inserts, now);
  if (revisions.length > 0) {
    await tx.measurementRevision.createMany({
      data: revisions.map(({ current }) => ({
        measurementId: current.id,
        revision: current.revision,
        value: current.value,
        numerator: current.numerator,
        denominator: current.denominator,
        source: current.source,
        recordedAt: current.recordedAt,
        replacedAt: now,
      })),
    });
    await tx.$executeRawUnsafe(
      `UPDATE "Measurement" AS m
          SET "value" = u."value", "numerator" = u."numerator", "denominator" = u."denominator",
              "source" = u."source", "recordedAt" = $6, "revision" = m."revision" + 1
         FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::text[]) AS u("id", "value", "numerator", "denominator", "source")
        WHERE m."id" = u."id"`,
      revisions.map(({ current }) => current.id),
      revisions.map(({ next }) => next.measurement.value),
      revisions.map(({ next }) => next.measurement.numerator),
      revisions.map(({ next }) => next.measurement.denominator),
      revisions.map(({ next }) => next.source),
      now,
    );
  }
  return {
    inserted: inserts.length,
    revised: revisions.length,
    unchanged,
    changed: [...inserts, ...revisions.map(({ next }) => next)],
    changedIds: [...insertedIds, ...revisions.map(({ current }) => current.id)],
  };
}

/**
 * New rows in one statement of parallel arrays: Prisma's createMany spends most of a large batch
 * building its query, where unnest hands the rows to the database as they are.
 */
async function insertMeasurements(tx: Tx, rows: readonly Upsert[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO "Measurement" ("metricId", "organisationId", "period", "periodStart", "periodEnd", "value", "numerator", "denominator", "derived", "source", "recordedAt")
     SELECT r."metricId", r."organisationId", r."period", r."periodStart"::date, r."periodEnd"::date, r."value", r."numerator", r."denominator", r."derived", r."source", $11
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::bool[], $10::text[])
         AS r("metricId", "organisationId", "period", "periodStart", "periodEnd", "value", "numerator", "denominator", "derived", "source")
     RETURNING "id"`,
    rows.map((row) => row.metricId),
    rows.map((row) => row.organisationId),
    rows.map((row) => row.measurement.period.label),
    rows.map((row) => row.measurement.period.start),
    rows.map((row) => row.measurement.period.end),
    rows.map((row) => row.measurement.value),
    rows.map((row) => row.measurement.numerator),
    rows.map((row) => row.measurement.denominator),
    rows.map((row) => row.derived),
    rows.map((row) => row.source),
    now,
  );
  return inserted.map((row) => row.id);
}

function write(tx: Tx, rows: readonly ResolvedRow[], source: string, now: Date) {
  return upsert(
    tx,
    rows.map((row) => ({
      metricId: row.metric.id,
      organisationId: row.organisationId,
      measurement: row.measurement,
      derived: false,
      source: row.source ?? source,
    })),
    now,
  );
}

/**
 * Recomputes the ICB (where the metric rolls up to ICBs), region and England values the written
 * rows feed, from every provider's current value for those periods: summed in SQL per aggregate and period, combined by the
 * domain's roll-up rule. Returns how many derived rows were created or changed.
 */
async function recomputeRollUps(
  tx: Tx,
  rows: readonly ResolvedRow[],
  source: string,
  now: Date,
): Promise<{ recomputed: number; changed: Upsert[] }> {
  const byMetric = new Map<
    number,
    { metric: ResolvedRow['metric']; periods: Map<string, CheckedMeasurement['period']>; organisationIds: Set<number> }
  >();
  for (const row of rows) {
    if (row.metric.aggregation === 'NONE') continue;
    const entry = byMetric.get(row.metric.id) ?? { metric: row.metric, periods: new Map(), organisationIds: new Set() };
    entry.periods.set(row.measurement.period.label, row.measurement.period);
    entry.organisationIds.add(row.organisationId);
    byMetric.set(row.metric.id, entry);
  }
  if (byMetric.size === 0) return { recomputed: 0, changed: [] };
  const upserts: Upsert[] = [];
  for (const { metric, periods, organisationIds } of byMetric.values()) {
    // Each level sums every leaf (provider, or ICB where ICBs report) under the aggregates the written rows belong to.
    for (const aggregate of await rolledUpValues(
      tx,
      'Measurement',
      metric,
      [...periods.keys()],
      [...organisationIds],
    )) {
      upserts.push({
        metricId: metric.id,
        organisationId: aggregate.organisationId,
        measurement: {
          period: periods.get(aggregate.period)!,
          value: aggregate.value,
          numerator: aggregate.numerator,
          denominator: aggregate.denominator,
        },
        derived: true,
        source: `roll-up of provider values (${source})`,
      });
    }
  }
  const counts = await upsert(tx, upserts, now);
  return { recomputed: counts.inserted + counts.revised, changed: counts.changed };
}
