import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aeAttendances2016To2019Publication } from './ae-attendances-publication.js';
import { ambsysPublication } from './ambsys-publication.js';
import { cwtProviderPublication } from './cancer-waiting-times-publication.js';
import { dm01Publication } from './diagnostics-dm01-publication.js';
import { rttOverviewPublication } from './rtt-overview-publication.js';
import { virtualWardsPublication } from './virtual-wards-publication.js';
import { aeMonthlyPublication } from './nhse-ae-monthly-publication.js';
import { lineagePublication } from './ons-lineage-publication.js';
import { subIcbLookupPublication } from './ons-sub-icb-lookup-publication.js';
import { trustsPublication } from './ods-trusts-publication.js';
import type { Publication } from './publication.js';

/** The publications the server knows, each described beside its parser. */
export const PUBLICATIONS = {
  aeMonthly: aeMonthlyPublication,
  aeAttendances2016To2019: aeAttendances2016To2019Publication,
  ambsys: ambsysPublication,
  cwtProvider: cwtProviderPublication,
  dm01: dm01Publication,
  virtualWards: virtualWardsPublication,
  rttOverview: rttOverviewPublication,
  subIcbLocations: subIcbLookupPublication,
  lineage: lineagePublication,
  trusts: trustsPublication,
} as const satisfies Record<string, Publication>;

/** The mirror beside the checkout (`../shared/data`), when there is one. */
const BESIDE_THE_CHECKOUT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The mirror folder to read: the one configured (NHS_DATA_DIR; "none" for none), else the one beside the checkout if it exists, else none. */
export function mirrorFolder(configured: string | undefined): string | null {
  if (configured === 'none') return null;
  if (configured) return path.resolve(configured);
  return existsSync(BESIDE_THE_CHECKOUT) ? BESIDE_THE_CHECKOUT : null;
}

/**
 * Whether the mirror keeps the publication, so that it is read from there and not downloaded: by
 * its folder (even empty: its files are yet to come), or, in a folder several publications share
 * (the reference files), by its file.
 */
export function mirrorKeeps(mirror: string | null, publication: Publication): mirror is string {
  if (mirror === null || !existsSync(path.join(mirror, publication.folder))) return false;
  const shared = Object.values(PUBLICATIONS).some(
    (other) => other !== publication && other.folder === publication.folder,
  );
  return !shared || filesInMirror(mirror, publication).length > 0;
}

/** A publication's files in the mirror, in the order they are read; none when the mirror or its folder is missing. */
export function filesInMirror(mirror: string | null, publication: Publication): string[] {
  if (mirror === null) return [];
  const folder = path.join(mirror, publication.folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return inReadingOrder(
    publication,
    readdirSync(folder).filter((name) => isPublicationFile(publication, name)),
  ).map((name) => path.join(folder, name));
}

/** Whether a file name is one of the publication's files (for monthly ones: named for a month). */
export function isPublicationFile(publication: Publication, name: string): boolean {
  return publication.files.test(name) && (publication.monthOf === undefined || publication.monthOf(name) !== null);
}

/**
 * The order a publication's files are read in: month by month for monthly publications, a month's
 * first (provisional) release before its revised or final one, so that the later figures stand.
 */
export function inReadingOrder(publication: Publication, names: readonly string[]): string[] {
  const key = (name: string) => `${publication.monthOf?.(name) ?? ''} ${/revised|final/i.test(name) ? 1 : 0} ${name}`;
  return [...names].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The one file of a single-file publication in the mirror, or null. */
export function fileInMirror(mirror: string | null, publication: Publication): string | null {
  return filesInMirror(mirror, publication)[0] ?? null;
}

/** The mirror's monthly A&E files, in the order of the months they cover (the order NHS England published them). */
export function monthlyAeFiles(mirror: string | null): string[] {
  return filesInMirror(mirror, PUBLICATIONS.aeMonthly);
}
