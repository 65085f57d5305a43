import { parseCsv, parseCsvWithHeader } from './csv.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';

/** Reference data that cannot be read as it must be. */
export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

export type OrganisationType =
  'GOVERNMENT_DEPARTMENT' | 'NATIONAL_BODY' | 'REGION' | 'ICB' | 'SUB_ICB_LOCATION' | 'TRUST' | 'OTHER_PROVIDER';

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

/** A row of the trust file left out, with the reason (trusts outside NHS England). */
export interface SkippedTrust {
  odsCode: string;
  name: string;
  reason: string;
}

// Government bodies are not in the ODS extracts the project ships. NHS England's is X24;
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
      {
        name: 'Department of Health',
        designation: 'Government department',
        validFrom: null,
        validTo: '2018-01-07',
        source: 'project-national-bodies',
      },
      {
        name: 'Department of Health and Social Care',
        designation: 'Government department',
        validFrom: '2018-01-08',
        validTo: null,
        source: 'project-national-bodies',
      },
    ],
  },
  {
    odsCode: ENGLAND_ODS_CODE,
    onsCode: null,
    name: 'NHS England',
    type: 'NATIONAL_BODY',
    parentOdsCode: 'DHSC',
    regionOdsCode: null,
    icbOdsCode: null,
    openedOn: null,
    closedOn: null,
    source: 'project-national-bodies',
    names: [
      {
        name: 'NHS England',
        designation: 'National body',
        validFrom: null,
        validTo: null,
        source: 'project-national-bodies',
      },
    ],
  },
];

/** The columns of ONS's sub-ICB location → ICB → region lookup that the organisations are read from. */
const SUB_ICB_LOOKUP_COLUMNS = [
  'LOC22CD',
  'LOC22CDH',
  'LOC22NM',
  'ICB22CD',
  'ICB22CDH',
  'ICB22NM',
  'NHSER22CD',
  'NHSER22CDH',
  'NHSER22NM',
];

/** What is wrong with a sub-ICB lookup as a whole (its columns, its rows), or null. */
export function problemWithSubIcbLookup(text: string): string | null {
  const [header = [], ...rows] = parseCsv(text);
  const missing = SUB_ICB_LOOKUP_COLUMNS.filter((column) => !header.map((name) => name.trim()).includes(column));
  if (missing.length > 0) return `the lookup lacks the columns ${missing.join(', ')}`;
  return rows.length === 0 ? 'the lookup has no rows' : null;
}

/** What is wrong with an ODS trusts extract as a whole (the etr layout has 27 columns, no header), or null. */
export function problemWithTrustsExtract(text: string): string | null {
  const rows = parseCsv(text);
  if (rows.length === 0) return 'the extract has no rows';
  const short = rows.findIndex((cells) => cells.length < 12);
  return short >= 0 ? `row ${short + 1} has ${rows[short]!.length} columns, not the etr layout's 27` : null;
}

const ICB_ESTABLISHED = '2022-07-01';
const BEFORE_ICBS = '2022-06-30';

/** The texts of the ONS and ODS reference files the organisations come from. */
export interface ReferenceFiles {
  /** ONS's sub-ICB locations with their ICB and NHS England region (SICBL_ICB_ISDN.csv). */
  subIcbLocations: string;
  /** ONS's CCG -> STP -> sub-ICB location -> ICB lineage (ccg_stp_sicbl_icb.csv); without it, no former names. */
  lineage: string | null;
  /** ODS's NHS trusts, "etr" layout, no header row (etr.csv). */
  trusts: string;
}

/**
 * The organisations the reference files describe, parents before children: NHS England's regions,
 * the ICBs (with their former STP footprint names), sub-ICB locations (with their former CCG names)
 * and the trusts of NHS England's regions, under their ICB; without the files, the national bodies
 * alone (without the lineage, the ICBs and sub-ICB locations without their former names). Throws ReferenceDataError on a row that
 * lacks what it must have.
 */
export function organisationsFromReferenceFiles(files: ReferenceFiles | null): {
  organisations: OrganisationSeed[];
  skippedTrusts: SkippedTrust[];
} {
  if (files === null) return { organisations: [...NATIONAL_BODIES], skippedTrusts: [] };
  const locations = parseCsvWithHeader(files.subIcbLocations);
  const lineage = files.lineage === null ? [] : parseCsvWithHeader(files.lineage);
  const trusts = parseCsv(files.trusts);
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
        parentOdsCode: ENGLAND_ODS_CODE,
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
          ...stpNames.map((stpName) => ({
            name: stpName,
            designation: 'STP footprint',
            validFrom: null,
            validTo: BEFORE_ICBS,
            source: lineageSource,
          })),
          {
            name,
            designation: 'Integrated care board',
            validFrom: ICB_ESTABLISHED,
            validTo: null,
            source: regionSource,
          },
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
        ...ccgNames.map((ccgName) => ({
          name: ccgName,
          designation: 'Clinical commissioning group',
          validFrom: null,
          validTo: BEFORE_ICBS,
          source: lineageSource,
        })),
        { name, designation: 'Sub-ICB location', validFrom: ICB_ESTABLISHED, validTo: null, source: regionSource },
      ],
    });
  }

  const trustSource = 'ods-etr-2025';
  const skippedTrusts: SkippedTrust[] = [];
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
      names: [
        { name, designation: 'NHS trust', validFrom: openedOn, validTo: odsDate(cells[11]), source: trustSource },
      ],
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
