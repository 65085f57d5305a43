import type { Database } from '../db/database.js';
import { createRankingService } from './ranking.js';
import { createStandingService } from './standing.js';

export interface ServiceDependencies {
  db: Database;
  /** Today's date (ISO), passed in so that tests can fix it. */
  today: () => string;
}

/** The use-cases for one request: their batching caches live as long as the request. */
export function createServices({ db, today }: ServiceDependencies) {
  const standings = createStandingService(db, today);
  return {
    standings,
    ranking: createRankingService(db, standings),
  };
}

export type Services = ReturnType<typeof createServices>;
