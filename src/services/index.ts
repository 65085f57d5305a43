import type { Database } from '../db/database.js';
import { crossingStream, endableStream, type CrossingLogTail } from '../events/crossing-log.js';
import type { EventBus } from '../events/bus.js';
import type { CrossingSelection } from '../domain/crossing-filter.js';
import { crossingRoutes, resolveCursor } from './crossings.js';
import { measurementEvents, measurementStream, type MeasurementSelection } from '../events/measurement-stream.js';
import { createRankingService } from './ranking.js';
import { recordMeasurements, type RecordMeasurementsInput } from './record-measurements.js';
import { createStandingService } from './standing.js';

export interface ServiceDependencies {
  db: Database;
  bus: EventBus;
  tail: CrossingLogTail;
  /** The clock, passed in so that tests can fix it. */
  now: () => Date;
}

/** The use-cases for one request: their batching caches live as long as the request. */
export function createServices({ db, bus, tail, now }: ServiceDependencies) {
  const today = () => now().toISOString().slice(0, 10);
  const standings = createStandingService(db, today);
  return {
    standings,
    ranking: createRankingService(db, standings),
    measurements: {
      async record(input: RecordMeasurementsInput) {
        const result = await recordMeasurements(db, input, { today: today(), now: now() });
        // Only now, after the commit: a refused or rolled-back write has published nothing.
        const [routes, measurements] = await Promise.all([
          result.crossings.length > 0 ? crossingRoutes(db, { sequence: { in: result.crossings.map((crossing) => crossing.sequence) } }) : [],
          measurementEvents(db, result.recorded),
        ]);
        if (routes.length + measurements.length > 0) {
          await bus.publish({ crossings: routes.map((route) => ({ ...route, sequence: route.sequence.toString() })), measurements });
        }
        return result;
      },
    },
    measurementStream: (selection: MeasurementSelection) => endableStream((signal) => measurementStream(bus, selection, signal)),
    crossings: {
      /** A subscriber's stream of crossing sequences (see crossingStream). */
      async stream(selection: CrossingSelection, after: string | null | undefined) {
        const from = await resolveCursor(db, after);
        return endableStream((signal) => crossingStream(db, tail, selection, from, { signal }));
      },
    },
  };
}

export type Services = ReturnType<typeof createServices>;
