import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UNITS } from '../domain/measurement.js';
import {
  organisationsFromReferenceFiles,
  ReferenceDataError,
  type OrganisationSeed,
  type SkippedTrust,
} from '../ingest/reference-files.js';
import type { Publication } from '../ingest/publication.js';
import { fileInMirror, mirrorFolder, mirrorKeeps, PUBLICATIONS } from '../ingest/publications.js';

/** The project's own seed: the mandate documents and their structured form, metrics, sources (see prisma/seed/README.md). */
export const SEED_DIR = fileURLToPath(new URL('../../prisma/seed', import.meta.url));

const organisationType = z.enum([
  'GOVERNMENT_DEPARTMENT',
  'NATIONAL_BODY',
  'REGION',
  'ICB',
  'SUB_ICB_LOCATION',
  'TRUST',
  'OTHER_PROVIDER',
]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const sourceSchema = z.object({
  key: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  publishedOn: isoDate.nullable(),
  url: z.string().url().nullable(),
  licence: z.string().nullable(),
});

const metricSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  unit: z.enum(UNITS),
  polarity: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL']),
  aggregation: z.enum(['RATIO', 'SUM', 'NONE']),
  frequency: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUAL']),
  rollUpToIcb: z.boolean().default(true),
  icbsReport: z.boolean().default(false),
  partOfWhole: z.boolean().default(true),
  countsEvents: z.boolean().default(false),
  source: z.string().min(1),
});

const targetSchema = z.object({
  metric: z.string().min(1),
  comparator: z.enum(['AT_LEAST', 'AT_MOST']),
  value: z.number().finite(),
  dueBy: isoDate.optional(),
  appliesTo: z.object({
    organisations: z.array(z.string().min(1)).default([]),
    types: z.array(organisationType).default([]),
  }),
  note: z.string().optional(),
  source: z.string().optional(),
});

export interface MilestoneSeed {
  key: string;
  title: string;
  dueBy?: string | undefined;
  targets: z.infer<typeof targetSchema>[];
  milestones: MilestoneSeed[];
}

const milestoneSchema: z.ZodType<MilestoneSeed, unknown> = z.lazy(() =>
  z.object({
    key: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/),
    title: z.string().min(1),
    dueBy: isoDate.optional(),
    targets: z.array(targetSchema).default([]),
    milestones: z.array(milestoneSchema).default([]),
  }),
);

const mandateSchema = z.object({
  slug: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  issuedBy: z.string().min(1),
  issuedTo: z.string().min(1),
  publishedOn: isoDate,
  inForceFrom: isoDate,
  source: z.string().min(1),
  priorities: z.array(
    z.object({ ordinal: z.number().int().positive(), title: z.string().min(1), milestones: z.array(milestoneSchema) }),
  ),
  otherMilestones: z.array(z.object({ section: z.string().min(1), milestones: z.array(milestoneSchema) })),
});

export type SourceSeed = z.infer<typeof sourceSchema>;
export type MetricSeed = z.infer<typeof metricSchema>;
export type TargetSeed = z.infer<typeof targetSchema>;
export type MandateSeed = z.infer<typeof mandateSchema>;

export interface ReferenceData {
  sources: SourceSeed[];
  metrics: MetricSeed[];
  mandates: MandateSeed[];
  /** Parents always before their children. */
  organisations: OrganisationSeed[];
  /** Rows of the trust file left out, with the reason (trusts outside NHS England). */
  skippedTrusts: SkippedTrust[];
  /** Reference publications the mirror lacks: without them only the national bodies are seeded. */
  missing: Publication[];
}

/** The publications the organisations are made from. */
export const ORGANISATION_SOURCES = [PUBLICATIONS.subIcbLocations, PUBLICATIONS.lineage, PUBLICATIONS.trusts];

