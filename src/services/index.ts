import type { Database } from '../db/database.js';
import { createRankingService } from './ranking.js';
import { recordMeasurements, type RecordMeasurementsInput } from './record-measurements.js';
import { createStandingService } from './standing.js';

export interface ServiceDependencies {
  db: Database;
  /** The clock, passed in so that tests can fix it. */
  now: () => Date;
}

/** The use-cases for one request: their batching caches live as long as the request. */
export function createServices({ db, now }: ServiceDependencies) {
  const today = () => now().toISOString().slice(0, 10);
  const standings = createStandingService(db, today);
  return {
    standings,
    ranking: createRankingService(db, standings),
    measurements: {
      record: (input: RecordMeasurementsInput) => recordMeasurements(db, input, { today: today(), now: now() }),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
