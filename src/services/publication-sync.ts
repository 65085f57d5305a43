import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../db/database.js';
import {
  obtainFromMirror,
  obtainFromPublisher,
  type Obtained,
  type PublisherAccess,
} from '../ingest/publisher-copies.js';
import { overdueRelease } from '../domain/release.js';
import { fileNameOf, type Publication } from '../ingest/publication.js';
import { mirrorKeeps } from '../ingest/publications.js';
import { ReferenceDataError } from '../ingest/reference-files.js';
import { IMPORT_FORMATS, importFiles, importFormat, type ImportFormat, type ImportReport } from './import.js';
import { loadReferenceData, ORGANISATION_SOURCES, type ReferenceFolders } from './reference-data.js';
import { seedReferenceData } from './seed.js';
import type { Logger } from '../config/logger.js';

/** The publications a sync imports, with the format their files are read in. */
export const IMPORTED_PUBLICATIONS: readonly { publication: Publication; format: ImportFormat }[] =
  IMPORT_FORMATS.flatMap((format) => {
    const { publication } = importFormat(format);
    return publication ? [{ publication, format }] : [];
  });

/** What a sync did with one file. */
export interface SyncedFile {
  publication: string;
  name: string;
  /** The publisher's address, or mirror:<folder>/<name>. */
  location: string;
  /**
   * imported: new to the server; unchanged: read before with these bytes (imported or refused then);
   * refused: not written, with the reason; unavailable: could not be fetched this time (asked for again next time).
   */
  outcome: 'imported' | 'unchanged' | 'refused' | 'unavailable';
  /** Downloaded from the publisher this time. */
  fetched: boolean;
  reason?: string;
  inserted: number;
  revised: number;
  crossings: number;
}

/** Where the publications are read from: the mirror folder for those it keeps, the publishers for the others. */
export interface PublicationOrigin {
  mirror: string | null;
  /** How to reach the publishers, when the server may download. */
  publishers?: PublisherAccess | undefined;
}

