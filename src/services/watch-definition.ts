import { z } from 'zod';
import type { Watch } from '../db/generated/prisma/client.js';
import type { OrganisationSelection } from '../domain/crossing-filter.js';
import { MINIMUM_POINTS } from '../domain/spc.js';
import type { WatchCondition, WatchTiming } from '../domain/watch.js';

/**
 * A watch's definition as it is stored (JSON columns) and read back: checked with zod both ways,
 * so that a row written by an older release, or by hand, is refused loudly rather than misread.
 */

const codes = z.array(z.string().min(1).max(20)).max(1_000).nullable();

export const selectionSchema = z.object({
  odsCodes: codes,
  organisationTypes: z.array(z.string().min(1).max(30)).max(20).nullable(),
  regionOdsCodes: codes,
  ambulanceServices: z.boolean().nullable(),
});

const runLength = z.number().int().min(3).max(24);
const period = z.string().regex(/^\d{4}-\d{2}$/);

export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('TARGET') }),
  z.object({
    kind: z.literal('THRESHOLD'),
    comparator: z.enum(['ABOVE', 'BELOW']),
    value: z.number().finite(),
    clearingMargin: z.number().finite().min(0),
  }),
  z.object({
    kind: z.literal('SPC'),
    rules: z
      .array(z.enum(['OUTSIDE_LIMITS', 'SHIFT', 'TREND', 'TWO_OF_THREE']))
      .min(1)
      .nullable(),
    options: z.object({
      fixAfterPoints: z.number().int().min(MINIMUM_POINTS).max(1000).nullish(),
      rebaseAt: z.array(period).max(50).nullish(),
      screenOutliers: z.boolean().nullish(),
      shiftPoints: runLength.nullish(),
      trendPoints: runLength.nullish(),
    }),
  }),
]);

export const labelsSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/), z.string().max(500))
  .refine((labels) => Object.keys(labels).length <= 20, 'at most 20 labels');

/** A watch as evaluation needs it. */
export interface WatchDefinition {
  id: number;
  metricId: number;
  selection: OrganisationSelection;
  condition: WatchCondition;
  timing: WatchTiming;
  labels: Record<string, string>;
}

export function readWatch(
  row: Pick<Watch, 'id' | 'metricId' | 'selection' | 'condition' | 'labels' | 'forPeriods' | 'keepFiringForPeriods'>,
): WatchDefinition {
  return {
    id: row.id,
    metricId: row.metricId,
    selection: selectionSchema.parse(row.selection),
    condition: conditionSchema.parse(row.condition),
    timing: { forPeriods: row.forPeriods, keepFiringForPeriods: row.keepFiringForPeriods },
    labels: labelsSchema.parse(row.labels),
  };
}
