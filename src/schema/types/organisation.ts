import { z } from 'zod';
import type { Prisma } from '../../db/generated/prisma/client.js';
import { toDbDate } from '../../db/dates.js';
import { EXPECTED_SIZE } from '../query-cost.js';
import { builder } from '../builder.js';
import { periodLabel } from '../validation.js';
import { OrganisationTypeEnum, SortDirectionEnum } from './enums.js';
import { MeasurementConnection, MeasurementRef } from './measurement.js';
import { periodSpanWhere } from '../../db/dates.js';
import { TargetStandingRef } from './standing.js';

export const OrganisationFilterInput = builder.inputType('OrganisationFilter', {
  description: 'Narrows a list of organisations. Every condition given must hold.',
  fields: (t) => ({
    types: t.field({
      type: [OrganisationTypeEnum],
      required: false,
      description: 'Only organisations of these types.',
    }),
    regionOdsCode: t.string({
      required: false,
      description: 'Only organisations within this region (its ICBs, sub-ICB locations and providers).',
    }),
    icbOdsCode: t.string({
      required: false,
      description: 'Only organisations within this ICB (its sub-ICB locations and trusts).',
    }),
    parentOdsCode: t.string({ required: false, description: 'Only the organisations directly under this one.' }),
    odsCodes: t.stringList({
      required: false,
      description: 'Only these organisations.',
      validate: z.array(z.string()).max(500),
    }),
    search: t.string({
      required: false,
      description: 'Name (current or former) containing this text, case-insensitive, or an exact ODS code.',
      validate: z.string().max(200),
    }),
    includeClosed: t.boolean({
      required: false,
      description: 'Include organisations that have closed (default true).',
    }),
    ambulanceServices: t.boolean({
      required: false,
      description: 'true: only the organisations that run an ambulance service; false: only the others.',
    }),
  }),
});

const OrganisationOrderField = builder.enumType('OrganisationOrderField', {
  description: 'What organisations can be sorted by.',
  values: {
    ODS_CODE: { description: 'The ODS code.' },
    NAME: { description: 'The current name.' },
    TYPE: { description: 'The type, national bodies first, then by ODS code.' },
  } as const,
});

const OrganisationOrderInput = builder.inputType('OrganisationOrder', {
  description: 'How to sort organisations.',
  fields: (t) => ({
    field: t.field({ type: OrganisationOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortDirectionEnum,
      required: false,
      defaultValue: 'ASC',
      description: 'Ascending (default) or descending.',
    }),
  }),
});

type OrganisationFilter = typeof OrganisationFilterInput.$inferInput;

export function organisationWhere(filter: OrganisationFilter | null | undefined): Prisma.OrganisationWhereInput {
  if (!filter) return {};
  const conditions: Prisma.OrganisationWhereInput[] = [];
  if (filter.types) conditions.push({ type: { in: filter.types } });
  if (filter.regionOdsCode) conditions.push({ region: { odsCode: filter.regionOdsCode } });
  if (filter.icbOdsCode) conditions.push({ icb: { odsCode: filter.icbOdsCode } });
  if (filter.parentOdsCode) conditions.push({ parent: { odsCode: filter.parentOdsCode } });
  if (filter.odsCodes) conditions.push({ odsCode: { in: filter.odsCodes } });
  if (typeof filter.ambulanceServices === 'boolean') conditions.push({ ambulanceService: filter.ambulanceServices });
  if (filter.search) {
    conditions.push({
      OR: [
        { odsCode: filter.search.trim().toUpperCase() },
        { name: { contains: filter.search, mode: 'insensitive' } },
        { names: { some: { name: { contains: filter.search, mode: 'insensitive' } } } },
      ],
    });
  }
  if (filter.includeClosed === false) conditions.push({ closedOn: null });
  return { AND: conditions };
}

function organisationOrder(
  order: typeof OrganisationOrderInput.$inferInput | null | undefined,
): Prisma.OrganisationOrderByWithRelationInput[] {
  const direction = order?.direction === 'DESC' ? 'desc' : 'asc';
  switch (order?.field) {
    case 'NAME':
      return [{ name: direction }, { id: direction }];
    case 'TYPE':
      return [{ type: direction }, { odsCode: direction }];
    default:
      return [{ odsCode: direction }];
  }
}

export const OrganisationNameRef = builder.prismaObject('OrganisationName', {
  description: 'A name an organisation had over a span of time.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name.' }),
    designation: t.exposeString('designation', {
      description:
        'What the organisation was then: "STP footprint", "Integrated care board", "Clinical commissioning group".',
    }),
    validFrom: t.expose('validFrom', {
      type: 'Date',
      nullable: true,
      description: 'First day of the name, where known.',
    }),
    validTo: t.expose('validTo', {
      type: 'Date',
      nullable: true,
      description: 'Last day of the name; null while it is current.',
    }),
    source: t.relation('source', { description: 'Where the name is recorded.' }),
  }),
});

export const OrganisationNameConnection = builder.connectionObject(
  {
    type: OrganisationNameRef,
    name: 'OrganisationNameConnection',
    description: 'A page of names an organisation has had.',
  },
  { name: 'OrganisationNameEdge', description: 'One item of the page and its cursor.' },
);

