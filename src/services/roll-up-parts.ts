import type { Database } from '../db/database.js';
import type { Measurement, Prisma } from '../db/generated/prisma/client.js';
import { rollUpLeafLevels } from '../domain/measurement.js';

/**
 * The measurements a derived (roll-up) measurement was made from: for an ICB its providers, for a
 * region every provider in it, for England every provider (or, for a metric ICBs report, the ICBs). Empty for a measurement
 * that was reported rather than derived.
 */
export async function rollUpParts(
  db: Database,
  measurement: Pick<Measurement, 'derived' | 'metricId' | 'period' | 'organisationId'>,
): Promise<Measurement[]> {
  if (!measurement.derived) return [];
  const [aggregate, metric] = await Promise.all([
    db.prisma.organisation.findUniqueOrThrow({
      where: { id: measurement.organisationId },
      select: { id: true, type: true },
    }),
    db.prisma.metric.findUniqueOrThrow({ where: { id: measurement.metricId }, select: { icbsReport: true } }),
  ]);
  const within: Record<string, Prisma.OrganisationWhereInput> = {
    ICB: { icbId: aggregate.id },
    REGION: { regionId: aggregate.id },
    NATIONAL_BODY: {},
  };
  const scope = within[aggregate.type];
  if (!scope) return [];
  return db.prisma.measurement.findMany({
    where: {
      metricId: measurement.metricId,
      period: measurement.period,
      derived: false,
      organisation: { ...scope, type: { in: [...rollUpLeafLevels(metric)] } },
    },
    orderBy: { organisationId: 'asc' },
  });
}
