import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { parseCrossingCursor, type CrossingRoute, type CrossingSelection } from '../domain/crossing-filter.js';
import type { CrossingLogTail } from '../events/crossing-log.js';
import { DomainError, UnknownMetricError } from './errors.js';

export class InvalidCursorError extends DomainError {
  readonly code = 'INVALID_CURSOR';
}

export class UnknownOrganisationError extends DomainError {
  readonly code = 'UNKNOWN_ORGANISATION';
}

/**
 * Refuses a filter naming a metric or organisation that does not exist: a subscription with a typo
 * in it would otherwise wait, silently, for ever.
 */
export async function checkSelectionCodes(db: Database, selection: Pick<CrossingSelection, 'metricCodes' | 'odsCodes' | 'regionOdsCodes'>): Promise<void> {
  const metricCodes = [...new Set(selection.metricCodes ?? [])];
  const odsCodes = [...new Set([...(selection.odsCodes ?? []), ...(selection.regionOdsCodes ?? [])])];
  const [metrics, organisations] = await Promise.all([
    metricCodes.length > 0 ? db.prisma.metric.findMany({ where: { code: { in: metricCodes } }, select: { code: true } }) : [],
    odsCodes.length > 0 ? db.prisma.organisation.findMany({ where: { odsCode: { in: odsCodes } }, select: { odsCode: true } }) : [],
  ]);
  const unknownMetric = metricCodes.find((code) => !metrics.some((metric) => metric.code === code));
  if (unknownMetric !== undefined) throw new UnknownMetricError(unknownMetric.slice(0, 40));
  const unknown = odsCodes.filter((code) => !organisations.some((organisation) => organisation.odsCode === code));
  if (unknown.length > 0) throw new UnknownOrganisationError(`There is no organisation with ODS code ${unknown.slice(0, 5).map((code) => `"${code.slice(0, 20)}"`).join(', ')}.`);
}

/** The organisation types a crossing filter covers when it names none: operations rooms watch ICBs. */
export const DEFAULT_CROSSING_TYPES = ['ICB'] as const;

export function crossingWhere(selection: CrossingSelection): Prisma.CrossingWhereInput {
  return {
    ...(selection.milestoneIds ? { milestoneId: { in: [...selection.milestoneIds] } } : {}),
    ...(selection.directions ? { direction: { in: [...selection.directions] } } : {}),
    ...(selection.metricCodes ? { metric: { code: { in: [...selection.metricCodes] } } } : {}),
    organisation: {
      ...(selection.odsCodes ? { odsCode: { in: [...selection.odsCodes] } } : {}),
      ...(selection.organisationTypes ? { type: { in: selection.organisationTypes as never } } : {}),
      ...(selection.regionOdsCodes ? { region: { odsCode: { in: [...selection.regionOdsCodes] } } } : {}),
    },
  };
}

/**
 * The sequence a cursor names; refuses one that is malformed or that the log has not reached
 * (a cursor from another deployment, or made up).
 */
export async function resolveCursor(tail: CrossingLogTail, cursor: string | null | undefined): Promise<bigint | null> {
  if (cursor === null || cursor === undefined) return null;
  const sequence = parseCrossingCursor(cursor);
  if (sequence === undefined) throw new InvalidCursorError(`"${cursor.slice(0, 40)}" is not a crossing cursor (the digits of a crossing's \`cursor\`).`);
  if (!(await tail.reaches(sequence))) throw new InvalidCursorError(`Cursor ${cursor} is beyond the end of the crossing log.`);
  return sequence;
}

/** Routing facts of logged crossings, for matching them against subscribers' filters. */
export async function crossingRoutes(db: Database, where: Prisma.CrossingWhereInput, take?: number): Promise<CrossingRoute[]> {
  const rows = await db.prisma.crossing.findMany({
    where,
    orderBy: { sequence: 'asc' },
    ...(take ? { take } : {}),
    select: {
      sequence: true,
      milestoneId: true,
      direction: true,
      metric: { select: { code: true } },
      organisation: { select: { odsCode: true, type: true, region: { select: { odsCode: true } } } },
    },
  });
  return rows.map((row) => ({
    sequence: row.sequence,
    odsCode: row.organisation.odsCode,
    organisationType: row.organisation.type,
    regionOdsCode: row.organisation.region?.odsCode ?? null,
    metricCode: row.metric.code,
    milestoneId: row.milestoneId,
    direction: row.direction,
  }));
}