export const OrganisationRef = builder.prismaNode('Organisation', {
  description:
    'A body in the NHS hierarchy, identified by its ODS code: NHS England, a region, an ICB, a sub-ICB location, a trust or another provider.',
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    odsCode: t.exposeString('odsCode', {
      description: 'The Organisation Data Service code ("QMJ", "RJ1"; "X24" is NHS England).',
    }),
    onsCode: t.exposeString('onsCode', {
      nullable: true,
      description: 'The ONS statistical code (E40… regions, E54… ICBs, E38… sub-ICB locations), where there is one.',
    }),
    name: t.exposeString('name', { description: 'The current name.' }),
    type: t.expose('type', { type: OrganisationTypeEnum, description: 'What kind of body it is.' }),
    ambulanceService: t.exposeBoolean('ambulanceService', {
      description:
        "Whether it runs an NHS ambulance service (its own rows in NHS England's AmbSYS): the ten ambulance trusts and the Isle of Wight NHS Trust. They serve regions, not ICBs: ambulance metrics roll up to regions and England only.",
    }),
    openedOn: t.expose('openedOn', { type: 'Date', nullable: true, description: 'When it opened, where known.' }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: 'When it closed; null while open.' }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The organisation directly above it (trust → ICB → region → NHS England).',
    }),
    region: t.relation('region', {
      nullable: true,
      description: 'The NHS England region it is in; null for a region itself and national bodies.',
    }),
    icb: t.relation('icb', {
      nullable: true,
      description: 'The ICB it is in; null above ICB level and for providers under no ICB.',
    }),
    source: t.relation('source', { description: 'The reference file it comes from.' }),
    names: t.relatedConnection(
      'names',
      {
        description: 'Every name it has had, earliest first (ICBs were STP footprints; sub-ICB locations were CCGs).',
        extensions: { [EXPECTED_SIZE]: 5 },
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: [{ validFrom: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] }),
      },
      OrganisationNameConnection,
    ),
    nameOn: t.string({
      nullable: true,
      description: 'The name it had on a date (its STP footprint name in 2017, its ICB name today).',
      args: { date: t.arg({ type: 'Date', required: true, description: 'The date.' }) },
      select: (args) => {
        const day = toDbDate(args.date);
        return {
          names: {
            where: {
              AND: [
                { OR: [{ validFrom: null }, { validFrom: { lte: day } }] },
                { OR: [{ validTo: null }, { validTo: { gte: day } }] },
              ],
            },
            orderBy: { validFrom: { sort: 'desc', nulls: 'last' } },
            take: 1,
          },
        };
      },
      resolve: (organisation) => organisation.names[0]?.name ?? null,
    }),
    latest: t.field({
      type: MeasurementRef,
      nullable: true,
      description:
        'Its measurement for the latest period with data on a metric; null with none. An unknown metric code is an UNKNOWN_METRIC error.',
      args: { metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }) },
      select: { id: true, type: true },
      resolve: (organisation, args, context) => context.services.standings.latest(organisation, args.metricCode),
    }),
    standing: t.field({
      type: TargetStandingRef,
      nullable: true,
      description:
        'How its latest value stands against the target that applies to it for that period (with no data: NO_DATA against the target in force today). Null when no target on the metric applies to it. An unknown metric code is an UNKNOWN_METRIC error.',
      args: { metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }) },
      select: { id: true, type: true },
      resolve: (organisation, args, context) =>
        context.services.standings.latestStanding(organisation, args.metricCode),
    }),
    measurements: t.relatedConnection(
      'measurements',
      {
        description:
          'Its measurements of one metric, earliest period first, optionally between two periods (inclusive). An unknown metric code gives an empty list.',
        cursor: 'id',
        totalCount: true,
        args: {
          metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
          from: t.arg.string({
            required: false,
            description: 'First period to include ("2024-06").',
            validate: periodLabel,
          }),
          to: t.arg.string({
            required: false,
            description: 'Last period to include ("2025-06").',
            validate: periodLabel,
          }),
        },
        query: (args) => ({
          where: { metric: { code: args.metricCode }, ...periodSpanWhere(args.from, args.to) },
          orderBy: { periodStart: 'asc' },
        }),
      },
      MeasurementConnection,
    ),
  }),
});

export const OrganisationConnection = builder.connectionObject(
  { type: OrganisationRef, name: 'OrganisationConnection', description: 'A page of organisations.' },
  { name: 'OrganisationEdge', description: 'One item of the page and its cursor.' },
);

// Added after the connection type exists: an organisation's children are organisations.
builder.prismaObjectFields(OrganisationRef, (t) => ({
  children: t.relatedConnection(
    'children',
    {
      description: 'The organisations directly under it, by ODS code.',
      cursor: 'id',
      totalCount: true,
      args: {
        types: t.arg({ type: [OrganisationTypeEnum], required: false, description: 'Only children of these types.' }),
      },
      query: (args) => ({ where: args.types ? { type: { in: args.types } } : {}, orderBy: { odsCode: 'asc' } }),
    },
    OrganisationConnection,
  ),
}));

builder.queryFields((t) => ({
  organisation: t.prismaField({
    type: 'Organisation',
    nullable: true,
    description: 'One organisation by ODS code (case-insensitive); null when there is none.',
    args: {
      odsCode: t.arg.string({ required: true, description: 'The ODS code ("QMJ").', validate: z.string().max(20) }),
    },
    resolve: (query, _parent, args, context) =>
      context.db.prisma.organisation.findUnique({ ...query, where: { odsCode: args.odsCode.trim().toUpperCase() } }),
  }),
  organisations: t.prismaConnection(
    {
      type: 'Organisation',
      description: 'Organisations, filtered and sorted (by ODS code unless told otherwise).',
      cursor: 'id',
      args: {
        filter: t.arg({ type: OrganisationFilterInput, required: false, description: 'Which organisations to list.' }),
        orderBy: t.arg({ type: OrganisationOrderInput, required: false, description: 'How to sort them.' }),
      },
      totalCount: (_parent, args, context) =>
        context.db.prisma.organisation.count({ where: organisationWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.db.prisma.organisation.findMany({
          ...query,
          where: organisationWhere(args.filter),
          orderBy: organisationOrder(args.orderBy),
        }),
    },
    OrganisationConnection,
  ),
}));
