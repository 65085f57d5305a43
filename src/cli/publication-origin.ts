import path from 'node:path';
import type { Environment } from '../config/env.js';
import { DEFAULT_DOWNLOAD_LIMITS } from '../ingest/publisher-download.js';
import { mirrorFolder } from '../ingest/publications.js';
import type { PublicationOrigin } from '../services/publication-sync.js';
import { createProgressBar } from './progress.js';

/**
 * Where the publications are read from, as the environment says: the mirror folder for the
 * publications it keeps, the publishers for the others, with the downloaded copies kept beside the
 * embedded database (or under ./.data). With a progress bar, each download shows on the terminal.
 */
export function publicationOrigin(
  env: Environment,
  progress?: ReturnType<typeof createProgressBar>,
): PublicationOrigin {
  const mirror = mirrorFolder(env.NHS_DATA_DIR);
  const store =
    env.PUBLICATIONS_DIR ??
    (env.DATABASE_URL.kind === 'pglite'
      ? `${path.resolve(env.DATABASE_URL.dataDir)}.publications`
      : path.resolve('.data', 'publications'));
  return {
    mirror,
    publishers: {
      store: path.resolve(store),
      limits: {
        ...DEFAULT_DOWNLOAD_LIMITS,
        timeoutMs: env.PUBLICATIONS_TIMEOUT_SECONDS * 1_000,
        maxBytes: env.PUBLICATIONS_MAX_BYTES,
      },
      via: env.PUBLISHERS_VIA,
      since: env.PUBLICATIONS_SINCE,
      onProgress:
        progress &&
        ((name, received, total) =>
          progress.update(received, total ?? received, `${name} ${Math.round(received / 1024)} KiB`)),
    },
  };
}
