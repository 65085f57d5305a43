import type { Database } from '../db/database.js';
import { ALL_METRICS, type EventBus, type MeasurementEvent } from './bus.js';

export interface MeasurementSelection {
  odsCodes?: readonly string[] | null;
  organisationTypes?: readonly string[] | null;
  regionOdsCodes?: readonly string[] | null;
  /** true: only ambulance services; false: only other organisations; absent: either. */
  ambulanceServices?: boolean | null;
  metricCodes?: readonly string[] | null;
}

/** The bus events for measurements a committed write recorded (one flat query: a batch can hold 10,000). */
export async function measurementEvents(db: Database, ids: readonly number[]): Promise<MeasurementEvent[]> {
  if (ids.length === 0) return [];
  return db.prisma.$queryRaw<MeasurementEvent[]>`
    SELECT m."id", m."period", o."odsCode", o."type"::text AS "organisationType", r."odsCode" AS "regionOdsCode", o."ambulanceService", x."code" AS "metricCode"
      FROM "Measurement" m
      JOIN "Organisation" o ON o."id" = m."organisationId"
      LEFT JOIN "Organisation" r ON r."id" = o."regionId"
      JOIN "Metric" x ON x."id" = m."metricId"
     WHERE m."id" = ANY(${[...ids]}::int[])`;
}

const allows = (list: readonly string[] | null | undefined, value: string | null) =>
  !list || (value !== null && list.includes(value));

/**
 * Live measurements as they are recorded (no replay: values are queryable at any time). Events
 * wait in a bounded queue; a subscriber that lets 10,000 pile up is ended rather than let memory grow.
 */
export async function* measurementStream(
  bus: EventBus,
  selection: MeasurementSelection,
  signal: AbortSignal,
  maxQueued = 10_000,
): AsyncGenerator<number> {
  const queue: number[] = [];
  let overflowed = false;
  let wake: (() => void) | undefined;
  const stops = (selection.metricCodes ?? [ALL_METRICS]).map((metricCode) =>
    bus.onMeasurement(metricCode, (event) => {
      if (
        !allows(selection.odsCodes, event.odsCode) ||
        !allows(selection.organisationTypes, event.organisationType) ||
        !allows(selection.regionOdsCodes, event.regionOdsCode)
      )
        return;
      if (typeof selection.ambulanceServices === 'boolean' && selection.ambulanceServices !== event.ambulanceService)
        return;
      if (queue.length >= maxQueued) overflowed = true;
      else queue.push(event.id);
      wake?.();
    }),
  );
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal.aborted) {
      while (queue.length > 0) yield queue.shift()!;
      if (overflowed)
        throw new Error(`This subscription fell more than ${maxQueued} measurements behind and was ended.`);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const stop of stops) stop();
  }
}
