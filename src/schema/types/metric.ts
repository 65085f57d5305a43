import { providersRollUpToIcbs } from '../../domain/measurement.js';
import { TargetConnection } from './target.js';
import { builder } from '../builder.js';
import { AggregationEnum, FrequencyEnum, OrganisationTypeEnum, PolarityEnum, UnitEnum } from './enums.js';

export const MetricRef = builder.prismaNode('Metric', {
  description: 'Something measured, such as AE_4HR, the share of A&E attendances seen within four hours.',
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code: "AE_4HR" is the four-hour A&E metric.' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    description: t.exposeString('description', {
      description: 'What exactly is counted, numerator and denominator for a rate.',
    }),
    unit: t.expose('unit', { type: UnitEnum, description: 'What the values count.' }),
    polarity: t.expose('polarity', { type: PolarityEnum, description: 'Whether higher or lower values are better.' }),
    aggregation: t.expose('aggregation', { type: AggregationEnum, description: 'How values roll up the hierarchy.' }),
    frequency: t.expose('frequency', {
      type: FrequencyEnum,
      description: 'How often it is reported, which fixes the period format.',
    }),
    source: t.relation('source', {
      description: 'The document that names this metric, or the publication its values come from.',
    }),
    hasData: t.boolean({
      description:
        'Whether any value is recorded for it. A metric the mandates set but nobody publishes yet answers false: "no data" is an answer, not an error.',
      resolve: async (metric, _args, context) => (await context.services.metricCoverage.of(metric.id)).values > 0,
    }),
    reportedAt: t.field({
      type: [OrganisationTypeEnum],
      description:
        "The organisation levels it has values at, providers' own and roll-ups (AMB_CAT2_MEAN: NATIONAL_BODY, REGION and TRUST, never ICB); empty without data.",
      resolve: async (metric, _args, context) => (await context.services.metricCoverage.of(metric.id)).levels,
    }),
    rollsUpToIcbs: t.boolean({
      description:
        "Whether providers' values roll up to their ICBs as well as to regions and England. False for the ambulance metrics (the services serve regions, not ICBs), for metrics the ICBs report themselves (`reportedByIcbs`), and for those that do not roll up at all (aggregation NONE).",
      resolve: (metric) => providersRollUpToIcbs(metric),
    }),
    reportedByIcbs: t.exposeBoolean('icbsReport', {
      description:
        "Whether ICBs report it themselves (the virtual ward metrics): ICBs' values are as reported, regions and England roll up from them, and providers' values, where given, roll up nowhere.",
    }),
    firstPeriod: t.string({
      nullable: true,
      description: 'The earliest period with a value; null without data.',
      resolve: async (metric, _args, context) => (await context.services.metricCoverage.of(metric.id)).firstPeriod,
    }),
    lastPeriod: t.string({
      nullable: true,
      description: 'The latest period with a value; null without data.',
      resolve: async (metric, _args, context) => (await context.services.metricCoverage.of(metric.id)).lastPeriod,
    }),
    targets: t.relatedConnection(
      'targets',
      {
        description: 'Every target set on this metric, earliest in force first.',
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: [{ inForceFrom: 'asc' }, { id: 'asc' }] }),
      },
      TargetConnection,
    ),
  }),
});

export const MetricConnection = builder.connectionObject(
  { type: MetricRef, name: 'MetricConnection', description: 'A page of metrics.' },
  { name: 'MetricEdge', description: 'One item of the page and its cursor.' },
);

builder.queryFields((t) => ({
  metric: t.prismaField({
    type: 'Metric',
    nullable: true,
    description: 'One metric by its code ("AE_4HR"); null when there is none.',
    args: { code: t.arg.string({ required: true, description: "The metric's code." }) },
    resolve: (query, _parent, args, context) =>
      context.db.prisma.metric.findUnique({ ...query, where: { code: args.code } }),
  }),
  metrics: t.prismaConnection(
    {
      type: 'Metric',
      description: 'Every metric, by code.',
      cursor: 'id',
      totalCount: (_parent, _args, context) => context.db.prisma.metric.count(),
      resolve: (query, _parent, _args, context) =>
        context.db.prisma.metric.findMany({ ...query, orderBy: { code: 'asc' } }),
    },
    MetricConnection,
  ),
}));
