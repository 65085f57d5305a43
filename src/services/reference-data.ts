import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCsv, parseCsvWithHeader } from '../ingest/csv.js';

/** The project's own copy of the reference data and mandate documents (see prisma/seed/README.md). */
export const SEED_DIR = fileURLToPath(new URL('../../prisma/seed', import.meta.url));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const organisationType = z.enum(['GOVERNMENT_DEPARTMENT', 'NATIONAL_BODY', 'REGION', 'ICB', 'SUB_ICB_LOCATION', 'TRUST', 'OTHER_PROVIDER']);

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
  unit: z.enum(['PERCENT', 'MINUTES', 'COUNT', 'GBP']),
  polarity: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL']),
  aggregation: z.enum(['RATIO', 'SUM', 'NONE']),
  frequency: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUAL']),
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
  priorities: z.array(z.object({ ordinal: z.number().int().positive(), title: z.string().min(1), milestones: z.array(milestoneSchema) })),
  otherMilestones: z.array(z.object({ section: z.string().min(1), milestones: z.array(milestoneSchema) })),
});

export type SourceSeed = z.infer<typeof sourceSchema>;
export type MetricSeed = z.infer<typeof metricSchema>;
export type TargetSeed = z.infer<typeof targetSchema>;
export type MandateSeed = z.infer<typeof mandateSchema>;
export type OrganisationType = z.infer<typeof organisationType>;