function readJson<T>(file: string, schema: z.ZodType<T, unknown>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')));
  if (!parsed.success) throw new ReferenceDataError(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Where the reference files are found: the mirror for those it keeps, else the copies downloaded from the publishers. */
export interface ReferenceFolders {
  mirror: string | null;
  downloaded?: string | null | undefined;
}

/** The file a reference publication is read from, or null when neither the mirror nor the downloads have it. */
export function referenceFile(publication: Publication, { mirror, downloaded }: ReferenceFolders): string | null {
  return mirrorKeeps(mirror, publication)
    ? fileInMirror(mirror, publication)
    : fileInMirror(downloaded ?? null, publication);
}

/**
 * Reads and checks the project's seed files and the ONS and ODS reference files the organisations
 * come from (from the mirror, or as downloaded from the publishers): without the sub-ICB lookup or
 * the trusts, the national bodies only; without the lineage, the organisations without their former
 * names; the missing publications are named. Throws ReferenceDataError naming the file and the fault.
 */
export function loadReferenceData(folders: ReferenceFolders = { mirror: mirrorFolder(undefined) }): ReferenceData {
  const sources = readJson('sources.json', z.array(sourceSchema));
  const metrics = readJson('metrics.json', z.array(metricSchema));
  const mandates = readJson('mandates.json', z.array(mandateSchema));
  const found = ORGANISATION_SOURCES.map((publication) => referenceFile(publication, folders));
  const [subIcbLocations, lineage, trusts] = found;
  const missing = ORGANISATION_SOURCES.filter((_publication, index) => found[index] === null);
  const { organisations, skippedTrusts } = organisationsFromReferenceFiles(
    subIcbLocations && trusts
      ? {
          subIcbLocations: readFileSync(subIcbLocations, 'utf8'),
          lineage: lineage ? readFileSync(lineage, 'utf8') : null,
          trusts: readFileSync(trusts, 'utf8'),
        }
      : null,
  );
  const data = { sources, metrics, mandates, organisations, skippedTrusts, missing };
  checkReferences(data);
  return data;
}

/** Every code a seed file names must exist, so that a typo fails the seed, not a later query. */
function checkReferences(data: Omit<ReferenceData, never>): void {
  const sources = new Set(data.sources.map((source) => source.key));
  const metrics = new Set(data.metrics.map((metric) => metric.code));
  const organisations = new Set(data.organisations.map((organisation) => organisation.odsCode));
  const milestoneKeys = new Set<string>();
  const problems: string[] = [];
  const need = (known: Set<string>, value: string, what: string) => {
    if (!known.has(value)) problems.push(`unknown ${what} "${value}"`);
  };
  for (const metric of data.metrics) need(sources, metric.source, 'source');
  for (const organisation of data.organisations) {
    need(sources, organisation.source, 'source');
    for (const name of organisation.names) need(sources, name.source, 'source');
  }
  const visit = (milestone: MilestoneSeed) => {
    if (milestoneKeys.has(milestone.key)) problems.push(`milestone key "${milestone.key}" is used twice`);
    milestoneKeys.add(milestone.key);
    for (const target of milestone.targets) {
      need(metrics, target.metric, 'metric');
      if (target.source) need(sources, target.source, 'source');
      // Without the publishers' organisations a target may name one not yet there: it applies once it is.
      if (!data.missing.includes(PUBLICATIONS.trusts) && !data.missing.includes(PUBLICATIONS.subIcbLocations))
        for (const code of target.appliesTo.organisations) need(organisations, code, 'organisation');
    }
    milestone.milestones.forEach(visit);
  };
  for (const mandate of data.mandates) {
    need(sources, mandate.source, 'source');
    need(organisations, mandate.issuedBy, 'organisation');
    need(organisations, mandate.issuedTo, 'organisation');
    mandate.priorities.forEach((priority) => priority.milestones.forEach(visit));
    mandate.otherMilestones.forEach((section) => section.milestones.forEach(visit));
  }
  if (problems.length > 0)
    throw new ReferenceDataError(`The seed data refers to things it does not define: ${problems.join('; ')}`);
}
