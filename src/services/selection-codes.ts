import type { Database } from '../db/database.js';
import type { CrossingSelection } from '../domain/crossing-filter.js';
import { DomainError, UnknownMetricError } from '../domain/errors.js';

export class UnknownOrganisationError extends DomainError {
  readonly code = 'UNKNOWN_ORGANISATION';
}

/**
 * Refuses a filter naming a metric or organisation that does not exist: a subscription with a typo
 * in it would otherwise wait, silently, for ever.
 */
export async function checkSelectionCodes(
  db: Database,
  selection: Pick<CrossingSelection, 'metricCodes' | 'odsCodes' | 'regionOdsCodes'>,
): Promise<void> {
  const metricCodes = [...new Set(selection.metricCodes ?? [])];
  const odsCodes = [...new Set([...(selection.odsCodes ?? []), ...(selection.regionOdsCodes ?? [])])];
  const [metrics, organisations] = await Promise.all([
    metricCodes.length > 0
      ? db.prisma.metric.findMany({ where: { code: { in: metricCodes } }, select: { code: true } })
      : [],
    odsCodes.length > 0
      ? db.prisma.organisation.findMany({ where: { odsCode: { in: odsCodes } }, select: { odsCode: true } })
      : [],
  ]);
  const unknownMetric = metricCodes.find((code) => !metrics.some((metric) => metric.code === code));
  if (unknownMetric !== undefined) throw new UnknownMetricError(unknownMetric.slice(0, 40));
  const unknown = odsCodes.filter((code) => !organisations.some((organisation) => organisation.odsCode === code));
  if (unknown.length > 0)
    throw new UnknownOrganisationError(
      `There is no organisation with ODS code ${unknown
        .slice(0, 5)
        .map((code) => `"${code.slice(0, 20)}"`)
        .join(', ')}.`,
    );
}
