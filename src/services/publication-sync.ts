import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { filesInMirror, monthlyAeFiles, PUBLICATIONS, type Publication } from '../ingest/publications.js';
import { importFiles, type ImportFormat, type ImportReport } from './import.js';
import type { Logger } from '../config/logger.js';

/** The publications a sync imports, with the format their files are read in. */
export const IMPORTED_PUBLICATIONS: readonly { publication: Publication; format: ImportFormat; files: (mirror: string | null) => string[] }[] = [
  { publication: PUBLICATIONS.aeMonthly, format: 'nhse-ae-monthly', files: monthlyAeFiles },
  { publication: PUBLICATIONS.aeAttendances2016To2019, format: 'ae-attendances', files: (mirror) => filesInMirror(mirror, PUBLICATIONS.aeAttendances2016To2019) },
];

/** What a sync did with one file. */
export interface SyncedFile {
  publication: string;
  name: string;
  /** imported: new to the server; unchanged: read before with these bytes (imported or refused then); refused: not written, with the reason. */
  outcome: 'imported' | 'unchanged' | 'refused';
  reason?: string;
  inserted: number;
  revised: number;
  crossings: number;
}

export interface SyncOptions {
  /** The mirror of the publishers' files. */
  mirror: string | null;
  now: Date;
  /** Only these publications (default: every one a sync imports). */
  only?: readonly Publication[];
  /** Runs after each imported file has committed (a server publishes its crossings). */
  afterCommit?: Parameters<typeof importFiles>[3]['afterCommit'];
}

/**
 * Imports every file of the known publications that the server has not read with these bytes
 * before, each file in its own transaction, in the publisher's order (months in order): a new
 * month, or a month republished with other figures (a revision), is imported; a file read before
 * is left alone, whether it was imported or refused then, until its bytes change. Every file read
 * is recorded (PublicationFile) with its checksum, size, where it came from and what became of it.
 */
export async function syncPublications(db: Database, { mirror, now, only, afterCommit }: SyncOptions): Promise<SyncedFile[]> {
  const synced: SyncedFile[] = [];
  for (const { publication, format, files } of IMPORTED_PUBLICATIONS) {
    if (only && !only.includes(publication)) continue;
    const source = await db.prisma.source.findUnique({ where: { key: publication.key }, select: { id: true } });
    if (!source) continue;
    for (const file of files(mirror)) {
      const bytes = readFileSync(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const name = path.basename(file);
      const seen = await db.prisma.publicationFile.findUnique({ where: { sourceId_name_sha256: { sourceId: source.id, name, sha256 } }, select: { id: true } });
      if (seen) {
        synced.push({ publication: publication.key, name, outcome: 'unchanged', inserted: 0, revised: 0, crossings: 0 });
        continue;
      }
      const report = await importFiles(db, format, [{ name, text: bytes.toString('utf8') }], { now, ...(afterCommit ? { afterCommit } : {}) });
      const outcome = report.errors.length > 0 ? 'refused' : 'imported';
      const reason = report.errors.length > 0 ? describeRefusal(report) : undefined;
      // Another instance may have read the same bytes at the same moment: one record is enough.
      await db.prisma.publicationFile.createMany({
        skipDuplicates: true,
        data: {
          sourceId: source.id,
          name,
          location: `mirror:${publication.folder}/${name}`,
          sha256,
          bytes: bytes.length,
          retrievedAt: now,
          outcome: outcome === 'imported' ? 'IMPORTED' : 'REFUSED',
          reason: reason ?? null,
          inserted: report.inserted,
          revised: report.revised,
          crossings: report.crossings,
        },
      });
      synced.push({ publication: publication.key, name, outcome, ...(reason ? { reason } : {}), inserted: report.inserted, revised: report.revised, crossings: report.crossings });
    }
  }
  return synced;
}

/** Serialises syncs across instances: one reads the publications at a time. */
const SYNC_LOCK_KEY = 842_024;

/**
 * Runs a sync unless another instance is running one ('busy'). On PostgreSQL the lock is held by a
 * transaction of its own for as long as the sync runs; the embedded database has one process.
 */
export async function withSyncLock<T>(db: Database, work: () => Promise<T>): Promise<T | 'busy'> {
  if (db.kind === 'pglite') return work();
  return db.sqlTransaction(async (session) => {
    const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [SYNC_LOCK_KEY]);
    return row?.locked ? work() : 'busy';
  });
}

function describeRefusal(report: ImportReport): string {
  const [first] = report.errors;
  const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
  return `${first!.code}${first!.line ? ` at line ${first!.line}` : ''}: ${first!.message}${more}`.slice(0, 1_000);
}

/**
 * Syncs the publications every `everyMs` (the first a moment after start), one instance at a time
 * (withSyncLock), logging what each round imported or refused; a round that fails (the database
 * away for a moment) is logged and the next round tries again.
 */
export function watchPublications(
  db: Database,
  logger: Logger,
  { mirror, everyMs, afterCommit }: { mirror: string | null; everyMs: number; afterCommit?: SyncOptions['afterCommit'] },
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const round = async () => {
    const result = await withSyncLock(db, () => syncPublications(db, { mirror, now: new Date(), ...(afterCommit ? { afterCommit } : {}) }));
    if (result === 'busy') return logger.debug('publications: another instance is reading them');
    for (const file of result.filter((synced) => synced.outcome !== 'unchanged')) {
      if (file.outcome === 'refused') logger.warn('publication file refused', { publication: file.publication, file: file.name, reason: file.reason });
      else logger.info('publication file imported', { publication: file.publication, file: file.name, inserted: file.inserted, revised: file.revised, crossings: file.crossings });
    }
  };
  const tick = () => {
    if (running) return;
    running = round()
      .catch((error: unknown) => logger.warn('publications could not be read this round', { error: String(error) }))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  logger.info('watching publications', { mirror: mirror ?? 'none', everySeconds: Math.round(everyMs / 1000) });
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