export interface SyncOptions extends PublicationOrigin {
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
export async function syncPublications(
  db: Database,
  { mirror, publishers, now, only, afterCommit }: SyncOptions,
): Promise<SyncedFile[]> {
  const origin = { mirror, publishers };
  const synced: SyncedFile[] = [];
  // The organisations first: a month's new providers are created under the regions they name.
  if (!only || ORGANISATION_SOURCES.some((publication) => only.includes(publication)))
    synced.push(...(await syncReferenceData(db, origin, now)));
  for (const { publication, format } of IMPORTED_PUBLICATIONS) {
    if (only && !only.includes(publication)) continue;
    const read = await readPublication(db, publication, origin, now);
    if (!read) continue;
    synced.push(...read.synced);
    for (const { name, location, bytes, sha256, fetched } of read.fresh) {
      const report = await importFiles(db, format, [{ name, bytes }], { now, ...(afterCommit ? { afterCommit } : {}) });
      const outcome = report.errors.length > 0 ? 'refused' : 'imported';
      const reason = report.errors.length > 0 ? describeRefusal(report) : undefined;
      const counts = { inserted: report.inserted, revised: report.revised, crossings: report.crossings };
      await recordFile(
        db,
        read.sourceId,
        {
          name,
          location,
          sha256,
          bytes: bytes.length,
          retrievedAt: now,
          outcome: outcome === 'imported' ? 'IMPORTED' : 'REFUSED',
          reason: reason ?? null,
          ...counts,
        },
        publication.monthOf?.(name) ?? null,
      );
      synced.push({
        publication: publication.key,
        name,
        location,
        outcome,
        fetched,
        ...(reason ? { reason } : {}),
        ...counts,
      });
    }
  }
  return synced;
}

/**
 * Seeds the organisations again when a reference file is new or changed (ODS replaces its trusts
 * extract as trusts open, merge and close), from every reference file at hand: the seed writes
 * only what differs. Files that fail the reference checks are refused together, nothing written.
 */
async function syncReferenceData(db: Database, origin: PublicationOrigin, now: Date): Promise<SyncedFile[]> {
  const synced: SyncedFile[] = [];
  const fresh: (FreshFile & { publication: Publication; sourceId: number })[] = [];
  for (const publication of ORGANISATION_SOURCES) {
    const read = await readPublication(db, publication, origin, now);
    if (!read) continue;
    synced.push(...read.synced);
    fresh.push(...read.fresh.map((file) => ({ ...file, publication, sourceId: read.sourceId })));
  }
  if (fresh.length === 0) return synced;
  let outcome: { created: number; updated: number } | { reason: string };
  try {
    outcome = await seedReferenceData(db, loadReferenceData(referenceFolders(origin)));
  } catch (error) {
    if (!(error instanceof ReferenceDataError)) throw error;
    outcome = { reason: `INVALID_FILE: ${error.message}`.slice(0, 1_000) };
  }
  for (const { publication, sourceId, name, location, bytes, sha256, fetched } of fresh) {
    const counts =
      'reason' in outcome
        ? { inserted: 0, revised: 0, crossings: 0 }
        : { inserted: outcome.created, revised: outcome.updated, crossings: 0 };
    const reason = 'reason' in outcome ? outcome.reason : null;
    await recordFile(
      db,
      sourceId,
      {
        name,
        location,
        sha256,
        bytes: bytes.length,
        retrievedAt: now,
        outcome: reason ? 'REFUSED' : 'IMPORTED',
        reason,
        ...counts,
      },
      null,
    );
    synced.push({
      publication: publication.key,
      name,
      location,
      outcome: reason ? 'refused' : 'imported',
      fetched,
      ...(reason ? { reason } : {}),
      ...counts,
    });
  }
  return synced;
}

interface FreshFile {
  name: string;
  location: string;
  bytes: Buffer;
  sha256: string;
  fetched: boolean;
}

/**
 * Obtains a publication's files and sorts them: those the server has read with these bytes
 * before (unchanged), those it could not have this time or that came as something else (recorded
 * as refused), and the fresh ones, to be read. Null when the database does not know the publication.
 */
async function readPublication(
  db: Database,
  publication: Publication,
  origin: PublicationOrigin,
  now: Date,
): Promise<{ sourceId: number; synced: SyncedFile[]; fresh: FreshFile[] } | null> {
  const source = await db.prisma.source.findUnique({ where: { key: publication.key }, select: { id: true } });
  if (!source) return null;
  const none = { inserted: 0, revised: 0, crossings: 0 };
  const synced: SyncedFile[] = [];
  const fresh: FreshFile[] = [];
  const obtained = await obtain(publication, origin, now);
  const fetched = new Set(obtained.fetched.map((file) => file.location));
  for (const { location, reason } of obtained.unavailable) {
    synced.push({
      publication: publication.key,
      name: fileNameOf(location) || location,
      location,
      outcome: 'unavailable',
      fetched: false,
      reason,
      ...none,
    });
  }
  for (const file of obtained.refused) {
    const recorded = await recordFile(
      db,
      source.id,
      {
        ...file,
        retrievedAt: now,
        outcome: 'REFUSED',
        reason: file.reason,
        ...none,
      },
      publication.monthOf?.(file.name) ?? null,
    );
    if (recorded)
      synced.push({
        publication: publication.key,
        name: file.name,
        location: file.location,
        outcome: 'refused',
        fetched: true,
        reason: file.reason,
        ...none,
      });
  }
  for (const { name, location, path: file } of obtained.files) {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const seen = await db.prisma.publicationFile.findUnique({
      where: { sourceId_name_sha256: { sourceId: source.id, name, sha256 } },
      select: { id: true },
    });
    if (seen)
      synced.push({
        publication: publication.key,
        name,
        location,
        outcome: 'unchanged',
        fetched: fetched.has(location),
        ...none,
      });
    else fresh.push({ name, location, bytes, sha256, fetched: fetched.has(location) });
  }
  return { sourceId: source.id, synced, fresh };
}

/** Where the reference files are read from: the mirror, and the copies downloaded from the publishers. */
export function referenceFolders({ mirror, publishers }: PublicationOrigin): ReferenceFolders {
  return { mirror, downloaded: publishers?.store ?? null };
}

/** A publication's files from the mirror when it keeps them, else from the publisher (downloading what is new). */
async function obtain(
  publication: Publication,
  { mirror, publishers }: PublicationOrigin,
  now: Date,
): Promise<Obtained> {
  if (mirrorKeeps(mirror, publication)) return obtainFromMirror(mirror, publication);
  if (publishers) return obtainFromPublisher(publication, publishers, now);
  return { files: [], fetched: [], refused: [], unavailable: [] };
}

/** Records what became of a file's bytes; false when they were recorded before (by another instance at the same moment, or an earlier round). */
async function recordFile(
  db: Database,
  sourceId: number,
  file: {
    name: string;
    location: string;
    sha256: string;
    bytes: number;
    retrievedAt: Date;
    outcome: 'IMPORTED' | 'REFUSED';
    reason: string | null;
    inserted: number;
    revised: number;
    crossings: number;
  },
  period: string | null,
): Promise<boolean> {
  // The file's record and its news commit together: news is never lost, nor told twice.
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.publicationFile.createMany({ skipDuplicates: true, data: { sourceId, ...file } });
    if (count > 0)
      await tx.publicationNews.create({
        data: {
          sourceId,
          kind: file.outcome,
          period,
          fileName: file.name,
          reason: file.reason,
          inserted: file.inserted,
          revised: file.revised,
          crossings: file.crossings,
          occurredAt: file.retrievedAt,
        },
      });
    return count > 0;
  });
}