export interface OrganisationNameSeed {
  name: string;
  designation: string;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

export interface OrganisationSeed {
  odsCode: string;
  onsCode: string | null;
  name: string;
  type: OrganisationType;
  parentOdsCode: string | null;
  regionOdsCode: string | null;
  icbOdsCode: string | null;
  openedOn: string | null;
  closedOn: string | null;
  source: string;
  names: OrganisationNameSeed[];
}

export interface ReferenceData {
  sources: SourceSeed[];
  metrics: MetricSeed[];
  mandates: MandateSeed[];
  /** Parents always before their children. */
  organisations: OrganisationSeed[];
  /** Rows of the trust file left out, with the reason (trusts outside NHS England). */
  skippedTrusts: { odsCode: string; name: string; reason: string }[];
}

export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

function readJson<T>(file: string, schema: z.ZodType<T, unknown>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')));
  if (!parsed.success) throw new ReferenceDataError(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readText(file: string): string {
  return readFileSync(path.join(SEED_DIR, file), 'utf8');
}

/** Reads and checks every seed file. Throws ReferenceDataError naming the file and the fault. */
export function loadReferenceData(): ReferenceData {
  const sources = readJson('sources.json', z.array(sourceSchema));
  const metrics = readJson('metrics.json', z.array(metricSchema));
  const mandates = readJson('mandates.json', z.array(mandateSchema));
  const { organisations, skippedTrusts } = organisationsFromReferenceFiles();
  const data = { sources, metrics, mandates, organisations, skippedTrusts };
  checkReferences(data);
  return data;
}

// Government bodies are not in the ODS extracts the project ships. NHS England's ODS code is X24;
// the Department has no code in those extracts, so it is given the local code DHSC.
const NATIONAL_BODIES: OrganisationSeed[] = [
  {
    odsCode: 'DHSC',
    onsCode: null,
    name: 'Department of Health and Social Care',
    type: 'GOVERNMENT_DEPARTMENT',
    parentOdsCode: null,
    regionOdsCode: null,
    icbOdsCode: null,
    openedOn: null,
    closedOn: null,
    source: 'project-national-bodies',
    names: [
      { name: 'Department of Health', designation: 'Government department', validFrom: null, validTo: '2018-01-07', source: 'project-national-bodies' },
      { name: 'Department of Health and Social Care', designation: 'Government department', validFrom: '2018-01-08', validTo: null, source: 'project-national-bodies' },
    ],
  },
  {
    odsCode: 'X24',
    onsCode: null,
    name: 'NHS England',
    type: 'NATIONAL_BODY',
    parentOdsCode: 'DHSC',
    regionOdsCode: null,
    icbOdsCode: null,
    openedOn: null,
    closedOn: null,
    source: 'project-national-bodies',
    names: [{ name: 'NHS England', designation: 'National body', validFrom: null, validTo: null, source: 'project-national-bodies' }],
  },
];

const ICB_ESTABLISHED = '2022-07-01';
const BEFORE_ICBS = '2022-06-30';

function organisationsFromReferenceFiles(): Pick<ReferenceData, 'organisations' | 'skippedTrusts'> {
  const locations = parseCsvWithHeader(readText('reference/SICBL_ICB_ISDN.csv'));
  const lineage = parseCsvWithHeader(readText('reference/ccg_stp_sicbl_icb.csv'));
  const trusts = parseCsv(readText('reference/etr.csv'));
  const regionSource = 'ons-sicbl-icb-nhser-2022';
  const lineageSource = 'ons-ccg-stp-sicbl-icb-2022';

  const regions = new Map<string, OrganisationSeed>();
  const icbs = new Map<string, OrganisationSeed>();
  const subIcbs: OrganisationSeed[] = [];
  for (const row of locations) {
    const regionCode = required(row, 'NHSER22CDH');
    const icbCode = required(row, 'ICB22CDH');
    if (!regions.has(regionCode)) {
      const name = required(row, 'NHSER22NM');
      regions.set(regionCode, {
        odsCode: regionCode,
        onsCode: required(row, 'NHSER22CD'),
        name,
        type: 'REGION',
        parentOdsCode: 'X24',
        regionOdsCode: null,
        icbOdsCode: null,
        openedOn: null,
        closedOn: null,
        source: regionSource,
        names: [{ name, designation: 'NHS England region', validFrom: null, validTo: null, source: regionSource }],
      });
    }
    if (!icbs.has(icbCode)) {
      const name = required(row, 'ICB22NM');
      const stpNames = [...new Set(lineage.filter((l) => l.STP21CDH === icbCode).map((l) => required(l, 'STP21NM')))];
      icbs.set(icbCode, {
        odsCode: icbCode,
        onsCode: required(row, 'ICB22CD'),
        name,
        type: 'ICB',
        parentOdsCode: regionCode,
        regionOdsCode: regionCode,
        icbOdsCode: null,
        openedOn: ICB_ESTABLISHED,
        closedOn: null,
        source: regionSource,
        names: [
          ...stpNames.map((stpName) => ({ name: stpName, designation: 'STP footprint', validFrom: null, validTo: BEFORE_ICBS, source: lineageSource })),
          { name, designation: 'Integrated care board', validFrom: ICB_ESTABLISHED, validTo: null, source: regionSource },
        ],
      });
    }
    const code = required(row, 'LOC22CDH');
    const name = required(row, 'LOC22NM');
    const ccgNames = [...new Set(lineage.filter((l) => l.LOC22CDH === code).map((l) => required(l, 'CCG21NM')))];
    subIcbs.push({
      odsCode: code,
      onsCode: required(row, 'LOC22CD'),
      name,
      type: 'SUB_ICB_LOCATION',
      parentOdsCode: icbCode,
      regionOdsCode: regionCode,
      icbOdsCode: icbCode,
      openedOn: ICB_ESTABLISHED,
      closedOn: null,
      source: regionSource,
      names: [
        ...ccgNames.map((ccgName) => ({ name: ccgName, designation: 'Clinical commissioning group', validFrom: null, validTo: BEFORE_ICBS, source: lineageSource })),
        { name, designation: 'Sub-ICB location', validFrom: ICB_ESTABLISHED, validTo: null, source: regionSource },
      ],
    });
  }

  const trustSource = 'ods-etr-2025';
  const skippedTrusts: ReferenceData['skippedTrusts'] = [];
  const trustSeeds: OrganisationSeed[] = [];
  for (const cells of trusts) {
    const [odsCode = '', name = '', regionCode = '', icbCode = ''] = cells;
    if (!regions.has(regionCode)) {
      skippedTrusts.push({ odsCode, name, reason: `region ${regionCode} is not an NHS England region (W00 is Wales)` });
      continue;
    }
    const icb = icbs.has(icbCode) ? icbCode : null;
    const openedOn = odsDate(cells[10]);
    trustSeeds.push({
      odsCode,
      onsCode: null,
      name,
      type: 'TRUST',
      parentOdsCode: icb ?? regionCode,
      regionOdsCode: regionCode,
      icbOdsCode: icb,
      openedOn,
      closedOn: odsDate(cells[11]),
      source: trustSource,
      names: [{ name, designation: 'NHS trust', validFrom: openedOn, validTo: odsDate(cells[11]), source: trustSource }],
    });
  }
  return {
    organisations: [...NATIONAL_BODIES, ...regions.values(), ...icbs.values(), ...subIcbs, ...trustSeeds],
    skippedTrusts,
  };
}

function required(row: Record<string, string>, column: string): string {
  const value = row[column]?.trim();
  if (!value) throw new ReferenceDataError(`reference file row has no ${column}: ${JSON.stringify(row)}`);
  return value;
}

/** ODS writes dates as YYYYMMDD; empty means none. */
function odsDate(value: string | undefined): string | null {
  const digits = value?.trim() ?? '';
  if (!digits) return null;
  if (!/^\d{8}$/.test(digits)) throw new ReferenceDataError(`"${digits}" is not an ODS date (YYYYMMDD)`);
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
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
  if (problems.length > 0) throw new ReferenceDataError(`The seed data refers to things it does not define: ${problems.join('; ')}`);
}
