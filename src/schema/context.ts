import type { Database } from '../db/database.js';
import type { Services } from '../services/index.js';

/** What every resolver receives: the database for plugin-prisma's planned reads, and the services. */
export interface GraphQLContext {
  db: Database;
  services: Services;
}