/**
 * Logs as news each monthly publication whose next release has not appeared a day after it was due
 * (by its cadence, after the latest month it has brought), once per release however many instances
 * look. A publication that has brought no month yet is not judged.
 */
export async function logOverdueReleases(db: Database, now: Date): Promise<number> {
  let logged = 0;
  for (const { publication } of IMPORTED_PUBLICATIONS) {
    if (!publication.release || !publication.monthOf) continue;
    const source = await db.prisma.source.findUnique({
      where: { key: publication.key },
      select: { id: true, files: { where: { outcome: 'IMPORTED' }, select: { name: true } } },
    });
    const months = (source?.files ?? []).flatMap((file) => publication.monthOf?.(file.name) ?? []).sort();
    const latest = months.at(-1);
    const overdue = latest ? overdueRelease(latest, publication.release, now) : null;
    if (!source || !overdue) continue;
    const { count } = await db.prisma.publicationNews.createMany({
      skipDuplicates: true,
      data: {
        sourceId: source.id,
        kind: 'OVERDUE',
        period: overdue.period,
        dueOn: overdue.dueOn,
        overdueKey: `${publication.key} ${overdue.period}`,
        occurredAt: now,
      },
    });
    logged += count;
  }
  return logged;
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
    const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
      SYNC_LOCK_KEY,
    ]);
    return row?.locked ? work() : 'busy';
  });
}

function describeRefusal(report: ImportReport): string {
  const [first] = report.errors;
  const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
  return `${first!.code}${first!.line ? ` at line ${first!.line}` : ''}: ${first!.message}${more}`.slice(0, 1_000);
}

/**
 * Syncs the publications every `everyMs` (the first a moment after start; null: that one round
 * only), one instance at a time (withSyncLock), logging what each round imported or refused; a
 * round that fails (the database away for a moment) is logged and the next round tries again.
 */
export function watchPublications(
  db: Database,
  logger: Logger,
  {
    mirror,
    publishers,
    everyMs,
    only,
    afterCommit,
    afterRound,
  }: PublicationOrigin & { everyMs: number | null; afterRound?: (synced: readonly SyncedFile[]) => void } & Pick<
      SyncOptions,
      'only' | 'afterCommit'
    >,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const round = async () => {
    const result = await withSyncLock(db, () =>
      syncPublications(db, {
        mirror,
        publishers,
        now: new Date(),
        ...(only ? { only } : {}),
        ...(afterCommit ? { afterCommit } : {}),
      }),
    );
    if (result === 'busy') return logger.debug('publications: another instance is reading them');
    afterRound?.(result);
    for (const file of result.filter((synced) => synced.outcome !== 'unchanged')) {
      if (file.outcome === 'refused')
        logger.warn('publication file refused', {
          publication: file.publication,
          file: file.name,
          location: file.location,
          reason: file.reason,
        });
      else if (file.outcome === 'unavailable')
        logger.warn('publication not reachable this round', {
          publication: file.publication,
          location: file.location,
          reason: file.reason,
        });
      else
        logger.info('publication file imported', {
          publication: file.publication,
          file: file.name,
          location: file.location,
          inserted: file.inserted,
          revised: file.revised,
          crossings: file.crossings,
        });
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
  const timer = everyMs === null ? null : setInterval(tick, everyMs);
  first.unref();
  timer?.unref();
  const from = mirror ?? (publishers ? 'the publishers' : 'nowhere');
  if (everyMs === null) logger.info('reading publications once', { from });
  else logger.info('watching publications', { from, everySeconds: Math.round(everyMs / 1000) });
  return {
    async stop() {
      clearTimeout(first);
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
