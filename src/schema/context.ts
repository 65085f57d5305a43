import type { Database } from '../db/database.js';
import type { Services } from '../services/index.js';

/** What every resolver receives: the database for plugin-prisma's planned reads, the services (with who is asking), and the access setting. */
export interface GraphQLContext {
  db: Database;
  services: Services;
  /** The same caller's services made anew, with empty per-request caches: for each event of a long-lived subscription. */
  renewServices(): Services;
  /** When set, anonymous callers may not read either. */
  requireKeyForReads: boolean;
  /** The client's address (per-address limits for callers without a key). */
  address: string;
}
