import type { Database } from '../db/database.js';
import type { Metric, Target, TargetScope } from '../db/generated/prisma/client.js';

export type TargetWithScopes = Target & { scopes: TargetScope[] };

/** Every metric and every target with whom it applies to, as they stood at one data version. */
export interface TargetCatalogueSnapshot {
  version: string;
  metricByCode: ReadonlyMap<string, Metric>;
  targetsByMetric: ReadonlyMap<number, readonly TargetWithScopes[]>;
}

/**
 * Metrics and targets (with their scopes) held in memory for the process: a few dozen rows that
 * nearly every standing needs and that change rarely. Each use passes the data's change counter
 * as the request read it (see dataVersion) and the rows are reloaded only when it has moved, so a
 * snapshot is never older than the request that asked for it, whichever process wrote.
 */
export function createTargetCatalogue(db: Database) {
  let held: TargetCatalogueSnapshot | null = null;
  return {
    async current(version: string): Promise<TargetCatalogueSnapshot> {
      if (held?.version === version) return held;
      const [metrics, targets] = await Promise.all([
        db.prisma.metric.findMany(),
        db.prisma.target.findMany({ include: { scopes: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } }),
      ]);
      const targetsByMetric = new Map<number, TargetWithScopes[]>();
      for (const target of targets)
        targetsByMetric.set(target.metricId, [...(targetsByMetric.get(target.metricId) ?? []), target]);
      const snapshot = {
        version,
        metricByCode: new Map(metrics.map((metric) => [metric.code, metric])),
        targetsByMetric,
      };
      held = snapshot;
      return snapshot;
    },
  };
}

export type TargetCatalogue = ReturnType<typeof createTargetCatalogue>;
